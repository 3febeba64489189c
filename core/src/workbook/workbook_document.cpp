#include "workbook/workbook_document.hpp"

#include "lmacheck/json_pointer.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <map>
#include <set>
#include <unordered_map>

namespace lmacheck::workbook {
namespace {

constexpr std::array<std::string_view, 4> record_sheet_names{"locations", "capacity", "capacity_totals", "explanations"};
constexpr std::array<std::string_view, 8> field_sheet_names{
    "submission", "ambulatory", "fact", "clients", "clinical_quality", "sheltered_housing", "ambulatory_support",
    "policy"};
constexpr std::string_view totals_sheet = "capacity_totals";
constexpr std::string_view totals_key_column = "financing";

enum class NoteKind { text_number, formula_without_value, external_reference, not_a_number };

struct Note {
    NoteKind kind;
    std::string text;
};

// The cell of every value, by pointer, and what the reader noticed about
// some of them (explain_cell_values).
class CellPositions final : public PositionSource {
public:
    std::optional<SourcePosition> find(std::string_view pointer) const override {
        // A pointer without a cell of its own (a key the sheet leaves out)
        // points at its parent's cell: the record's row, the sheet.
        std::string key(pointer);
        while (true) {
            if (const auto it = cells_.find(key); it != cells_.end()) return SourcePosition{0, 0, it->second};
            if (key.empty()) return std::nullopt;
            key.erase(key.rfind('/'));
        }
    }
    // The cell of the value the document keeps at `pointer`: as in JSON, a
    // repeated field's last value counts, and with it its cell.
    void set(std::string pointer, const std::string& sheet, CellAddress cell) {
        cells_.insert_or_assign(std::move(pointer), sheet + "!" + a1(cell));
    }
    // A place that is no value's own (the first row of an object's fields,
    // the row of a field whose value cell is empty): kept only while the
    // pointer has no better one.
    void set_if_absent(std::string pointer, const std::string& sheet, CellAddress cell) {
        cells_.emplace(std::move(pointer), sheet + "!" + a1(cell));
    }
    void note(std::string pointer, Note note) { notes_.insert_or_assign(std::move(pointer), std::move(note)); }
    void forget_note(const std::string& pointer) { notes_.erase(pointer); }
    const Note* note_at(const std::string& pointer) const {
        const auto it = notes_.find(pointer);
        return it == notes_.end() ? nullptr : &it->second;
    }

    std::vector<RecordSheet> record_sheets;

private:
    std::unordered_map<std::string, std::string> cells_;
    std::unordered_map<std::string, Note> notes_;
};

bool looks_like_number(std::string_view text) {
    // "12", "-3", "12,5", "12.5", "1.234,5": what a person means as a number.
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) text.remove_prefix(1);
    bool digit = false;
    for (char c : text) {
        if (c >= '0' && c <= '9') {
            digit = true;
        } else if (c != ',' && c != '.') {
            return false;
        }
    }
    return digit;
}

// Days since 1899-12-30, as an xlsx date cell holds them (orcus gives the
// serial number; only `submitted_at` is a date), to RFC 3339 in UTC.
std::optional<std::string> serial_date(double serial) {
    if (!std::isfinite(serial) || serial < 1 || serial > 2958465) return std::nullopt;  // up to 9999-12-31
    const auto seconds = static_cast<long long>(std::llround(serial * 86400.0)) - 25569LL * 86400;  // to 1970
    const auto time = static_cast<std::time_t>(seconds);
    std::tm parts{};
    if (gmtime_r(&time, &parts) == nullptr) return std::nullopt;
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
    return std::string(text);
}

class Mapper {
public:
    explicit Mapper(const Workbook& workbook) : workbook_(workbook), positions_(std::make_shared<CellPositions>()) {}

