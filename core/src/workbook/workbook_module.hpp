// The part of the workbook layer that needs liborcus (reading cells, with
// expat and zlib checking every part first) and libxlsxwriter (writing
// workbooks and templates). Those libraries, and OpenSSL's libcrypto that
// libxlsxwriter loads, cost every process that links them about half of a
// one-file run's start-up (docs/performance.md, cold start), so a program
// either links this part whole (lmacheck_core: lmacheck-serve, the tests,
// the fuzzers) or, as lmacheck does (lmacheck_core_base), loads the module
// lmacheck_workbook_module.so the first time it reads or writes a workbook.
// The module lies in <prefix>/lib/lmacheck, one directory up from bin/, in
// the build tree and installed alike.
#pragma once

#include "workbook/sheet_reader.hpp"
#include "workbook/template_writer.hpp"
#include "workbook/workbook_writer.hpp"

#include <filesystem>
#include <string>

namespace lmacheck::workbook {

// What the part offers. The writers return the text of their WriteError
// ("" when written), so that no exception crosses the module's edge.
struct WorkbookModule {
    decltype(&read_workbook_cells) read_cells = nullptr;
    std::string (*write_workbook)(const nlohmann::json& document, const std::filesystem::path& file) = nullptr;
    std::string (*write_template)(const TemplateRequest& request, const std::filesystem::path& file) = nullptr;
};

// The part linked into the program, else the module, loaded once; throws
// ConfigError naming the module's path when it cannot be loaded.
const WorkbookModule& workbook_module();

// The part itself (workbook_module_entry.cpp, in lmacheck_workbook_module).
const WorkbookModule& linked_workbook_module();

}  // namespace lmacheck::workbook
