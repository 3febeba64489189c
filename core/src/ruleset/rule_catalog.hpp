// Every rule this run knows: the engine's built-in rules and the rules the
// plugins registered, each with its compiled options schema and defaults.
#pragma once

#include "lmacheck/rule.hpp"
#include "plugins/plugin_loader.hpp"

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace lmacheck {

class CompiledSchema;

struct CatalogEntry {
    RuleInfo info;                               // a copy: outlives nothing
    std::string plugin;                          // "core" for built-in rules
    std::shared_ptr<const Rule> rule;            // null for built-in rules
    std::shared_ptr<const CompiledSchema> options_schema;  // null when the rule has no options
    nlohmann::json default_options = nlohmann::json::object();

    bool configurable() const { return info.level > 0; }
};

class RuleCatalog {
public:
    // Throws ConfigError when a rule's metadata is unusable (bad options
    // schema, an option without default, a message without both languages,
    // a level other than 1 to 3 for a plugin rule, an `after` that names no
    // level-3 rule or makes a cycle).
    RuleCatalog(std::vector<RuleInfo> builtin, std::vector<LoadedRule> plugin_rules);

    const CatalogEntry* find(std::string_view id) const;
    // Ordered by level, then id.
    const std::vector<CatalogEntry>& entries() const { return entries_; }
    // The level-3 rules in the order they run (RuleInfo::after, then id).
    const std::vector<const CatalogEntry*>& level3_order() const { return level3_order_; }

private:
    std::vector<CatalogEntry> entries_;
    std::vector<const CatalogEntry*> level3_order_;
    std::unordered_map<std::string, std::size_t> index_;
};

}  // namespace lmacheck
