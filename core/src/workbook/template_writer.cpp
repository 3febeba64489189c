#include "workbook/template_writer.hpp"

#include "workbook/cell_address.hpp"
#include "workbook/template_texts.hpp"
#include "workbook/workbook_document.hpp"
#include "workbook/xlsx_error.hpp"

#include <xlsxwriter.h>

#include <unistd.h>

#include <algorithm>
#include <array>
#include <map>
#include <system_error>

namespace lmacheck::workbook {
namespace {

namespace fs = std::filesystem;
using ordered_json = nlohmann::ordered_json;

constexpr std::array<std::string_view, 6> envelope_keys{"format",       "format_version", "kind",
                                                        "reporting_year", "submitted_at", "submitter"};
constexpr std::string_view financing_list = "financing";
constexpr std::string_view municipality_list = "municipality_code";
constexpr std::string_view municipality_names = "municipality_name";

bool is_envelope_key(std::string_view key) {
    return std::find(envelope_keys.begin(), envelope_keys.end(), key) != envelope_keys.end();
}

// A schema node with its local $refs followed, and the names of the
// definitions passed on the way (`financing`, `municipality_code`, ...).
struct Resolved {
    const ordered_json* node = nullptr;
    std::vector<std::string> definitions;
};

Resolved resolve(const ordered_json& schema, const ordered_json& node) {
    Resolved resolved{&node, {}};
    constexpr std::string_view prefix = "#/definitions/";
    for (int hops = 0; hops < 32 && resolved.node->is_object() && resolved.node->contains("$ref"); ++hops) {
        const auto& ref = (*resolved.node)["$ref"];
        if (!ref.is_string() || !ref.get_ref<const std::string&>().starts_with(prefix)) break;
        const std::string name = ref.get<std::string>().substr(prefix.size());
        const auto definitions = schema.find("definitions");
        if (definitions == schema.end() || !definitions->contains(name)) {
            throw WriteError("the schema refers to the definition `" + name + "`, which it lacks");
        }
        resolved.definitions.push_back(name);
        resolved.node = &(*definitions)[name];
    }
    return resolved;
}

std::string description_of(const ordered_json& field, const Resolved& resolved) {
    for (const ordered_json* node : {&field, resolved.node}) {
        if (node->is_object() && node->contains("description") && (*node)["description"].is_string()) {
            return (*node)["description"].get<std::string>();
        }
    }
    return {};
}

bool has_definition(const Resolved& resolved, std::string_view name) {
    return std::find(resolved.definitions.begin(), resolved.definitions.end(), name) != resolved.definitions.end();
}

// The cell a field's value takes, from its schema node.
TemplateField field_of(const std::string& path, std::string_view key, const ordered_json& field,
                       const Resolved& resolved, bool required) {
    TemplateField out;
    out.path = path;
    out.required = required;
    out.schema_description = description_of(field, resolved);
    const ordered_json& node = *resolved.node;
    const std::string type = node.is_object() && node.contains("type") && node["type"].is_string()
                                 ? node["type"].get<std::string>()
                                 : std::string();
    if (has_definition(resolved, financing_list)) {
        out.type = ValueType::choice;
        out.list = financing_list;
    } else if (has_definition(resolved, municipality_list)) {
        out.type = ValueType::choice;
        out.list = municipality_list;
    } else if (node.is_object() && node.contains("enum") && node["enum"].is_array()) {
        out.type = ValueType::choice;
        out.list = std::string(key);
        for (const auto& value : node["enum"]) {
            if (value.is_string()) out.choices.push_back(value.get<std::string>());
        }
    } else if (type == "integer") {
        out.type = ValueType::count;
    } else if (type == "number") {
        const bool up_to_100 = node.contains("maximum") && node["maximum"].is_number() && node["maximum"] == 100;
        out.type = up_to_100 ? ValueType::percentage : ValueType::amount;
    } else if (type == "boolean") {
        out.type = ValueType::boolean;
    } else if (type == "string" && node.value("format", "") == "date-time") {
        out.type = ValueType::date_time;
    }
    return out;
}

bool is_required(const ordered_json& object_node, std::string_view key) {
    if (!object_node.is_object() || !object_node.contains("required")) return false;
    for (const auto& name : object_node["required"]) {
        if (name.is_string() && name.get_ref<const std::string&>() == key) return true;
    }
    return false;
}

// The fields of an object, nested ones with dots, in the schema's order.
void collect_fields(const ordered_json& schema, const ordered_json& object_node, const std::string& prefix,
                    bool object_required, std::vector<TemplateField>& fields) {
    if (!object_node.contains("properties")) return;
    for (const auto& [key, field] : object_node["properties"].items()) {
        const Resolved resolved = resolve(schema, field);
        const bool required = object_required && is_required(object_node, key);
        const std::string path = prefix.empty() ? key : prefix + "." + key;
        if (resolved.node->is_object() && resolved.node->value("type", "") == "object") {
            collect_fields(schema, *resolved.node, path, required, fields);
        } else {
            fields.push_back(field_of(path, key, field, resolved, required));
        }
    }
}

TemplateSheet record_sheet(const ordered_json& schema, const std::string& name, const ordered_json& section) {
    TemplateSheet sheet{name, true, {}};
    const Resolved resolved = resolve(schema, section);
    const ordered_json& node = *resolved.node;
    if (name == "capacity_totals") {
        // An object keyed by financing stream: the key is the first column.
        TemplateField key{"financing", ValueType::choice, true, std::string(financing_list), {}, {}};
        sheet.fields.push_back(key);
        if (node.contains("properties") && !node["properties"].empty()) {
            const Resolved totals = resolve(schema, node["properties"].begin().value());
            collect_fields(schema, *totals.node, "", true, sheet.fields);
        }
        return sheet;
    }
    if (!node.contains("items")) throw WriteError("the schema's section `" + name + "` is no list of records");
    const Resolved record = resolve(schema, node["items"]);
    collect_fields(schema, *record.node, "", true, sheet.fields);
    return sheet;
}

}  // namespace

std::vector<TemplateSheet> template_layout(const ordered_json& schema) {
    if (!schema.is_object() || !schema.contains("properties") || !schema["properties"].is_object()) {
        throw WriteError("the schema has no properties");
    }
    TemplateSheet envelope{std::string(envelope_sheet), false, {}};
    std::vector<TemplateSheet> sections;
    std::optional<TemplateSheet> explanations;
    for (const auto& [key, section] : schema["properties"].items()) {
        const bool required = is_required(schema, key);
        if (is_envelope_key(key)) {
            const Resolved resolved = resolve(schema, section);
            if (resolved.node->value("type", "") == "object") {
                collect_fields(schema, *resolved.node, key, required, envelope.fields);
            } else {
                envelope.fields.push_back(field_of(key, key, section, resolved, required));
            }
        } else if (is_record_sheet(key)) {
            TemplateSheet sheet = record_sheet(schema, key, section);
            if (key == "explanations") {
                explanations = std::move(sheet);
            } else {
                sections.push_back(std::move(sheet));
            }
        } else if (is_field_sheet(key)) {
            TemplateSheet sheet{key, false, {}};
            collect_fields(schema, *resolve(schema, section).node, "", required, sheet.fields);
            sections.push_back(std::move(sheet));
        } else {
            throw WriteError("the schema's section `" + key + "` has no sheet in the spreadsheet contract");
        }
    }
    std::vector<TemplateSheet> sheets{std::move(envelope)};
    for (TemplateSheet& sheet : sections) sheets.push_back(std::move(sheet));
    if (explanations) sheets.push_back(std::move(*explanations));
    return sheets;
}

namespace {

std::string replace_year(std::string text, int year) {
    const std::size_t at = text.find("{year}");
    if (at != std::string::npos) text.replace(at, 6, std::to_string(year));
    return text;
}

std::string joined(const std::vector<std::string>& values) {
    std::string out;
    for (const auto& value : values) out += (out.empty() ? "" : ", ") + value;
    return out;
}

class TemplateWriter {
public:
    TemplateWriter(const TemplateRequest& request, const fs::path& file)
        : request_(request), book_(workbook_new(file.string().c_str())) {
        if (book_ == nullptr) throw WriteError("cannot create " + file.string());
        header_ = add_format(nullptr);
        format_set_bold(header_);
        format_set_bg_color(header_, 0xDDEBF7);
        formats_[ValueType::count] = add_format("0");
        formats_[ValueType::amount] = add_format("0.00");
        formats_[ValueType::percentage] = add_format("0.0");
        formats_[ValueType::text] = add_format("@");
        formats_[ValueType::choice] = add_format("@");
        formats_[ValueType::date_time] = add_format("yyyy-mm-dd hh:mm:ss");
        formats_[ValueType::boolean] = nullptr;
    }
    ~TemplateWriter() {
        if (book_ != nullptr) workbook_close(book_);  // only after a failure
    }
    TemplateWriter(const TemplateWriter&) = delete;
    TemplateWriter& operator=(const TemplateWriter&) = delete;

