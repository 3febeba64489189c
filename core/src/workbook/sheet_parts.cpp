#include "workbook/sheet_parts.hpp"

#include <orcus/sax_parser.hpp>
#include <orcus/zip_archive.hpp>
#include <orcus/zip_archive_stream.hpp>

#include <algorithm>
#include <map>
#include <set>

namespace lmacheck::workbook {
namespace {

std::optional<std::string> read_part(const orcus::zip_archive& archive, std::string_view name) {
    std::vector<unsigned char> data;
    if (!archive.read_file_entry(name, data)) return std::nullopt;
    return std::string(reinterpret_cast<const char*>(data.data()), data.size());
}

template <typename Handler>
void parse_xml(const std::string& text, Handler& handler) {
    orcus::sax_parser<Handler> parser(text.data(), text.size(), handler);
    parser.parse();
}

std::string_view folder_of(std::string_view part) {
    const auto slash = part.rfind('/');
    return slash == std::string_view::npos ? std::string_view{} : part.substr(0, slash + 1);
}

// The relationships of an OPC part: each one's id, type and target. The
// attributes arrive before their element (orcus's SAX order).
class Relationships : public orcus::sax_handler {
public:
    struct Relationship {
        std::string type;
        std::string target;
    };

    void attribute(const orcus::sax::parser_attribute& attr) {
        if (!attr.ns.empty()) return;
        if (attr.name == "Id") id_ = attr.value;
        if (attr.name == "Type") type_ = attr.value;
        if (attr.name == "Target") target_ = attr.value;
        if (attr.name == "TargetMode") external_ = attr.value == "External";
    }
    void start_element(const orcus::sax::parser_element& elem) {
        if (elem.name == "Relationship" && !external_) by_id_.emplace(id_, Relationship{type_, target_});
        id_.clear();
        type_.clear();
        target_.clear();
        external_ = false;
    }
    const std::map<std::string, Relationship>& by_id() const { return by_id_; }

private:
    std::string id_, type_, target_;
    bool external_ = false;
    std::map<std::string, Relationship> by_id_;
};

// The <sheet> elements of an .xlsx workbook part: name, state, and the id of
// the relationship that names the sheet's part ("r:id", whatever the prefix).
class WorkbookSheets : public orcus::sax_handler {
public:
    struct Entry {
        std::string name;
        bool hidden = false;
        std::string relationship;
    };

