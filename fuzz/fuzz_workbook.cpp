// The workbook reader: arbitrary bytes as an .xlsx and as an .ods file ->
// Document. Seeded with the workbooks of samples/workbook (scripts/fuzz.sh).
// Either the workbook is unreadable, with exactly one document.unreadable
// finding, or it maps to a JSON object whose findings are the reader's own
// level-0 kinds, and every position it gives names a cell.
#include "workbook/submission_file.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

[[noreturn]] void fail(const char* what, const std::string& detail) {
    std::fprintf(stderr, "fuzz_workbook: %s %s\n", what, detail.c_str());
    std::abort();
}

void check(const lmacheck::Document& doc) {
    if (!doc.sha256) fail("no SHA-256 for bytes in memory", "");
    if (!doc.json) {
        if (doc.findings.size() != 1 || doc.findings[0].rule != "document.unreadable") {
            fail("an unreadable workbook without exactly one document.unreadable", "");
        }
        return;
    }
    if (!doc.json->is_object()) fail("a workbook mapped to something else than an object", doc.json->dump());
    for (const auto& finding : doc.findings) {
        if (finding.rule != "document.duplicate-key" && finding.rule != "schema.structure") {
            fail("a readable workbook has the finding", finding.rule);
        }
        if (!finding.position || finding.position->cell.empty()) fail("a workbook finding without its cell", finding.rule);
    }
    for (const char* pointer : {"", "/capacity/0/bed_days", "/submitter/agb_code", "/x/~1/0", "/~2"}) {
        const auto position = doc.position_of(pointer);
        if (position && position->cell.find('!') == std::string::npos) fail("a position that is not a cell", pointer);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    lmacheck::LoadLimits limits;
    limits.max_bytes = 4u << 20;  // expanded parts too: bounded memory per input
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    check(lmacheck::parse_submission(bytes, "fuzz.xlsx", limits));
    check(lmacheck::parse_submission(bytes, "fuzz.ods", limits));
    return 0;
}