    void write() {
        const std::vector<TemplateSheet> sheets = template_layout(request_.schema);
        plan_lists(sheets);
        for (const TemplateSheet& sheet : sheets) {
            if (sheet.records) {
                write_record_sheet(sheet);
            } else {
                write_field_sheet(sheet);
            }
        }
        write_lists();
    }

    void close(const fs::path& file) {
        lxw_workbook* book = book_;
        book_ = nullptr;
        check_xlsx(workbook_close(book), "cannot write " + file.string());
    }

private:
    lxw_format* add_format(const char* number_format) {
        lxw_format* format = workbook_add_format(book_);
        if (number_format != nullptr) format_set_num_format(format, number_format);
        return format;
    }

    const char* say(const Bilingual& text) const { return text.in(request_.dutch); }

    // The values of each list, and its column on `lists`, in order of use.
    void plan_lists(const std::vector<TemplateSheet>& sheets) {
        for (const TemplateSheet& sheet : sheets) {
            for (const TemplateField& field : sheet.fields) {
                if (field.type != ValueType::choice || lists_.contains(field.list)) continue;
                std::vector<std::string> values = field.choices;
                if (field.list == financing_list) values = request_.financing;
                if (field.list == municipality_list) {
                    values.clear();
                    for (const auto& [code, name] : request_.municipalities) values.push_back(code);
                }
                if (values.empty()) throw WriteError("the drop-down list `" + field.list + "` would be empty");
                list_order_.push_back(field.list);
                lists_.emplace(field.list, std::move(values));
            }
        }
    }

