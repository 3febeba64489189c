// The workbook's parts, not its zip: the input is parts separated by 0x1E,
// each its name, 0x1F, its text (scripts/fuzz.sh seeds it with the parts of
// samples/workbook). The target zips them with sound checksums, so every
// mutation reaches the XML check, liborcus and the mapping to the document,
// as an .xlsx and as an .ods file.
#include "workbook_check.hpp"
#include "../tests/workbook/zip_builder.hpp"

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    std::vector<lmacheck::test::ZipEntry> parts;
    std::size_t at = 0;
    while (at <= input.size()) {
        const std::size_t end = std::min(input.find('\x1e', at), input.size());
        const std::string_view part = input.substr(at, end - at);
        const std::size_t split = part.find('\x1f');
        if (split != std::string_view::npos) {
            parts.push_back({std::string(part.substr(0, split)), std::string(part.substr(split + 1))});
        }
        at = end + 1;
    }
    lmacheck::LoadLimits limits;
    limits.max_bytes = 4u << 20;  // expanded parts too: bounded memory per input
    const std::string bytes = lmacheck::test::build_zip(parts);
    lmacheck::fuzz::check_workbook_document(lmacheck::parse_submission(bytes, "fuzz.xlsx", limits));
    lmacheck::fuzz::check_workbook_document(lmacheck::parse_submission(bytes, "fuzz.ods", limits));
    return 0;
}
