#include "workbook/workbook_writer.hpp"

#include "lmacheck/json_pointer.hpp"
#include "workbook/workbook_document.hpp"
#include "workbook/xlsx_error.hpp"

#include <xlsxwriter.h>

#include <array>
#include <map>
#include <memory>
#include <vector>

namespace lmacheck::workbook {
namespace {

// The contract's column order of each record sheet; other keys follow in
// alphabetical order.
const std::map<std::string, std::vector<std::string>>& record_columns() {
    static const std::map<std::string, std::vector<std::string>> columns{
        {"locations", {"location_id", "name", "municipality_code", "province"}},
        {"capacity", {"location_id", "financing", "beds_year_end", "bed_days", "places", "clients"}},
        {"capacity_totals", {"financing", "beds_year_end", "bed_days", "places", "clients"}},
        {"explanations", {"rule", "path", "text"}},
    };
    return columns;
}

constexpr std::array<const char*, 5> envelope_order{"format", "format_version", "kind", "reporting_year",
                                                    "submitted_at"};
constexpr std::array<const char*, 11> section_order{"locations",         "capacity",           "capacity_totals",
                                                    "ambulatory",        "fact",               "clients",
                                                    "clinical_quality",  "sheltered_housing",  "ambulatory_support",
                                                    "policy",            "explanations"};

class Writer {
public:
    explicit Writer(const std::filesystem::path& file) : book_(workbook_new(file.string().c_str())) {
        if (book_ == nullptr) throw WriteError("cannot create " + file.string());
        bold_ = workbook_add_format(book_);
        format_set_bold(bold_);
    }
    ~Writer() {
        if (book_ != nullptr) workbook_close(book_);  // only after a failure: close() below is the normal end
    }
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;

    void write(const nlohmann::json& document) {
        if (!document.is_object()) throw WriteError("the document is not a JSON object");
        write_envelope(document);
        for (const char* name : section_order) {
            if (const auto it = document.find(name); it != document.end()) write_section(name, *it);
        }
        for (const auto& [key, value] : document.items()) {
            if (is_envelope_key(key) || is_known_section(key)) continue;
            if (value.is_object() || (value.is_array() && !value.empty())) write_section(key, value);
        }
    }

    void close(const std::filesystem::path& file) {
        lxw_workbook* book = book_;
        book_ = nullptr;
        check_xlsx(workbook_close(book), "cannot write " + file.string());
    }

private:
    static bool is_envelope_key(const std::string& key) {
        for (const char* name : envelope_order) {
            if (key == name) return true;
        }
        return key == "submitter";
    }
    static bool is_known_section(const std::string& key) {
        for (const char* name : section_order) {
            if (key == name) return true;
        }
        return false;
    }

    lxw_worksheet* add_sheet(const std::string& name) {
        if (workbook_validate_sheet_name(book_, name.c_str()) != LXW_NO_ERROR || name == lists_sheet) {
            throw WriteError("the key `" + name + "` cannot be the name of a sheet");
        }
        lxw_worksheet* sheet = workbook_add_worksheet(book_, name.c_str());
        if (sheet == nullptr) throw WriteError("cannot add the sheet `" + name + "`");
        return sheet;
    }

    void write_cell(lxw_worksheet* sheet, std::uint32_t row, std::uint16_t column, const nlohmann::json& value,
                    const std::string& pointer) {
        const std::string where = "the value at " + (pointer.empty() ? std::string("\"\"") : pointer);
        if (value.is_null()) {
            // A formula with no computed value: what the reader reads as null.
            check_xlsx(worksheet_write_formula_str(sheet, row, column, "=NA()", nullptr, ""), where);
        } else if (value.is_boolean()) {
            check_xlsx(worksheet_write_boolean(sheet, row, column, value.get<bool>() ? 1 : 0, nullptr), where);
        } else if (value.is_number()) {
            check_xlsx(worksheet_write_number(sheet, row, column, value.get<double>(), nullptr), where);
        } else if (value.is_string()) {
            const auto& text = value.get_ref<const std::string&>();
            if (text.empty()) throw WriteError(where + " is an empty text, which a cell cannot hold apart from an empty cell");
            check_xlsx(worksheet_write_string(sheet, row, column, text.c_str(), nullptr), where);
        } else {
            throw WriteError(where + " is an " + std::string(value.type_name()) + ", which a cell cannot hold");
        }
    }

    void header(lxw_worksheet* sheet, std::uint16_t column, const std::string& name) {
        check_xlsx(worksheet_write_string(sheet, 0, column, name.c_str(), bold_), "a header");
    }