    // The column of each list on `lists`: municipality names sit beside
    // their codes, for people (no drop-down uses them).
    std::uint16_t list_column(const std::string& name) const {
        std::uint16_t column = 0;
        for (const std::string& list : list_order_) {
            if (list == name) return column;
            column = static_cast<std::uint16_t>(column + (list == municipality_list ? 2 : 1));
        }
        throw WriteError("no list `" + name + "`");
    }

    std::string list_range(const std::string& name) const {
        const std::uint16_t column = list_column(name);
        const auto rows = static_cast<std::uint32_t>(lists_.at(name).size());
        const std::string letter = column_letters(column);
        return "=" + std::string(lists_sheet) + "!$" + letter + "$2:$" + letter + "$" + std::to_string(rows + 1);
    }

    void write_lists() {
        lxw_worksheet* sheet = workbook_add_worksheet(book_, std::string(lists_sheet).c_str());
        if (sheet == nullptr) throw WriteError("cannot add the sheet `lists`");
        for (const std::string& name : list_order_) {
            const std::uint16_t column = list_column(name);
            check_xlsx(worksheet_write_string(sheet, 0, column, name.c_str(), header_), "a list");
            const auto& values = lists_.at(name);
            for (std::size_t i = 0; i < values.size(); ++i) {
                check_xlsx(worksheet_write_string(sheet, static_cast<lxw_row_t>(i + 1), column, values[i].c_str(), nullptr),
                           "a list");
            }
            if (name == municipality_list) {
                const auto names_column = static_cast<std::uint16_t>(column + 1);
                check_xlsx(worksheet_write_string(sheet, 0, names_column, std::string(municipality_names).c_str(), header_),
                           "a list");
                for (std::size_t i = 0; i < request_.municipalities.size(); ++i) {
                    check_xlsx(worksheet_write_string(sheet, static_cast<lxw_row_t>(i + 1), names_column,
                                                      request_.municipalities[i].second.c_str(), nullptr),
                               "a list");
                }
            }
            worksheet_set_column(sheet, column, column, 22, nullptr);
        }
        worksheet_hide(sheet);
    }

