// A workbook as a submission document: the sheets and cells of the
// spreadsheet contract (docs/spreadsheets.md) become the same JSON document
// as the JSON form, each value remembering its cell, so that every finding
// can point at the cell the user must change.
#pragma once

#include "document/document.hpp"
#include "model/raw_finding.hpp"
#include "workbook/sheet_reader.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lmacheck::workbook {

// Reads a workbook's bytes into a Document: `json` the submission, the
// findings of reading it (document.unreadable when it cannot be used;
// repeated headers and fields, values without a header), and the cell of
// every value as its positions. Never throws for bad content.
Document parse_workbook(std::string bytes, std::string name, const LoadLimits& limits);

// The document of a workbook already read (the converter, tests).
struct Mapped {
    nlohmann::json json;
    std::vector<RawFinding> findings;
    std::shared_ptr<const PositionSource> positions;
};
Mapped map_workbook(const Workbook& workbook);

// A record sheet as it was read: its headers and which records fill them,
// so that a column the schema does not know, or a required one the sheet
// lacks, is reported once at row 1 instead of once per record
// (engine/workbook_columns.hpp).
struct RecordColumn {
    std::string name;
    CellAddress header;
    std::optional<std::string> first_filled;  // the pointer of the first record with a value in it
};
struct RecordSheet {
    std::string name;                         // the sheet's name, the section's key
    std::vector<RecordColumn> columns;        // the headers that count (of a repeated one its last column),
                                              // without the key column `financing` of `capacity_totals`
    CellAddress after_headers;                // row 1's first cell right of everything in it (A1 when row 1 is full)
    std::optional<std::string> first_record;  // the pointer of the first record, when the sheet has one
};
// The record sheets of a workbook's document, in sheet order; empty for a
// document that is not a workbook.
const std::vector<RecordSheet>& record_sheets(const Document& document);

// Gives the schema's findings on workbook cells the reason behind the value
// a cell holds: text that looks like a number (with the hint to enter it as
// a number), a formula never computed, a reference to another file. Does
// nothing for a document that is not a workbook.
void explain_cell_values(const Document& document, std::vector<RawFinding>& findings);

// Sheets with these names are sections of the document; any other sheet is
// an unknown key, except `lists`, the template's drop-down lists, and a
// hidden sheet (which is not read at all).
bool is_record_sheet(std::string_view name);
bool is_field_sheet(std::string_view name);
inline constexpr std::string_view lists_sheet = "lists";
inline constexpr std::string_view envelope_sheet = "submission";

}  // namespace lmacheck::workbook
