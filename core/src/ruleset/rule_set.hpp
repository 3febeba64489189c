// Rule sets (rules/*.json): which rules run, at what severity, with which
// options, with overrides by reporting-year range. Everything is validated and
// every check configured when the rule set loads, so a bad option stops the
// run before any file is judged, and no option is read per file.
#pragma once

#include "lmacheck/rule.hpp"
#include "model/shared_text.hpp"
#include "ruleset/rule_catalog.hpp"

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace lmacheck {

struct PlannedRule {
    const CatalogEntry* entry = nullptr;
    // entry->info.id, once: every file's record of the rules that ran or
    // were skipped shares it.
    SharedText id;
    Severity severity = Severity::error;
    std::shared_ptr<const Check> check;  // null for rules the engine implements
    // The options in force (defaults, then the rule set's values), for
    // `lmacheck rules ID` and `--print-ruleset`; the check holds its own copy.
    nlohmann::json options = nlohmann::json::object();
};

// The rules that run for one reporting year (level >= 1; level 0 always runs).
struct RulePlan {
    // Every file's record of the rules that ran indexes this list with two
    // bytes (engine/file_work.hpp), so a plan holds at most this many.
    static constexpr std::size_t max_rules = 65535;
    std::vector<PlannedRule> rules;  // enabled rules, in catalog order
    const PlannedRule* find(std::string_view id) const;
};

// The severity a finding of `rule` gets in a file judged with `plan`: the
// rule set's, else the catalog's default (error for a rule it does not know).
Severity severity_of(const RuleCatalog& catalog, const RulePlan& plan, std::string_view rule);

class RuleSet {
public:
    static std::shared_ptr<const RuleSet> load(const std::filesystem::path& file,
                                               const std::filesystem::path& schema_file, const RuleCatalog& catalog);

    const std::string& name() const { return name_; }
    int first_year() const { return first_year_; }
    int last_year() const { return last_year_; }
    bool covers(int year) const { return first_year_ <= year && year <= last_year_; }
    // The plan for a reporting year; years no override names get the base plan.
    const RulePlan& plan_for(std::optional<int> year) const;
    // Every plan of the set: the base plan, then each year's own.
    std::vector<const RulePlan*> plans() const;

private:
    std::string name_;
    int first_year_ = 0;
    int last_year_ = 0;
    RulePlan base_;
    std::map<int, RulePlan> by_year_;  // only years some override applies to
};

// The rule sets a run chooses from: the one given with --ruleset, or the
// shipped ones in rules/, chosen by each submission's reporting year.
class RuleSetChoice {
public:
    static RuleSetChoice explicit_file(const std::filesystem::path& file, const std::filesystem::path& schema_file,
                                       const RuleCatalog& catalog);
    static RuleSetChoice shipped(const std::filesystem::path& rules_dir, const std::filesystem::path& schema_file,
                                 const RuleCatalog& catalog);

    // The rule set for a submission; when the year is unknown (an unreadable
    // file) or no shipped set covers it, the first set in name order.
    const RuleSet& for_year(std::optional<int> year) const;
    const std::vector<std::shared_ptr<const RuleSet>>& all() const { return sets_; }

private:
    std::vector<std::shared_ptr<const RuleSet>> sets_;
};

}  // namespace lmacheck
