#include "plugins/plugin_loader.hpp"

#include "lmacheck/aggregate.hpp"

#include "model/config_error.hpp"
#include "plugins/plugin_guard.hpp"
#include "lmacheck/plugin.hpp"
#include "lmacheck/version.hpp"

#include <boost/dll/import.hpp>
#include <boost/dll/shared_library.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstring>
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

// The parts of two fingerprints that differ ("nlohmann_json 3.11.2
// diagnostics 1" against "... diagnostics 0"), so the message says what to
// rebuild with.
std::string differing_parts(const std::string& plugin, const std::string& ours) {
    const auto split = [](const std::string& text) {
        std::vector<std::string> parts;
        std::size_t start = 0;
        for (std::size_t end = text.find("; "); end != std::string::npos; end = text.find("; ", start)) {
            parts.push_back(text.substr(start, end - start));
            start = end + 2;
        }
        parts.push_back(text.substr(start));
        return parts;
    };
    const std::vector<std::string> theirs = split(plugin);
    const std::vector<std::string> mine = split(ours);
    std::string text;
    for (std::size_t i = 0; i < std::max(theirs.size(), mine.size()); ++i) {
        const std::string a = i < theirs.size() ? theirs[i] : "(nothing)";
        const std::string b = i < mine.size() ? mine[i] : "(nothing)";
        if (a == b) continue;
        if (!text.empty()) text += ", ";
        text += "'" + a + "' where lmacheck has '" + b + "'";
    }
    return text;
}

// The build fingerprint (lmacheck/version.hpp) is compared before anything
// else of the plugin is called: objects of another layout must never cross.
void check_fingerprint(const boost::dll::shared_library& library, const std::string& where) {
    if (!library.has("lmacheck_build_fingerprint")) {
        const std::string older = library.has("lmacheck_abi_version")
                                      ? " (it exports lmacheck_abi_version: it was built for an lmacheck older than "
                                        "SDK 1.0.0)"
                                      : "";
        throw ConfigError("not an lmacheck plugin for this lmacheck: " + where +
                          " exports no lmacheck_build_fingerprint" + older +
                          "; rebuild it against this lmacheck's SDK, whose fingerprint is \"" +
                          LMACHECK_BUILD_FINGERPRINT + "\"");
    }
    auto fingerprint_function = boost::dll::import<const char*()>(library, "lmacheck_build_fingerprint");
    const char* found = call_plugin(where, "lmacheck_build_fingerprint", [&] { return fingerprint_function(); });
    // A fingerprint is a short line; read no further than this into memory a plugin owns.
    constexpr std::size_t longest_fingerprint = 1024;
    const std::string theirs =
        found == nullptr ? std::string("(none)") : std::string(found, ::strnlen(found, longest_fingerprint));
    const std::string ours = LMACHECK_BUILD_FINGERPRINT;
    if (theirs != ours) {
        throw ConfigError("wrong build fingerprint in " + where + ": the plugin was built with \"" + theirs +
                          "\", this lmacheck with \"" + ours + "\" (" + differing_parts(theirs, ours) +
                          "); rebuild the plugin against this lmacheck's SDK");
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
    check_fingerprint(library, where);
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
