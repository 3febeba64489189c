#include "plugins/plugin_loader.hpp"

#include "lmacheck/aggregate.hpp"

#include "model/config_error.hpp"
#include "plugins/plugin_guard.hpp"
#include "lmacheck/plugin.hpp"

#include <boost/dll/import.hpp>
#include <boost/dll/shared_library.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <system_error>

#include <dlfcn.h>

namespace lmacheck {
namespace {

namespace fs = std::filesystem;

std::string search_path_text(const std::vector<fs::path>& directories) {
    std::string text;
    for (const fs::path& dir : directories) {
        if (!text.empty()) text += ":";
        text += dir.string();
    }
    return text;
}

// Opens `file` with dlopen first, for dlopen's own words on failure (a
// missing library, an undefined symbol, not an ELF file): Boost.DLL's
// exception adds whatever errno held ("Bad file descriptor"). Our handle is
// released once Boost.DLL holds its own, so the library is mapped (and its
// initialisers run) once.
boost::dll::shared_library open_library(const fs::path& file, const std::string& where) {
    // dlopen would block on a FIFO named *.so, waiting for a writer.
    std::error_code type_ec;
    const fs::file_status type = fs::status(file, type_ec);
    if (fs::exists(type) && !fs::is_regular_file(type)) {
        throw ConfigError("cannot load " + where + ": not a regular file");
    }
    ::dlerror();  // clear an old message
    void* handle = ::dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
        const char* reason = ::dlerror();
        throw ConfigError("cannot load " + where + ": " + (reason != nullptr ? reason : "dlopen gave no reason"));
    }
    boost::dll::shared_library library;
    try {
        // rtld_now: a plugin with unresolved symbols fails here, not mid-run.
        library.load(boost::dll::fs::path(file.string()), boost::dll::load_mode::rtld_now);
    } catch (const std::exception& e) {
        ::dlclose(handle);
        throw ConfigError("cannot load " + where + ": " + e.what());
    }
    ::dlclose(handle);
    return library;
}

// Calls one entry point of a plugin: whatever it throws, of any type, stops
// the run with a ConfigError naming the plugin (never std::terminate), and
// the call is watched (engine/plugin_guard.hpp).
template <typename Call>
auto call_plugin(const std::string& where, const std::string& entry_point, Call&& call) {
    const PluginCall watched({entry_point, " of ", where});
    try {
        return call();
    } catch (const std::exception& e) {
        throw ConfigError(entry_point + " of " + where + " failed: " + e.what());
    } catch (...) {
        throw ConfigError(entry_point + " of " + where +
                          " failed with an exception of a type other than std::exception");
    }
}

class CollectingRegistry final : public RuleRegistry {
public:
    void add(std::unique_ptr<Rule> rule) override {
        if (rule) rules.push_back(std::move(rule));
    }
    std::vector<std::unique_ptr<Rule>> rules;
};

std::vector<fs::path> plugin_files(const fs::path& dir, const std::string& search_path) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        throw ConfigError("plugin directory " + dir.string() + " does not exist or is not a directory" +
                          " (plugin search path: " + search_path + ")");
    }
    std::vector<fs::path> files;
    fs::directory_iterator it(dir, ec);
    if (ec) throw ConfigError("cannot list plugin directory " + dir.string() + ": " + ec.message());
    for (; it != fs::directory_iterator(); it.increment(ec)) {
        if (ec) throw ConfigError("cannot list plugin directory " + dir.string() + ": " + ec.message());
        if (it->path().extension() == ".so") files.push_back(it->path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::vector<LoadedRule> load_one(const fs::path& file, const std::string& search_path) {
    const std::string where = "plugin " + file.string() + " (plugin search path: " + search_path + ")";
    boost::dll::shared_library library = open_library(file, where);
#ifdef LMACHECK_KEEP_PLUGINS_LOADED
    // Sanitizer builds: the library stays mapped until exit (one reference
    // never released), so a leak it caused is reported with its frames.
    ::dlopen(file.c_str(), RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE);
#endif
    if (!library.has("lmacheck_abi_version")) {
        throw ConfigError("not an lmacheck plugin: " + where + " exports no lmacheck_abi_version");
    }
    // The ABI version is checked before anything else of the plugin is called.
    auto abi_version = boost::dll::import<std::uint32_t()>(library, "lmacheck_abi_version");
    const std::uint32_t found = call_plugin(where, "lmacheck_abi_version", [&] { return abi_version(); });
    if (found != plugin_abi_version) {
        throw ConfigError("wrong ABI version in " + where + ": it has version " + std::to_string(found) +
                          ", this lmacheck needs version " + std::to_string(plugin_abi_version));
    }
    if (!library.has("lmacheck_register_rules")) {
        throw ConfigError("not an lmacheck plugin: " + where + " exports no lmacheck_register_rules factory");
    }
    std::string plugin_name = file.stem().string();
    if (library.has("lmacheck_plugin_name")) {
        auto name_function = boost::dll::import<const char*()>(library, "lmacheck_plugin_name");
        const char* name = call_plugin(where, "lmacheck_plugin_name", [&] { return name_function(); });
        if (name != nullptr) plugin_name = name;
    }
    auto register_rules = boost::dll::import<void(RuleRegistry&)>(library, "lmacheck_register_rules");

    CollectingRegistry registry;
    call_plugin(where, "the factory lmacheck_register_rules", [&] { register_rules(registry); });

    std::vector<LoadedRule> loaded;
    for (auto& rule : registry.rules) {
        // What the catalog reads of the rule; a throwing info() stops here, naming the plugin.
        call_plugin(where, "a rule's info()", [&] { return rule->info().id.size(); });
        // The deleter holds the imported factory, which holds the library.
        std::shared_ptr<const Rule> owned(rule.release(), [keep_loaded = register_rules](const Rule* r) { delete r; });
        loaded.push_back(LoadedRule{std::move(owned), plugin_name, file});
    }
    spdlog::debug("loaded plugin {} ({} rules) from {}", plugin_name, loaded.size(), file.string());
    return loaded;
}

}  // namespace

std::vector<LoadedRule> load_plugins(const std::vector<fs::path>& directories) {
    const std::string search_path = search_path_text(directories);
    if (directories.empty()) throw ConfigError("no plugin directory given");
    std::vector<LoadedRule> all;
    std::map<std::string, fs::path> origin;
    for (const fs::path& dir : directories) {
        for (const fs::path& file : plugin_files(dir, search_path)) {
            for (LoadedRule& loaded : load_one(file, search_path)) {
                const std::string& id = loaded.rule->info().id;
                auto [it, inserted] = origin.emplace(id, file);
                if (!inserted) {
                    throw ConfigError("rule " + id + " is defined twice: in " + it->second.string() + " and in " +
                                      file.string());
                }
                all.push_back(std::move(loaded));
            }
        }
    }
    if (all.empty()) throw ConfigError("no lmacheck plugins found (plugin search path: " + search_path + ")");
    return all;
}

std::shared_ptr<const Check> configure_check(const std::shared_ptr<const Rule>& rule, const Options& options,
                                             const std::string& plugin) {
    const std::string what = "rule " + rule->info().id + (plugin.empty() ? "" : " of plugin " + plugin);
    std::unique_ptr<Check> check;
    {
        const PluginCall watched({"the check constructor of ", what});
        try {
            check = rule->configure(options);
        } catch (const std::exception&) {
            throw;  // the caller names the options that made it fail
        } catch (...) {
            throw ConfigError(what + " could not be configured: its check's constructor threw an exception of a "
                              "type other than std::exception");
        }
    }
    if (!check) throw ConfigError(what + " returned no check");
    // The engine calls a level-3 check through AggregateCheck and any other
    // through Check::check: a rule whose check is the other kind would
    // silently never run.
    const bool aggregate = dynamic_cast<const AggregateCheck*>(check.get()) != nullptr;
    if (aggregate != (rule->info().level == 3)) {
        throw ConfigError(what + " has level " + std::to_string(rule->info().level) + " but its check " +
                          (aggregate ? "is an AggregateCheck, which only level-3 rules have"
                                     : "is no AggregateCheck, which every level-3 rule needs (lmacheck/aggregate.hpp)"));
    }
    return std::shared_ptr<const Check>(check.release(), [keep_loaded = rule](const Check* c) { delete c; });
}

}  // namespace lmacheck