    void write_envelope(const nlohmann::json& document) {
        lxw_worksheet* sheet = add_sheet(std::string(envelope_sheet));
        header(sheet, 0, "field");
        header(sheet, 1, "value");
        std::uint32_t row = 1;
        std::vector<std::pair<std::string, const nlohmann::json*>> fields;
        for (const char* name : envelope_order) {
            if (const auto it = document.find(name); it != document.end()) fields.emplace_back(name, &*it);
        }
        if (const auto it = document.find("submitter"); it != document.end()) fields.emplace_back("submitter", &*it);
        for (const auto& [key, value] : document.items()) {
            // Scalars (and the like) under keys that are not sections: where
            // else would they go.
            if (is_envelope_key(key) || is_known_section(key)) continue;
            if (!value.is_object() && !(value.is_array() && !value.empty())) fields.emplace_back(key, &value);
        }
        for (const auto& [key, value] : fields) write_fields(sheet, row, key, *value, pointer_of("", key));
        worksheet_set_column(sheet, 0, 0, 36, nullptr);
        worksheet_set_column(sheet, 1, 1, 28, nullptr);
    }

    static std::string pointer_of(std::string base, const std::string& key) {
        append_token(base, key);
        return base;
    }

    // One row per value, its path with dots in column A.
    void write_fields(lxw_worksheet* sheet, std::uint32_t& row, const std::string& path, const nlohmann::json& value,
                      const std::string& pointer) {
        if (value.is_object() && !value.empty()) {
            for (const auto& [key, inner] : value.items()) {
                if (key.find('.') != std::string::npos || key.empty()) {
                    throw WriteError("the key at " + pointer_of(pointer, key) + " cannot be a field name (a dot or empty)");
                }
                write_fields(sheet, row, path + "." + key, inner, pointer_of(pointer, key));
            }
            return;
        }
        if (value.is_object()) throw WriteError("the value at " + pointer + " is an empty object, which a sheet cannot hold");
        check_xlsx(worksheet_write_string(sheet, row, 0, path.c_str(), nullptr), "a field name");
        write_cell(sheet, row, 1, value, pointer);
        ++row;
    }

    void write_section(const std::string& name, const nlohmann::json& value) {
        const std::string pointer = pointer_of("", name);
        if (record_columns().contains(name) || value.is_array()) {
            write_records(name, value, pointer);
            return;
        }
        if (!value.is_object()) throw WriteError("the value at " + pointer + " is neither an object nor an array");
        lxw_worksheet* sheet = add_sheet(name);
        header(sheet, 0, "field");
        header(sheet, 1, "value");
        std::uint32_t row = 1;
        for (const auto& [key, inner] : value.items()) {
            if (key.find('.') != std::string::npos || key.empty()) {
                throw WriteError("the key at " + pointer_of(pointer, key) + " cannot be a field name (a dot or empty)");
            }
            write_fields(sheet, row, key, inner, pointer_of(pointer, key));
        }
        worksheet_set_column(sheet, 0, 0, 44, nullptr);
        worksheet_set_column(sheet, 1, 1, 16, nullptr);
    }

    void write_records(const std::string& name, const nlohmann::json& value, const std::string& pointer) {
        const bool totals = name == "capacity_totals";
        if (totals ? !value.is_object() : !value.is_array()) {
            throw WriteError("the value at " + pointer + " is not " + (totals ? "an object" : "an array"));
        }
        std::vector<std::string> columns;
        if (const auto known = record_columns().find(name); known != record_columns().end()) columns = known->second;
        else if (totals) columns.push_back("financing");
        for (const auto& [key, record] : value.items()) {
            if (!record.is_object()) {
                throw WriteError("the value at " + pointer_of(pointer, key) + " is not an object, which a row cannot hold");
            }
            for (const auto& [field, inner] : record.items()) {
                if (std::find(columns.begin(), columns.end(), field) == columns.end()) columns.push_back(field);
            }
        }
        lxw_worksheet* sheet = add_sheet(name);
        for (std::size_t c = 0; c < columns.size(); ++c) header(sheet, static_cast<std::uint16_t>(c), columns[c]);
        std::uint32_t row = 1;
        for (const auto& [key, record] : value.items()) {
            const std::string record_pointer = pointer_of(pointer, key);
            if (record.empty() && !totals) {
                throw WriteError("the value at " + record_pointer + " is an empty object, which a row cannot hold");
            }
            for (std::size_t c = 0; c < columns.size(); ++c) {
                const auto column = static_cast<std::uint16_t>(c);
                if (totals && columns[c] == "financing") {
                    if (record.contains("financing")) {
                        throw WriteError("the value at " + record_pointer + " has a key `financing`, the totals' key column");
                    }
                    write_cell(sheet, row, column, key, record_pointer);
                    continue;
                }
                if (const auto it = record.find(columns[c]); it != record.end()) {
                    write_cell(sheet, row, column, *it, pointer_of(record_pointer, columns[c]));
                }
            }
            ++row;
        }
        worksheet_set_column(sheet, 0, static_cast<lxw_col_t>(columns.empty() ? 0 : columns.size() - 1), 18, nullptr);
    }

    lxw_workbook* book_;
    lxw_format* bold_ = nullptr;
};

}  // namespace

void write_workbook_xlsx(const nlohmann::json& document, const std::filesystem::path& file) {
    Writer writer(file);
    writer.write(document);
    writer.close(file);
}

}  // namespace lmacheck::workbook