    std::string explanation(const std::string& sheet, const TemplateField& field) const {
        std::string text;
        if (const auto known = field_text(sheet, field.path)) {
            text = say(*known);
        } else {
            text = field.schema_description;  // a field the catalog does not know yet
        }
        text += "\n";
        if (fixed_value(sheet, field)) {
            text += say(template_text::filled_in);
            return text;
        }
        switch (field.type) {
            case ValueType::count: text += say(template_text::count); break;
            case ValueType::amount: text += say(template_text::amount); break;
            case ValueType::percentage: text += say(template_text::percentage); break;
            case ValueType::boolean: text += say(template_text::boolean); break;
            case ValueType::text: text += say(template_text::text); break;
            case ValueType::date_time: text += say(template_text::date_time); break;
            case ValueType::choice:
                if (field.list == municipality_list) {
                    text += replace_year(say(template_text::municipality_list), request_.year);
                } else {
                    text += std::string(say(template_text::choose_from_list)) + " " + joined(lists_.at(field.list)) + ".";
                }
                break;
        }
        text += " ";
        text += say(field.required ? template_text::required : template_text::optional);
        return text;
    }

    // What the template fills in itself: what identifies the kind and year.
    std::optional<nlohmann::json> fixed_value(const std::string& sheet, const TemplateField& field) const {
        if (sheet != envelope_sheet) return std::nullopt;
        if (field.path == "format") return "lma-submission";
        if (field.path == "format_version") return "1.0";
        if (field.path == "kind") return request_.kind;
        if (field.path == "reporting_year") return request_.year;
        return std::nullopt;
    }

    void comment(lxw_worksheet* sheet, std::uint32_t row, std::uint16_t column, const std::string& text) {
        lxw_comment_options options{};
        options.author = const_cast<char*>("lmacheck");
        options.width = 360;
        options.height = 150;
        check_xlsx(worksheet_write_comment_opt(sheet, row, column, text.c_str(), &options), "a comment");
    }

    // The drop-down list or the number check of a field's cells.
    void validate(lxw_worksheet* sheet, std::uint32_t first_row, std::uint32_t last_row, std::uint16_t column,
                  const TemplateField& field) {
        lxw_data_validation rule{};
        rule.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
        std::string formula;
        std::string message;
        switch (field.type) {
            case ValueType::choice:
                formula = list_range(field.list);
                rule.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
                rule.value_formula = formula.data();
                message = say(template_text::choose_from_list);
                break;
            case ValueType::count:
                rule.validate = LXW_VALIDATION_TYPE_INTEGER;
                rule.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
                rule.value_number = 0;
                message = say(template_text::count);
                break;
            case ValueType::amount:
                rule.validate = LXW_VALIDATION_TYPE_DECIMAL;
                rule.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
                rule.value_number = 0;
                message = say(template_text::amount);
                break;
            case ValueType::percentage:
                rule.validate = LXW_VALIDATION_TYPE_DECIMAL;
                rule.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
                rule.minimum_number = 0;
                rule.maximum_number = 100;
                message = say(template_text::percentage);
                break;
            default: return;
        }
        rule.error_message = message.data();
        check_xlsx(worksheet_data_validation_range(sheet, first_row, column, last_row, column, &rule), "a drop-down list");
    }

