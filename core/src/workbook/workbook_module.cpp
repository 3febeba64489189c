// workbook_module(): the part linked into the program, or else the module
// lmacheck_workbook_module.so, loaded once, on first use, from lib/lmacheck
// beside the program's bin/ (workbook_module.hpp says why); and the layer's
// functions that go through it.
#include "workbook/workbook_module.hpp"

#include "model/config_error.hpp"
#include "model/program_directory.hpp"

#include <mutex>
#include <string>

#include <dlfcn.h>

namespace lmacheck::workbook {

// Weak: null unless the program links workbook_module_entry.cpp.
extern const WorkbookModule& linked_workbook_module() __attribute__((weak));

namespace {

namespace fs = std::filesystem;

fs::path module_path() {
    std::error_code ec;
    const fs::path dir = program_directory(ec);
    if (ec) throw ConfigError("cannot find the workbook module: where this program lies is unknown (" + ec.message() + ")");
    return (dir / ".." / "lib" / "lmacheck" / "lmacheck_workbook_module.so").lexically_normal();
}

// The module is never unloaded: what it gave stays valid for the run.
const WorkbookModule* load_module() {
    const fs::path path = module_path();
    void* module = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (module == nullptr) {
        const char* why = ::dlerror();  // names the file
        throw ConfigError("cannot load the workbook module: " + std::string(why ? why : path.string()) +
                          " (it is built and installed with lmacheck; workbooks cannot be read or written without it)");
    }
    using Entry = const WorkbookModule*();
    auto* entry = reinterpret_cast<Entry*>(::dlsym(module, "lmacheck_workbook_module"));
    if (entry == nullptr) throw ConfigError("the workbook module " + path.string() + " is not lmacheck's (no entry point)");
    return entry();
}

}  // namespace

const WorkbookModule& workbook_module() {
    if (&linked_workbook_module != nullptr) return linked_workbook_module();
    static std::once_flag once;
    static const WorkbookModule* loaded = nullptr;
    std::call_once(once, [] { loaded = load_module(); });  // a throw leaves it to be tried again
    return *loaded;
}

std::variant<Workbook, ReadProblem> read_workbook(std::string_view bytes, const ReadLimits& limits) {
    return workbook_module().read_cells(bytes, limits);
}

void write_workbook(const nlohmann::json& document, const std::filesystem::path& file) {
    if (std::string error = workbook_module().write_workbook(document, file); !error.empty()) throw WriteError(error);
}

void write_template(const TemplateRequest& request, const std::filesystem::path& file) {
    if (std::string error = workbook_module().write_template(request, file); !error.empty()) throw WriteError(error);
}

}  // namespace lmacheck::workbook