    Mapped run() {
        if (const Sheet* envelope = sheet_named(envelope_sheet)) {
            positions_->set("", envelope->name, {0, 0});
            read_fields(*envelope, "", true);
        }
        for (const Sheet& sheet : workbook_.sheets) {
            if (sheet.hidden || sheet.name == envelope_sheet || sheet.name == lists_sheet) continue;
            std::string pointer;
            append_token(pointer, sheet.name);
            if (json_.contains(sheet.name)) {
                duplicate(sheet, {0, 0}, "", sheet.name);  // two sheets of one name cannot be; a field named like a sheet can
                continue;
            }
            positions_->set(pointer, sheet.name, {0, 0});
            if (is_record_sheet(sheet.name)) {
                read_records(sheet, pointer);
            } else {
                // A field sheet, or a sheet the contract does not know (which
                // the schema reports as an unknown key, at its A1).
                read_fields(sheet, pointer, false);
            }
        }
        if (!json_.is_object()) json_ = nlohmann::json::object();
        return Mapped{std::move(json_), std::move(findings_), positions_};
    }

private:
    const Sheet* sheet_named(std::string_view name) const {
        for (const Sheet& sheet : workbook_.sheets) {
            if (!sheet.hidden && sheet.name == name) return &sheet;
        }
        return nullptr;
    }

    // The JSON value of a cell, noting what explain_cell_values needs.
    nlohmann::json value_of(const CellValue& cell, const std::string& pointer, std::string_view field) {
        positions_->forget_note(pointer);  // an earlier value of a repeated field had it
        switch (cell.type) {
            case CellValue::Type::number:
                // A number cell that is no number (an XML part can say "NaN" or
                // "INF") holds nothing a JSON document could: like a formula
                // without a value, it is null.
                if (!std::isfinite(cell.number)) {
                    positions_->note(pointer, Note{NoteKind::not_a_number, {}});
                    return nullptr;
                }
                if (field == "submitted_at") {
                    if (auto date = serial_date(cell.number)) return *date;
                }
                if (std::isfinite(cell.number) && std::trunc(cell.number) == cell.number &&
                    std::fabs(cell.number) < 9007199254740992.0) {
                    return static_cast<std::int64_t>(cell.number);
                }
                return cell.number;
            case CellValue::Type::boolean: return cell.boolean;
            case CellValue::Type::text:
                if (looks_like_number(cell.text)) positions_->note(pointer, Note{NoteKind::text_number, cell.text});
                return cell.text;
            case CellValue::Type::date: return cell.text;
            case CellValue::Type::formula_without_value:
                positions_->note(pointer, Note{NoteKind::formula_without_value, {}});
                return nullptr;
            case CellValue::Type::external_reference:
                positions_->note(pointer, Note{NoteKind::external_reference, {}});
                return nullptr;
        }
        return nullptr;
    }

    static bool is_empty_text(const CellValue& cell) {
        return cell.type == CellValue::Type::text && cell.text.find_first_not_of(' ') == std::string::npos;
    }

    static const CellValue* cell_at(const Sheet& sheet, CellAddress address) {
        const auto it = sheet.cells.find(address);
        if (it == sheet.cells.end() || is_empty_text(it->second)) return nullptr;
        return &it->second;
    }

    // One finding per repeated key, at its first repetition, as for JSON: a
    // field written three times is one problem.
    void duplicate(const Sheet& sheet, CellAddress cell, const std::string& object_pointer, const std::string& key) {
        if (!reported_duplicates_.emplace(object_pointer, key).second) return;
        RawFinding finding;
        finding.rule = "document.duplicate-key";
        finding.path = object_pointer;
        finding.message_id = "duplicate-key";
        finding.args = MessageArgs{{"key", key}};
        finding.position = SourcePosition{0, 0, sheet.name + "!" + a1(cell)};
        findings_.push_back(std::move(finding));
    }

    void structure(const Sheet& sheet, CellAddress cell, const std::string& pointer, const char* message_id) {
        RawFinding finding;
        finding.rule = "schema.structure";
        finding.path = pointer;
        finding.message_id = message_id;
        finding.args = MessageArgs{{"cell", sheet.name + "!" + a1(cell)}};
        finding.position = SourcePosition{0, 0, sheet.name + "!" + a1(cell)};
        findings_.push_back(std::move(finding));
    }

