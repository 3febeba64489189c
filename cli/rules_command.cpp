// `lmacheck rules`: the loaded rules, with severities, levels and options, as
// text, JSON or Markdown (the rule reference docs/rules.md); `lmacheck rules
// ID` one rule in full with the values the rule sets put in force; and
// `lmacheck rules --print-ruleset --year Y` the rule set in force for a year.
#include "cli/commands.hpp"

#include "model/closest_word.hpp"
#include "model/config_error.hpp"
#include "report/rules_listing.hpp"

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace lmacheck::cli {
namespace {

std::string listing(const Engine& engine, const std::string& format) {
    if (format == "json") return rules_as_json(engine.catalog());
    if (format == "markdown") return rules_as_markdown(engine.catalog());
    return rules_as_text(engine.catalog(), engine.language());
}

const CatalogEntry& rule_named(const RuleCatalog& catalog, const std::string& id) {
    if (const CatalogEntry* entry = catalog.find(id)) return *entry;
    std::vector<std::string> ids;
    for (const CatalogEntry& e : catalog.entries()) ids.push_back(e.info.id);
    const auto suggestion = closest_word(id, ids, std::max<std::size_t>(2, id.size() / 3));
    throw ConfigError("no loaded rule is called " + id +
                      (suggestion ? "; did you mean " + *suggestion + "?" : "; `lmacheck rules` lists them all"));
}

std::string years_text(const RuleSet& set) {
    return std::to_string(set.first_year()) + ".." + std::to_string(set.last_year());
}

// Per rule set of the run (--ruleset's, or each shipped one) what it makes of
// the rule: for --year that year's plan, else the set's plan without overrides.
std::vector<RuleInForce> in_force(const Engine& engine, const CatalogEntry& entry, std::optional<int> year) {
    std::vector<RuleInForce> result;
    for (const auto& set : engine.rule_sets().all()) {
        if (year && !set->covers(*year)) continue;
        const RulePlan& plan = set->plan_for(year);
        result.push_back(RuleInForce{set->name(), year ? std::to_string(*year) : years_text(*set),
                                     plan.find(entry.info.id)});
    }
    return result;
}

const RuleSet& rule_set_covering(const Engine& engine, int year) {
    std::string known;
    for (const auto& set : engine.rule_sets().all()) {
        if (set->covers(year)) return *set;
        known += (known.empty() ? "" : ", ") + set->name() + " " + years_text(*set);
    }
    throw ConfigError("no rule set covers reporting year " + std::to_string(year) + " (" + known + ")");
}

}  // namespace

// The common options plus --ruleset, whose expression rules the listing then
// includes (with the file's name as their plugin).
struct RulesOptions : CommonOptions {
    std::string ruleset;
    std::string rule_id;
    std::optional<int> year;
    bool print_ruleset = false;
};

namespace {

std::string run_rules(const RulesOptions& options, const Engine& engine, const std::string& format) {
    if (options.print_ruleset) {
        if (!options.year) throw ConfigError("--print-ruleset needs --year YEAR (the reporting year)");
        return rule_set_in_force_as_json(rule_set_covering(engine, *options.year), engine.catalog(), *options.year);
    }
    if (options.rule_id.empty()) return listing(engine, format);
    const CatalogEntry& entry = rule_named(engine.catalog(), options.rule_id);
    if (options.year) (void)rule_set_covering(engine, *options.year);  // a year no set covers is a mistake
    const std::vector<RuleInForce> sets = in_force(engine, entry, options.year);
    if (format == "json") return rule_as_json(entry, sets);
    if (format == "markdown") return rule_as_markdown(entry);
    return rule_as_text(entry, sets, engine.language());
}

}  // namespace

Command add_rules_command(CLI::App& app) {
    auto options = std::make_shared<RulesOptions>();
    CLI::App* command = app.add_subcommand("rules", "List the loaded rules with severities, levels and options");
    add_common_options(*command, *options, {"text", "json", "markdown"});
    command->add_option("rule", options->rule_id,
                        "A rule id: print that rule in full (options, the values in force, messages, an example)");
    command->add_option("--ruleset", options->ruleset,
                        "Rule-set file whose expression rules are listed too (default: the shipped rule sets)");
    command->add_option("--year", options->year,
                        "Reporting year: the values in force for that year (with a rule id or --print-ruleset)")
        ->check(CLI::Range(1000, 9999));
    command->add_flag("--print-ruleset", options->print_ruleset,
                      "Print the rule set in force for --year (overrides applied) as a rule-set file");
    return Command{command, options.get(), [options] {
                       EngineOptions settings = engine_options(*options);
                       if (!options->ruleset.empty()) settings.ruleset_file = options->ruleset;
                       const Engine engine(settings);
                       const std::string format = chosen_format(*options, {"text", "json", "markdown"});
                       return emit(run_rules(*options, engine, format), options->output) ? exit_accepted : exit_usage;
                   }};
}

}  // namespace lmacheck::cli
