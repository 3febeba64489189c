// Zip archives byte by byte, for workbooks no spreadsheet program would
// write: bombs, lies, truncations, encrypted flags.
#pragma once

#include <string>
#include <vector>

namespace lmacheck::test {

struct ZipEntry {
    std::string name;
    std::string data;
    bool encrypted_flag = false;
};

// A zip of deflated entries (zlib), central directory and all.
std::string build_zip(const std::vector<ZipEntry>& entries);

// The parts of a minimal .xlsx with one sheet `name` whose <sheetData> is
// `sheet_data` and whose shared strings are `strings`.
std::vector<ZipEntry> xlsx_parts(const std::string& name, const std::string& sheet_data,
                                 const std::vector<std::string>& strings = {});

// One sheet of xlsx_book: its name, its <sheetData>, its state ("" for
// visible, "hidden", "veryHidden") and the target of its relationship
// ("" for a part of its own, xl/worksheets/sheetN.xml).
struct XlsxSheet {
    std::string name;
    std::string sheet_data;
    std::string state{};
    std::string target{};
};

// The parts of an .xlsx with these sheets, in order, and shared strings.
std::vector<ZipEntry> xlsx_book(const std::vector<XlsxSheet>& sheets, const std::vector<std::string>& strings = {});

}  // namespace lmacheck::test
