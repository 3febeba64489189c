#include "engine/workbook_columns.hpp"

#include "lmacheck/json_pointer.hpp"
#include "schema/schema_walk.hpp"
#include "workbook/workbook_document.hpp"

#include <algorithm>

namespace lmacheck {
namespace {

// The schema of one record of a record sheet: an array's items, or (for an
// object of records keyed by name, `capacity_totals`) the schema of its
// first named member, which all members share. nullptr when the schema does
// not say which keys a record has.
const nlohmann::json* record_schema(const nlohmann::json& schema, const workbook::RecordSheet& sheet) {
    const nlohmann::json* records = subschema_at(schema, {sheet.name});
    if (records == nullptr || !records->is_object()) return nullptr;
    std::string token = "0";
    if (records->contains("properties") && !records->contains("items")) {
        const auto& members = (*records)["properties"];
        if (!members.is_object() || members.empty()) return nullptr;
        token = members.begin().key();
    }
    const nlohmann::json* record = subschema_at(schema, {sheet.name, token});
    if (record == nullptr || !record->is_object() || !record->contains("properties")) return nullptr;
    return record;
}

std::string cell_name(const workbook::RecordSheet& sheet, workbook::CellAddress cell) {
    return sheet.name + "!" + workbook::a1(cell);
}

// An unknown column: at its header cell, with the path of the first value
// in it (the path JSON would give that value's key), or the sheet's when
// the column is empty.
RawFinding unknown_column(const workbook::RecordSheet& sheet, const workbook::RecordColumn& column,
                          const nlohmann::json& record) {
    RawFinding finding;
    finding.rule = "schema.structure";
    const std::string suggestion = closest_key(record, column.name);
    if (column.first_filled) {
        finding.path = *column.first_filled;
        append_token(finding.path, column.name);
        finding.message_id = suggestion.empty() ? "unknown-key" : "unknown-key-suggestion";
    } else {
        append_token(finding.path, sheet.name);
        finding.message_id = "workbook-unknown-column";
    }
    finding.args = MessageArgs{{"key", column.name}};
    if (!suggestion.empty()) {
        finding.args.emplace_back("suggestion", suggestion);
        finding.expected = suggestion;
    }
    finding.actual = column.name;
    finding.position = SourcePosition{0, 0, cell_name(sheet, column.header)};
    return finding;
}

// A required field no column holds: at row 1, where the column belongs,
// with the path of the first record (the object JSON would say lacks it).
RawFinding missing_column(const workbook::RecordSheet& sheet, const std::string& key) {
    RawFinding finding;
    finding.rule = "schema.structure";
    finding.path = *sheet.first_record;
    finding.message_id = "missing-key";
    finding.args = MessageArgs{{"key", key}};
    finding.expected = key;
    finding.position = SourcePosition{0, 0, cell_name(sheet, sheet.after_headers)};
    return finding;
}

bool has_column(const workbook::RecordSheet& sheet, const std::string& name) {
    return std::any_of(sheet.columns.begin(), sheet.columns.end(),
                       [&](const workbook::RecordColumn& column) { return column.name == name; });
}

}  // namespace

ColumnFindings check_workbook_columns(const Document& document, const nlohmann::json& schema) {
    ColumnFindings result;
    for (const workbook::RecordSheet& sheet : workbook::record_sheets(document)) {
        const nlohmann::json* record = record_schema(schema, sheet);
        if (record == nullptr) continue;
        const nlohmann::json& properties = (*record)["properties"];
        ReportedColumns reported{sheet.name, {}, {}};
        if (record->value("additionalProperties", nlohmann::json(true)) == false) {
            for (const workbook::RecordColumn& column : sheet.columns) {
                if (properties.contains(column.name)) continue;
                result.findings.push_back(unknown_column(sheet, column, *record));
                reported.unknown.insert(column.name);
            }
        }
        // Without a record nothing lacks the field (an empty sheet is an
        // empty list, which the schema judges as such).
        const auto required = record->find("required");
        if (sheet.first_record && required != record->end() && required->is_array()) {
            for (const nlohmann::json& key : *required) {
                if (!key.is_string() || has_column(sheet, key.get<std::string>())) continue;
                result.findings.push_back(missing_column(sheet, key.get<std::string>()));
                reported.missing.insert(key.get<std::string>());
            }
        }
        if (!reported.unknown.empty() || !reported.missing.empty()) result.reported.push_back(std::move(reported));
    }
    return result;
}

}  // namespace lmacheck
