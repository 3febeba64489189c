// Level 0 for a workbook's record sheets: a column whose header the schema
// does not know, and a required field that no column holds, are each one
// schema.structure finding at row 1 (the header cell; for a missing column
// the first free cell right of the headers), not one finding per record as
// the schema alone would give (docs/spreadsheets.md).
#pragma once

#include "document/document.hpp"
#include "model/raw_finding.hpp"
#include "schema/structure_check.hpp"

#include <nlohmann/json.hpp>

#include <vector>

namespace lmacheck {

struct ColumnFindings {
    std::vector<RawFinding> findings;
    std::vector<ReportedColumns> reported;  // for StructureChecker::check, which then leaves them out per record
};

// The column findings of `document` (none for a document that is not a
// workbook) against `schema`, the source of the schema its kind is judged by.
ColumnFindings check_workbook_columns(const Document& document, const nlohmann::json& schema);

}  // namespace lmacheck