    lxw_worksheet* add_sheet(const std::string& name) {
        if (workbook_validate_sheet_name(book_, name.c_str()) != LXW_NO_ERROR) {
            throw WriteError("`" + name + "` cannot be the name of a sheet");
        }
        lxw_worksheet* sheet = workbook_add_worksheet(book_, name.c_str());
        if (sheet == nullptr) throw WriteError("cannot add the sheet `" + name + "`");
        worksheet_freeze_panes(sheet, 1, 0);
        return sheet;
    }

    void write_record_sheet(const TemplateSheet& sheet) {
        lxw_worksheet* out = add_sheet(sheet.name);
        for (std::size_t c = 0; c < sheet.fields.size(); ++c) {
            const TemplateField& field = sheet.fields[c];
            const auto column = static_cast<std::uint16_t>(c);
            check_xlsx(worksheet_write_string(out, 0, column, field.path.c_str(), header_), "a header");
            const std::string text = explanation(sheet.name, field) + "\n" + say(template_text::record_sheet);
            comment(out, 0, column, text);
            const double width = std::max<double>(14, static_cast<double>(field.path.size()) + 4);
            worksheet_set_column(out, column, column, sheet.name == "explanations" && field.path == "text" ? 60 : width,
                                 formats_.at(field.type));
            validate(out, 1, LXW_ROW_MAX - 1, column, field);
        }
    }

    void write_field_sheet(const TemplateSheet& sheet) {
        lxw_worksheet* out = add_sheet(sheet.name);
        check_xlsx(worksheet_write_string(out, 0, 0, "field", header_), "a header");
        check_xlsx(worksheet_write_string(out, 0, 1, "value", header_), "a header");
        comment(out, 0, 0, say(template_text::field_header));
        comment(out, 0, 1, say(template_text::value_header));
        std::uint32_t row = 1;
        for (const TemplateField& field : sheet.fields) {
            // The row's number format reaches the value cell, which stays
            // empty (a cell with only a format would still be a cell).
            check_xlsx(worksheet_set_row(out, row, LXW_DEF_ROW_HEIGHT, formats_.at(field.type)), "a row");
            check_xlsx(worksheet_write_string(out, row, 0, field.path.c_str(), nullptr), "a field name");
            comment(out, row, 0, explanation(sheet.name, field));
            if (const auto fixed = fixed_value(sheet.name, field)) {
                if (fixed->is_number()) {
                    check_xlsx(worksheet_write_number(out, row, 1, fixed->get<double>(), nullptr), "a value");
                } else {
                    check_xlsx(worksheet_write_string(out, row, 1, fixed->get<std::string>().c_str(), nullptr), "a value");
                }
            } else {
                validate(out, row, row, 1, field);
            }
            ++row;
        }
        worksheet_set_column(out, 0, 0, 46, nullptr);
        worksheet_set_column(out, 1, 1, 24, nullptr);
    }

    const TemplateRequest& request_;
    lxw_workbook* book_;
    lxw_format* header_ = nullptr;
    std::map<ValueType, lxw_format*> formats_;
    std::vector<std::string> list_order_;
    std::map<std::string, std::vector<std::string>> lists_;
};

}  // namespace

void write_template_xlsx(const TemplateRequest& request, const fs::path& file) {
    std::error_code ec;
    if (fs::is_directory(file, ec)) throw WriteError(file.string() + " is a directory");
    // libxlsxwriter writes the zip at close, straight to its file: write a
    // temporary file beside the output and rename it, so a failure never
    // leaves half a workbook under the output's name.
    const fs::path partial = file.string() + ".partial-" + std::to_string(::getpid());
    try {
        TemplateWriter writer(request, partial);
        writer.write();
        writer.close(file);
    } catch (...) {
        fs::remove(partial, ec);
        throw;
    }
    fs::rename(partial, file, ec);
    if (ec) {
        std::error_code ignored;
        fs::remove(partial, ignored);
        throw WriteError("cannot write " + file.string() + ": " + ec.message());
    }
}

}  // namespace lmacheck::workbook