    // Column A the field's path with dots, column B its value; row 1 the header.
    void read_fields(const Sheet& sheet, const std::string& section_pointer, bool top_level) {
        nlohmann::json section = nlohmann::json::object();
        for (const auto& [address, cell] : sheet.cells) {
            if (address.row == 0 || address.column > 1) continue;
            if (address.column == 1) {
                if (cell_at(sheet, {address.row, 0}) == nullptr && !is_empty_text(cell)) {
                    structure(sheet, address, section_pointer, "workbook-value-without-field");
                }
                continue;
            }
            if (cell.type != CellValue::Type::text || is_empty_text(cell)) continue;
            const CellValue* value = cell_at(sheet, {address.row, 1});
            set_field(sheet, section, section_pointer, cell.text, address.row, value);
        }
        if (top_level) {
            for (auto& [key, value] : section.items()) json_[key] = std::move(value);
        } else if (!section.empty() || (!is_field_sheet(sheet.name) && !sheet.cells.empty())) {
            // A field sheet without a single value is a section left out; a
            // sheet the contract does not know is an unknown key whatever it
            // holds (only a sheet without a single cell is passed over).
            json_[sheet.name] = std::move(section);
        }
    }

    void set_field(const Sheet& sheet, nlohmann::json& section, const std::string& section_pointer,
                   const std::string& path, std::uint32_t row, const CellValue* value) {
        nlohmann::json* object = &section;
        std::string pointer = section_pointer;
        std::size_t start = 0;
        while (true) {
            const std::size_t dot = path.find('.', start);
            const std::string key = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
            const std::string object_pointer = pointer;
            append_token(pointer, key);
            if (dot == std::string::npos) {
                if (value == nullptr) {
                    // An empty cell leaves the key out; a missing key points
                    // at its row, unless another row gives it a value.
                    positions_->set_if_absent(pointer, sheet.name, {row, 0});
                    return;
                }
                if (object->contains(key)) duplicate(sheet, {row, 0}, object_pointer, key);
                positions_->set(pointer, sheet.name, {row, 1});
                (*object)[key] = value_of(*value, pointer, key);
                return;
            }
            positions_->set_if_absent(pointer, sheet.name, {row, 0});  // an object: its first field's row
            // An empty cell leaves out the objects above it too (operator[]
            // would create the key as null).
            if (value == nullptr && !object->contains(key)) return;
            nlohmann::json& next = (*object)[key];
            if (!next.is_object()) {
                const bool replaces_value = !next.is_null();
                if (replaces_value) duplicate(sheet, {row, 0}, object_pointer, key);
                if (value == nullptr) return;
                next = nlohmann::json::object();
                // The object replaces a value: the last counts, from its first row.
                if (replaces_value) positions_->set(pointer, sheet.name, {row, 0});
            }
            object = &next;
            start = dot + 1;
        }
    }

