// Loading rule plugins with Boost.DLL. Every rule object a plugin creates is
// handed out as a shared_ptr whose deleter owns the plugin's library, so no
// rule (and no check a rule creates) can outlive the code it came from.
#pragma once

#include "lmacheck/rule.hpp"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace lmacheck {

struct LoadedRule {
    std::shared_ptr<const Rule> rule;  // keeps its library loaded
    std::string plugin;                // the plugin's own name, e.g. "capacity"
    std::filesystem::path library;     // the file it came from
};

// Loads every `*.so` file directly inside the given directories, in name
// order. A directory holds plugins only: a file that cannot be opened, lacks
// the build fingerprint or the factory, has another build fingerprint
// (lmacheck/version.hpp), or whose factory throws, stops the run with a ConfigError naming the file and the search
// path. So do a missing directory, no plugin at all, and a rule id two
// plugins both define.
std::vector<LoadedRule> load_plugins(const std::vector<std::filesystem::path>& directories);

// Wraps a check created by `rule` so that it, too, keeps the library loaded.
// An exception of a type other than std::exception from the check's
// constructor becomes a ConfigError naming the rule and `plugin`.
std::shared_ptr<const Check> configure_check(const std::shared_ptr<const Rule>& rule, const Options& options,
                                             const std::string& plugin = "");

}  // namespace lmacheck
