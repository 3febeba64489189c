// The part of the workbook layer that holds liborcus and libxlsxwriter
// (workbook_module.hpp), as a program links it and as the module exports it.
#include "workbook/workbook_module.hpp"

namespace lmacheck::workbook {
namespace {

template <typename Write, typename Input>
std::string error_text(Write write, const Input& input, const std::filesystem::path& file) {
    try {
        write(input, file);
        return {};
    } catch (const WriteError& e) {
        return e.what();
    }
}

}  // namespace

const WorkbookModule& linked_workbook_module() {
    static const WorkbookModule part{
        &read_workbook_cells,
        [](const nlohmann::json& document, const std::filesystem::path& file) {
            return error_text(write_workbook_xlsx, document, file);
        },
        [](const TemplateRequest& request, const std::filesystem::path& file) {
            return error_text(write_template_xlsx, request, file);
        },
    };
    return part;
}

}  // namespace lmacheck::workbook

// The module's one exported symbol (cell_reader.cpp's loader looks it up).
extern "C" __attribute__((visibility("default"))) const lmacheck::workbook::WorkbookModule* lmacheck_workbook_module() {
    return &lmacheck::workbook::linked_workbook_module();
}
