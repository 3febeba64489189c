// `lmacheck rules`: the loaded rules with id, severity, level, plugin,
// one-line description and options with defaults, as text, JSON or Markdown.
#pragma once

#include "model/messages.hpp"
#include "ruleset/rule_catalog.hpp"
#include "ruleset/rule_set.hpp"

#include <string>
#include <vector>

namespace lmacheck {

std::string rules_as_text(const RuleCatalog& catalog, Language language);
// Also holds each rule's options schema and message templates in both
// languages, so tools (and tests) can check them without the source.
std::string rules_as_json(const RuleCatalog& catalog);
// The rule reference (docs/rules.md is this output): per rule its metadata,
// descriptions in English and Dutch, options table and message templates.
std::string rules_as_markdown(const RuleCatalog& catalog);

// What one rule set makes of one rule (`lmacheck rules ID`): the set's name,
// the reporting years this holds for ("2008..2035", or the one year asked
// for), and the planned rule (null: the set switches the rule off).
struct RuleInForce {
    std::string ruleset;
    std::string years;
    const PlannedRule* planned = nullptr;
};

// One rule in full: description in both languages, level, severity, options
// with their schema and defaults, the values each rule set puts in force,
// message templates, and an example of setting it in a rule set (and, for a
// rule whose findings can be warnings, of explaining one).
std::string rule_as_text(const CatalogEntry& entry, const std::vector<RuleInForce>& in_force, Language language);
// The rule's object of rules_as_json plus "in_force".
std::string rule_as_json(const CatalogEntry& entry, const std::vector<RuleInForce>& in_force);
// The rule's section of docs/rules.md.
std::string rule_as_markdown(const CatalogEntry& entry);

// `lmacheck rules --print-ruleset --year Y`: the settings `set` puts in force
// for reporting year `year` (its overrides applied), in the rule-set file
// format: every configurable rule with `enabled`, `severity` and its options,
// `years` just that year. A set without expression rules loads back as
// `--ruleset` and judges that year's submissions the same.
std::string rule_set_in_force_as_json(const RuleSet& set, const RuleCatalog& catalog, int year);

}  // namespace lmacheck
