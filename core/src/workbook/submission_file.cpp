#include "workbook/submission_file.hpp"

#include "document/file_bytes.hpp"
#include "workbook/file_names.hpp"
#include "workbook/workbook_document.hpp"

namespace lmacheck {
using workbook::ends_with_ignoring_case;

bool is_workbook_name(std::string_view name) {
    return ends_with_ignoring_case(name, ".xlsx") || ends_with_ignoring_case(name, ".ods");
}

Document load_submission(const std::filesystem::path& file, std::string name, const LoadLimits& limits) {
    if (!is_workbook_name(file.filename().string())) return load_document(file, std::move(name), limits);
    auto bytes = document_detail::read_file_bytes(file, limits.max_bytes);
    if (auto* content = std::get_if<std::string>(&bytes)) {
        return workbook::parse_workbook(std::move(*content), std::move(name), limits);
    }
    // What cannot be read is reported the same way for every form.
    return load_document(file, std::move(name), limits);
}

Document parse_submission(std::string bytes, std::string name, const LoadLimits& limits) {
    // Standard input ("-") has no name to go by: a zip is a workbook.
    const bool zip_on_standard_input = name == "-" && bytes.starts_with(std::string_view("PK\x03\x04", 4));
    if (is_workbook_name(name) || zip_on_standard_input) {
        return workbook::parse_workbook(std::move(bytes), std::move(name), limits);
    }
    return parse_document(std::move(bytes), std::move(name), limits);
}

}  // namespace lmacheck