    // Row 1 the field names; every further non-empty row one record.
    void read_records(const Sheet& sheet, const std::string& sheet_pointer) {
        const bool totals = sheet.name == totals_sheet;
        std::map<std::uint32_t, std::string> headers;
        std::map<std::string, std::uint32_t> seen;
        std::set<std::uint32_t> shadowed;  // earlier columns of a repeated header: reported once, at the repeat
        std::optional<std::uint32_t> last_in_header_row;
        for (auto it = sheet.cells.begin(); it != sheet.cells.end() && it->first.row == 0; ++it) {
            if (is_empty_text(it->second)) continue;
            last_in_header_row = it->first.column;
            if (it->second.type != CellValue::Type::text) continue;
            const std::string& name = it->second.text;
            if (seen.contains(name)) {
                duplicate(sheet, it->first, sheet_pointer, name);
                headers.erase(seen[name]);  // the last column of a name is kept, as JSON keeps the last key
                shadowed.insert(seen[name]);
            }
            seen[name] = it->first.column;
            headers[it->first.column] = name;
        }
        nlohmann::json records = totals ? nlohmann::json::object() : nlohmann::json::array();
        std::set<std::uint32_t> columns_without_header;
        std::map<std::uint32_t, std::string> first_filled;  // column -> the first record with a value in it
        std::optional<std::string> first_record;
        std::uint32_t row = 0;
        std::size_t index = 0;
        auto it = sheet.cells.upper_bound(CellAddress{0, max_columns});
        while (it != sheet.cells.end()) {
            row = it->first.row;
            std::vector<std::pair<std::uint32_t, const CellValue*>> cells;
            for (; it != sheet.cells.end() && it->first.row == row; ++it) {
                if (!is_empty_text(it->second)) cells.emplace_back(it->first.column, &it->second);
            }
            if (cells.empty()) continue;
            std::string record_pointer = sheet_pointer;
            nlohmann::json record = nlohmann::json::object();
            std::string totals_key;
            if (totals) {
                const auto key_column = seen.find(std::string(totals_key_column));
                const CellValue* key = key_column == seen.end() ? nullptr : cell_at(sheet, {row, key_column->second});
                if (key == nullptr || key->type != CellValue::Type::text) {
                    structure(sheet, {row, key_column == seen.end() ? 0 : key_column->second}, sheet_pointer,
                              "workbook-record-without-key");
                    continue;
                }
                totals_key = key->text;
                append_token(record_pointer, totals_key);
                if (records.contains(totals_key)) duplicate(sheet, {row, key_column->second}, sheet_pointer, totals_key);
            } else {
                append_token(record_pointer, index);
            }
            positions_->set(record_pointer, sheet.name, {row, cells.front().first});
            if (!first_record) first_record = record_pointer;
            for (const auto& [column, name] : headers) {
                if (totals && name == totals_key_column) continue;
                std::string pointer = record_pointer;
                append_token(pointer, name);
                positions_->set(pointer, sheet.name, {row, column});
            }
            for (const auto& [column, cell] : cells) {
                const auto header = headers.find(column);
                if (header == headers.end()) {
                    if (!shadowed.contains(column) && columns_without_header.insert(column).second) {
                        structure(sheet, {row, column}, record_pointer, "workbook-value-without-header");
                    }
                    continue;
                }
                if (totals && header->second == totals_key_column) continue;
                std::string pointer = record_pointer;
                append_token(pointer, header->second);
                record[header->second] = value_of(*cell, pointer, header->second);
                first_filled.emplace(column, record_pointer);
            }
            if (totals) {
                records[totals_key] = std::move(record);
            } else {
                records.push_back(std::move(record));
                ++index;
            }
        }
        json_[sheet.name] = std::move(records);

        RecordSheet layout{sheet.name, {}, {0, 0}, std::move(first_record)};
        for (const auto& [column, name] : headers) {
            if (totals && name == totals_key_column) continue;
            const auto filled = first_filled.find(column);
            layout.columns.push_back(RecordColumn{
                name, {0, column}, filled == first_filled.end() ? std::nullopt : std::optional(filled->second)});
        }
        if (last_in_header_row && *last_in_header_row + 1 < max_columns) layout.after_headers.column = *last_in_header_row + 1;
        positions_->record_sheets.push_back(std::move(layout));
    }

    const Workbook& workbook_;
    std::shared_ptr<CellPositions> positions_;
    nlohmann::json json_ = nlohmann::json::object();
    std::vector<RawFinding> findings_;
    std::set<std::pair<std::string, std::string>> reported_duplicates_;  // (object pointer, key)
};

void fail(Document& doc, std::string message_id, MessageArgs args, const std::string& cell = {}) {
    RawFinding finding;
    finding.rule = "document.unreadable";
    finding.path = "";
    finding.message_id = std::move(message_id);
    finding.args = std::move(args);
    if (!cell.empty()) finding.position = SourcePosition{0, 0, cell};
    doc.findings.push_back(std::move(finding));
}

bool has_sheet(const Workbook& workbook, std::string_view name, bool hidden) {
    return std::any_of(workbook.sheets.begin(), workbook.sheets.end(),
                       [&](const Sheet& sheet) { return sheet.name == name && sheet.hidden == hidden; });
}

struct MissingSheets {
    std::string names;  // "`a`, `b`"
    bool some_hidden = false;
};

// The sheets of the sections the contract requires of the document's kind,
// that the workbook lacks (or holds only hidden, and so not read), as
// "`a`, `b`"; empty when none (or the kind is not known: the schema
// reports that).
MissingSheets missing_sheets(const Workbook& workbook, const nlohmann::json& document) {
    static const std::vector<std::string_view> institution{"locations", "capacity", "capacity_totals",
                                                           "ambulatory", "fact",     "clients"};
    static const std::vector<std::string_view> municipality{"ambulatory_support", "policy"};
    const auto kind = document.find("kind");
    if (kind == document.end() || !kind->is_string()) return {};
    const std::vector<std::string_view>* required = nullptr;
    if (*kind == "institution") required = &institution;
    if (*kind == "municipality") required = &municipality;
    if (required == nullptr) return {};
    MissingSheets missing;
    for (std::string_view name : *required) {
        if (has_sheet(workbook, name, false)) continue;
        if (!missing.names.empty()) missing.names += ", ";
        missing.names += "`" + std::string(name) + "`";
        if (has_sheet(workbook, name, true)) missing.some_hidden = true;
    }
    return missing;
}

}  // namespace

