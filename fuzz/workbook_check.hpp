// What both workbook fuzz targets assert of the Document a workbook maps to:
// either it is unreadable, with exactly one document.unreadable finding, or
// it maps to a JSON object whose findings are the reader's own level-0
// kinds, and every position it gives names a cell.
#pragma once

#include "workbook/submission_file.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>

namespace lmacheck::fuzz {

[[noreturn]] inline void workbook_fail(const char* what, const std::string& detail) {
    std::fprintf(stderr, "fuzz_workbook: %s %s\n", what, detail.c_str());
    std::abort();
}

inline void check_workbook_document(const lmacheck::Document& doc) {
    if (!doc.sha256) workbook_fail("no SHA-256 for bytes in memory", "");
    if (!doc.json) {
        if (doc.findings.size() != 1 || doc.findings[0].rule != "document.unreadable") {
            workbook_fail("an unreadable workbook without exactly one document.unreadable", "");
        }
        return;
    }
    if (!doc.json->is_object()) workbook_fail("a workbook mapped to something else than an object", doc.json->dump());
    for (const auto& finding : doc.findings) {
        if (finding.rule != "document.duplicate-key" && finding.rule != "schema.structure") {
            workbook_fail("a readable workbook has the finding", finding.rule);
        }
        if (!finding.position || finding.position->cell.empty()) {
            workbook_fail("a workbook finding without its cell", finding.rule);
        }
    }
    for (const char* pointer : {"", "/capacity/0/bed_days", "/submitter/agb_code", "/x/~1/0", "/~2"}) {
        const auto position = doc.position_of(pointer);
        if (position && position->cell.find('!') == std::string::npos) {
            workbook_fail("a position that is not a cell", pointer);
        }
    }
}

}  // namespace lmacheck::fuzz
