// A workbook as a submission document: the sheets and cells of the
// spreadsheet contract (docs/spreadsheets.md) become the same JSON document
// as the JSON form, each value remembering its cell, so that every finding
// can point at the cell the user must change.
#pragma once

#include "document/document.hpp"
#include "model/raw_finding.hpp"
#include "workbook/sheet_reader.hpp"

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

// Gives the schema's findings on workbook cells the reason behind the value
// a cell holds: text that looks like a number (with the hint to enter it as
// a number), a formula never computed, a reference to another file. Does
// nothing for a document that is not a workbook.
void explain_cell_values(const Document& document, std::vector<RawFinding>& findings);

// Sheets with these names are sections of the document; any other sheet is
// an unknown key, except `lists`, the template's hidden drop-down lists.
bool is_record_sheet(std::string_view name);
bool is_field_sheet(std::string_view name);
inline constexpr std::string_view lists_sheet = "lists";
inline constexpr std::string_view envelope_sheet = "submission";

}  // namespace lmacheck::workbook
