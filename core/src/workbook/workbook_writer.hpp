// The JSON form of a submission written as a workbook (.xlsx) in the shape
// the reader reads (docs/spreadsheets.md), so that the two convert into
// each other without loss.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <stdexcept>
#include <string>

namespace lmacheck::workbook {

// What a workbook cannot hold (an array inside a field sheet, a sheet name
// a spreadsheet refuses, ...), naming the value's JSON Pointer; or a file
// that cannot be written.
class WriteError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Writes `document` to `file` as .xlsx. Throws WriteError.
void write_workbook(const nlohmann::json& document, const std::filesystem::path& file);

// What write_workbook does, with libxlsxwriter; reached through the
// workbook module (workbook_module.hpp), like read_workbook_cells.
void write_workbook_xlsx(const nlohmann::json& document, const std::filesystem::path& file);

}  // namespace lmacheck::workbook