bool is_record_sheet(std::string_view name) {
    return std::find(record_sheet_names.begin(), record_sheet_names.end(), name) != record_sheet_names.end();
}

bool is_field_sheet(std::string_view name) {
    return std::find(field_sheet_names.begin(), field_sheet_names.end(), name) != field_sheet_names.end();
}

Mapped map_workbook(const Workbook& workbook) { return Mapper(workbook).run(); }

const std::vector<RecordSheet>& record_sheets(const Document& document) {
    static const std::vector<RecordSheet> none;
    const auto* cells = dynamic_cast<const CellPositions*>(document.positions.get());
    return cells == nullptr ? none : cells->record_sheets;
}

Document parse_workbook(std::string bytes, std::string name, const LoadLimits& limits) {
    Document doc;
    doc.name = std::move(name);
    doc.sha256 = sha256_hex(bytes);
    if (bytes.size() > limits.max_bytes) {
        const auto size = static_cast<std::uintmax_t>(bytes.size());
        fail(doc, "too-large", MessageArgs{{"size", size}, {"limit", limits.max_bytes}});
        return doc;
    }
    ReadLimits read_limits;
    read_limits.container.max_expanded_bytes = limits.max_bytes;
    auto read = read_workbook(bytes, read_limits);
    doc.bytes = std::move(bytes);
    if (const auto* problem = std::get_if<ReadProblem>(&read)) {
        fail(doc, problem->message_id, MessageArgs{{"detail", problem->detail}, {"limit", problem->number}},
             problem->cell);
        return doc;
    }
    const Workbook& workbook = std::get<Workbook>(read);
    if (!has_sheet(workbook, envelope_sheet, false)) {
        const bool hidden = has_sheet(workbook, envelope_sheet, true);
        fail(doc, hidden ? "workbook-hidden-submission-sheet" : "workbook-no-submission-sheet",
             MessageArgs{{"detail", ""}, {"limit", 0}});
        return doc;
    }
    Mapped mapped = map_workbook(workbook);
    if (auto missing = missing_sheets(workbook, mapped.json); !missing.names.empty()) {
        fail(doc, missing.some_hidden ? "workbook-missing-sheets-hidden" : "workbook-missing-sheets",
             MessageArgs{{"detail", std::move(missing.names)}, {"limit", 0}});
        return doc;
    }
    doc.json = std::move(mapped.json);
    doc.findings = std::move(mapped.findings);
    doc.positions = std::move(mapped.positions);
    return doc;
}

void explain_cell_values(const Document& document, std::vector<RawFinding>& findings) {
    const auto* cells = dynamic_cast<const CellPositions*>(document.positions.get());
    if (cells == nullptr) return;
    for (RawFinding& finding : findings) {
        if (finding.rule != "schema.structure" || finding.message_id != "invalid-value") continue;
        const Note* note = cells->note_at(finding.path);
        if (note == nullptr) continue;
        switch (note->kind) {
            case NoteKind::text_number:
                finding.message_id = "workbook-text-number";
                finding.args.emplace_back("text", note->text);
                break;
            case NoteKind::formula_without_value: finding.message_id = "workbook-formula-without-value"; break;
            case NoteKind::external_reference: finding.message_id = "workbook-external-reference"; break;
            case NoteKind::not_a_number: finding.message_id = "workbook-not-a-number"; break;
        }
    }
}

}  // namespace lmacheck::workbook
