#include "engine/engine.hpp"

#include "engine/builtin_rules.hpp"
#include "engine/history.hpp"
#include "model/config_error.hpp"
#include "model/program_directory.hpp"
#include "plugins/plugin_guard.hpp"
#include "plugins/plugin_loader.hpp"
#include "ruleset/expression_rules.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>

namespace lmacheck {
namespace {

namespace fs = std::filesystem;

// The rules the engine implements itself: the built-in ones and
// history.resubmission and history.older-version, which read the store's
// state of the same year (engine/history.hpp says why they are not plugins).
std::vector<RuleInfo> engine_rules() {
    std::vector<RuleInfo> rules = builtin_rules();
    rules.push_back(resubmission_rule_info());
    rules.push_back(older_version_rule_info());
    return rules;
}

// The distinct configured checks of the level-3 rules over every plan of
// every rule set, in the rules' run order.
std::vector<AggregateRule> aggregate_rules_of(const RuleCatalog& catalog, const RuleSetChoice& rule_sets) {
    std::vector<AggregateRule> found;
    for (const CatalogEntry* entry : catalog.level3_order()) {
        for (const auto& rule_set : rule_sets.all()) {
            for (const RulePlan* plan : rule_set->plans()) {
                const PlannedRule* planned = plan->find(entry->info.id);
                if (planned == nullptr || planned->check == nullptr) continue;
                const bool known = std::any_of(found.begin(), found.end(), [&](const AggregateRule& rule) {
                    return rule.owner == planned->check;
                });
                if (known) continue;
                // The loader refuses a level-3 rule whose check is no
                // AggregateCheck (plugins/plugin_loader.cpp), whatever its
                // options; this only guards the look-up.
                const auto* check = dynamic_cast<const AggregateCheck*>(planned->check.get());
                if (check == nullptr) {
                    throw ConfigError("rule " + entry->info.id + " of plugin " + entry->plugin +
                                      " is level 3 but its check is no AggregateCheck");
                }
                found.push_back(AggregateRule{entry, planned->check, check});
            }
        }
    }
    return found;
}

// The expression rules of the rule sets this engine uses join the plugins'
// rules, refused when one takes an id already loaded.
void append_expression_rules(const std::vector<fs::path>& ruleset_files, const fs::path& ruleset_schema,
                             const std::vector<RuleInfo>& builtin, std::vector<LoadedRule>& loaded) {
    std::map<std::string, std::string> taken;
    for (const RuleInfo& info : builtin) taken.emplace(info.id, "the engine's rule " + info.id);
    for (const LoadedRule& rule : loaded) taken.emplace(rule.rule->info().id, "plugin " + rule.plugin);
    for (LoadedRule& rule : load_expression_rules(ruleset_files, ruleset_schema, std::move(taken))) {
        loaded.push_back(std::move(rule));
    }
}

// Where the program lies, or the current directory when that is unknown.
fs::path executable_dir() {
    std::error_code ec;
    const fs::path dir = program_directory(ec);
    return ec ? fs::current_path() : dir;
}

}  // namespace

std::vector<fs::path> default_plugin_dirs() {
    const fs::path exe = executable_dir();
    std::error_code ec;
    for (const fs::path& candidate : {exe / ".." / "plugins", exe / ".." / "lib" / "lmacheck" / "plugins"}) {
        if (fs::is_directory(candidate, ec)) return {candidate.lexically_normal()};
    }
    return {(exe / ".." / "plugins").lexically_normal()};
}

fs::path default_data_dir() { return (executable_dir() / ".." / "share" / "lmacheck").lexically_normal(); }

Engine::Engine(EngineOptions options) : options_(std::move(options)) {
    const fs::path schemas = options_.data_dir / "schemas";
    const fs::path rules = options_.data_dir / "rules";
    std::error_code ec;
    if (!fs::is_directory(schemas, ec) || !fs::is_directory(rules, ec)) {
        throw ConfigError("data directory " + options_.data_dir.string() +
                          " lacks schemas/ or rules/ (set it with --data-dir)");
    }
    install_plugin_guards(options_.rule_timeout);
    std::vector<RuleInfo> builtin = engine_rules();
    std::vector<LoadedRule> loaded = load_plugins(options_.plugin_dirs);
    const fs::path ruleset_schema = schemas / "ruleset.schema.json";
    append_expression_rules(options_.ruleset_file ? std::vector<fs::path>{*options_.ruleset_file}
                                                  : shipped_rule_set_files(rules),
                            ruleset_schema, builtin, loaded);
    catalog_ = std::make_unique<RuleCatalog>(std::move(builtin), std::move(loaded));
    schemas_ = SubmissionSchemas::load(schemas);
    reference_ = ReferenceList::load(rules / "reference" / "municipalities.json", schemas / "municipalities.schema.json");
    reference_.load_registers(rules / "registers", schemas);
    rule_sets_ = options_.ruleset_file ? RuleSetChoice::explicit_file(*options_.ruleset_file, ruleset_schema, *catalog_)
                                       : RuleSetChoice::shipped(rules, ruleset_schema, *catalog_);
    aggregate_rules_ = aggregate_rules_of(*catalog_, rule_sets_);
    spdlog::debug("engine ready: {} rules, {} reference entries, {} rule set(s)", catalog_->entries().size(),
                  reference_.size(), rule_sets_.all().size());
}

}  // namespace lmacheck