    void attribute(const orcus::sax::parser_attribute& attr) {
        if (attr.ns.empty() && attr.name == "name") name_ = attr.value;
        if (attr.ns.empty() && attr.name == "state") hidden_ = attr.value == "hidden" || attr.value == "veryHidden";
        if (!attr.ns.empty() && attr.name == "id") relationship_ = attr.value;
    }
    void start_element(const orcus::sax::parser_element& elem) {
        if (elem.name == "sheet") entries_.push_back(Entry{name_, hidden_, relationship_});
        name_.clear();
        relationship_.clear();
        hidden_ = false;
    }
    const std::vector<Entry>& entries() const { return entries_; }

private:
    std::string name_, relationship_;
    bool hidden_ = false;
    std::vector<Entry> entries_;
};

std::vector<SheetEntry> list_xlsx_sheets(const orcus::zip_archive& archive) {
    // The workbook part is the package's officeDocument, as liborcus finds it.
    std::string workbook_part = "xl/workbook.xml";
    if (const auto package = read_part(archive, "_rels/.rels")) {
        Relationships rels;
        parse_xml(*package, rels);
        for (const auto& [id, rel] : rels.by_id()) {
            if (rel.type.ends_with("/officeDocument")) workbook_part = resolve_part_name("", rel.target);
        }
    }
    const auto workbook = read_part(archive, workbook_part);
    if (!workbook) return {};
    WorkbookSheets sheets;
    parse_xml(*workbook, sheets);
    const std::string_view folder = folder_of(workbook_part);
    Relationships rels;
    const std::string rels_name =
        std::string(folder) + "_rels/" + std::string(workbook_part.substr(folder.size())) + ".rels";
    if (const auto text = read_part(archive, rels_name)) parse_xml(*text, rels);
    std::vector<SheetEntry> result;
    for (const auto& entry : sheets.entries()) {
        SheetEntry sheet{entry.name, entry.hidden, {}};
        if (const auto rel = rels.by_id().find(entry.relationship); rel != rels.by_id().end()) {
            sheet.part = resolve_part_name(folder, rel->second.target);
        }
        result.push_back(std::move(sheet));
    }
    return result;
}

// An .ods file hides a sheet through its table style: <style:style
// style:family="table"> whose <style:table-properties table:display="false">.
// The automatic styles come before the tables in content.xml.
class OdsTables : public orcus::sax_handler {
public:
    void attribute(const orcus::sax::parser_attribute& attr) {
        if (attr.ns == "style" && attr.name == "name") style_name_ = attr.value;
        if (attr.ns == "style" && attr.name == "family") style_family_ = attr.value;
        if (attr.ns == "table" && attr.name == "display") display_ = attr.value;
        if (attr.ns == "table" && attr.name == "name") table_name_ = attr.value;
        if (attr.ns == "table" && attr.name == "style-name") table_style_ = attr.value;
    }
    void start_element(const orcus::sax::parser_element& elem) {
        if (elem.ns == "style" && elem.name == "style") {
            current_style_ = style_family_ == "table" ? style_name_ : std::string();
        } else if (elem.ns == "style" && elem.name == "table-properties") {
            if (!current_style_.empty() && display_ == "false") hidden_styles_.insert(current_style_);
        } else if (elem.ns == "table" && elem.name == "table") {
            tables_.push_back(SheetEntry{table_name_, hidden_styles_.contains(table_style_), {}});
        }
        style_name_.clear();
        style_family_.clear();
        display_.clear();
        table_name_.clear();
        table_style_.clear();
    }
    void end_element(const orcus::sax::parser_element& elem) {
        if (elem.ns == "style" && elem.name == "style") current_style_.clear();
    }
    std::vector<SheetEntry> take() { return std::move(tables_); }

private:
    std::string style_name_, style_family_, display_, table_name_, table_style_;
    std::string current_style_;  // the table style being read, if any
    std::set<std::string> hidden_styles_;
    std::vector<SheetEntry> tables_;
};

std::vector<SheetEntry> list_ods_sheets(const orcus::zip_archive& archive) {
    const auto content = read_part(archive, "content.xml");
    if (!content) return {};
    OdsTables tables;
    parse_xml(*content, tables);
    return tables.take();
}

}  // namespace

std::string resolve_part_name(std::string_view base_folder, std::string_view target) {
    std::string path = target.starts_with('/') ? std::string(target.substr(1)) : std::string(base_folder) + std::string(target);
    std::vector<std::string> segments;
    std::size_t start = 0;
    while (start <= path.size()) {
        const std::size_t slash = std::min(path.find('/', start), path.size());
        const std::string segment = path.substr(start, slash - start);
        if (segment == "..") {
            if (!segments.empty()) segments.pop_back();
        } else if (!segment.empty() && segment != ".") {
            segments.push_back(segment);
        }
        start = slash + 1;
    }
    std::string name;
    for (const std::string& segment : segments) {
        if (!name.empty()) name += '/';
        name += segment;
    }
    return name;
}

std::vector<SheetEntry> list_sheets(std::string_view bytes, WorkbookFormat format) {
    orcus::zip_archive_stream_blob stream(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    orcus::zip_archive archive(&stream);
    archive.load();
    return format == WorkbookFormat::xlsx ? list_xlsx_sheets(archive) : list_ods_sheets(archive);
}

std::optional<ReadProblem> shared_part_problem(const std::vector<SheetEntry>& sheets) {
    // Part names in an OPC package are case-insensitive (ASCII).
    const auto folded = [](std::string name) {
        for (char& c : name) {
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        }
        return name;
    };
    // Sheet names come from the file: cut long ones (the report escapes the rest).
    const auto shown = [](const std::string& name) {
        constexpr std::size_t max_length = 100;
        return name.size() <= max_length ? name : name.substr(0, max_length) + "...";
    };
    std::map<std::string, const SheetEntry*> by_part;
    for (const SheetEntry& sheet : sheets) {
        if (sheet.part.empty()) continue;
        const auto [it, first] = by_part.emplace(folded(sheet.part), &sheet);
        if (first) continue;
        return ReadProblem{"workbook-shared-sheet-part",
                           "`" + shown(it->second->name) + "` and `" + shown(sheet.name) + "` (" + shown(sheet.part) + ")",
                           0, shown(sheet.name) + "!A1"};
    }
    return std::nullopt;
}

void mark_hidden_sheets(Workbook& workbook, const std::vector<SheetEntry>& sheets) {
    std::vector<bool> used(sheets.size(), false);
    for (Sheet& sheet : workbook.sheets) {
        for (std::size_t i = 0; i < sheets.size(); ++i) {
            if (used[i] || sheets[i].name != sheet.name) continue;
            used[i] = true;
            sheet.hidden = sheets[i].hidden;
            break;
        }
    }
}

}  // namespace lmacheck::workbook
