// The empty workbook of one kind and reporting year (`lmacheck template`),
// in the shape the reader reads (docs/spreadsheets.md): every sheet and
// header the kind's schema has, number formats by the fields' types,
// drop-down lists (the year's financing streams and municipality codes, the
// schema's other enums) kept on the hidden sheet `lists`, and a comment on
// every header cell in English or Dutch.
#pragma once

#include "workbook/workbook_writer.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace lmacheck::workbook {

enum class ValueType { count, amount, percentage, boolean, text, date_time, choice };

// One column of a record sheet, or one row of a field sheet.
struct TemplateField {
    std::string path;                  // the JSON key; dots for nesting on field sheets
    ValueType type = ValueType::text;
    bool required = false;
    std::string list;                  // for a choice: the column of `lists` that holds its values
    std::vector<std::string> choices;  // for a choice from the schema's enum: its values
    std::string schema_description;    // used only when the text catalog lacks the field
};

struct TemplateSheet {
    std::string name;
    bool records = false;  // a record sheet (a header per field) or a field sheet (`field | value`)
    std::vector<TemplateField> fields;
};

// The sheets of the kind's schema (schemas/<kind>-1.0.schema.json, read in
// its key order): `submission` first, then each section in the schema's
// order, `explanations` last. Throws WriteError for a section the
// spreadsheet contract has no sheet for.
std::vector<TemplateSheet> template_layout(const nlohmann::ordered_json& schema);

struct TemplateRequest {
    std::string kind;  // institution | municipality
    int year = 0;
    bool dutch = false;
    nlohmann::ordered_json schema;
    std::vector<std::string> financing;                               // the streams valid in `year`
    std::vector<std::pair<std::string, std::string>> municipalities;  // code and name, valid in `year`
};

// Writes the template to `file`, whole or not at all (a temporary file
// beside it, renamed). Throws WriteError.
void write_template(const TemplateRequest& request, const std::filesystem::path& file);

// What write_template does, with libxlsxwriter; reached through the
// workbook module (workbook_module.hpp), like read_workbook_cells.
void write_template_xlsx(const TemplateRequest& request, const std::filesystem::path& file);

}  // namespace lmacheck::workbook
