// A submission file of either form: JSON text, or a workbook (.xlsx, .ods),
// told apart by the file's name as the command line and the upload page give it.
#pragma once

#include "document/document.hpp"

#include <filesystem>
#include <string>
#include <string_view>

namespace lmacheck {

// True for names ending in .xlsx or .ods (any case).
bool is_workbook_name(std::string_view name);

// load_document / parse_document, or their workbook counterparts by `name`.
Document load_submission(const std::filesystem::path& file, std::string name, const LoadLimits& limits);
Document parse_submission(std::string bytes, std::string name, const LoadLimits& limits);

}  // namespace lmacheck
