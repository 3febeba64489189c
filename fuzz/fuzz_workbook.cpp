// The workbook reader: arbitrary bytes as an .xlsx and as an .ods file ->
// Document. Seeded with the workbooks of samples/workbook (scripts/fuzz.sh).
// Mutated bytes mostly break the zip's checksums, so this target tries the
// container and the part check (xml_check.hpp); fuzz_workbook_parts reaches
// the XML readers behind them.
#include "workbook_check.hpp"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    lmacheck::LoadLimits limits;
    limits.max_bytes = 4u << 20;  // expanded parts too: bounded memory per input
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    lmacheck::fuzz::check_workbook_document(lmacheck::parse_submission(bytes, "fuzz.xlsx", limits));
    lmacheck::fuzz::check_workbook_document(lmacheck::parse_submission(bytes, "fuzz.ods", limits));
    return 0;
}
