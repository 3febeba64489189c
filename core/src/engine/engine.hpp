// The engine: what every run needs, loaded once and then shared by every
// thread and every run: the plugins and the rule catalog, the schemas, the
// reference list, the rule sets, and the store level-2 and level-3 rules
// read. Throws ConfigError when anything is missing or invalid, so a run
// never starts half-configured. Running files through it is
// engine/pipeline.hpp.
#pragma once

#include "document/document.hpp"
#include "lmacheck/aggregate.hpp"
#include "model/finding_budget.hpp"
#include "model/messages.hpp"
#include "ruleset/reference_list.hpp"
#include "ruleset/rule_catalog.hpp"
#include "ruleset/rule_set.hpp"
#include "schema/structure_check.hpp"
#include "store/accepted_submissions.hpp"

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

namespace lmacheck {

struct EngineOptions {
    std::filesystem::path data_dir;                    // holds schemas/ and rules/
    std::vector<std::filesystem::path> plugin_dirs;    // searched for *.so plugins
    std::optional<std::filesystem::path> ruleset_file; // default: the shipped set by year
    LoadLimits limits;
    Language language = Language::en;
    // The store of accepted submissions (--store). Without it, level-2 rules
    // are skipped ("no --store given") and level-3 rules look at the files of
    // the run alone; with it, level-2 rules run per file and level-3 rules
    // also see the store's submissions of the same year.
    std::shared_ptr<const AcceptedSubmissions> store;
    // Findings kept per file and per run (--max-findings-per-file/-run).
    FindingLimits findings;
    // The longest one rule may take on one file (and a registration or a
    // check's constructor) before the run stops with exit 2; zero: no limit
    // (--rule-timeout-s, plugins/plugin_guard.hpp).
    std::chrono::milliseconds rule_timeout{std::chrono::seconds(10)};
};

// Per-thread state of a run (valijson's Validator is not thread-safe).
class ValidationContext {
public:
    StructureChecker structure;
};

// One configured check of a level-3 rule. A rule has one per distinct set of
// options its rule sets give it (usually one).
struct AggregateRule {
    const CatalogEntry* entry = nullptr;
    std::shared_ptr<const Check> owner;  // keeps the check (and its plugin) alive
    const AggregateCheck* check = nullptr;
};

class Engine {
public:
    explicit Engine(EngineOptions options);

    const RuleCatalog& catalog() const { return *catalog_; }
    const RuleSetChoice& rule_sets() const { return rule_sets_; }
    const SubmissionSchemas& schemas() const { return schemas_; }
    const ReferenceData& reference() const { return reference_; }
    Language language() const { return options_.language; }
    const AcceptedSubmissions* store() const { return options_.store.get(); }
    const FindingLimits& finding_limits() const { return options_.findings; }
    const LoadLimits& load_limits() const { return options_.limits; }
    // Every configured level-3 check of every rule set and year, in the order
    // the rules run (RuleCatalog::level3_order). Each collects its facts from
    // every sound document of a run (engine/document_phase.hpp).
    const std::vector<AggregateRule>& aggregate_rules() const { return aggregate_rules_; }

    // The rule set and plan of a reporting year (the first set when unknown).
    const RuleSet& rule_set_for(std::optional<int> year) const { return rule_sets_.for_year(year); }
    const RulePlan& plan_for(std::optional<int> year) const { return rule_sets_.for_year(year).plan_for(year); }

private:
    EngineOptions options_;
    std::unique_ptr<RuleCatalog> catalog_;
    SubmissionSchemas schemas_;
    ReferenceList reference_;
    RuleSetChoice rule_sets_;
    std::vector<AggregateRule> aggregate_rules_;
};

// The default places to look, relative to the running executable:
// <exe>/../plugins (build tree) or <exe>/../lib/lmacheck/plugins (installed);
// <exe>/../share/lmacheck for data.
std::vector<std::filesystem::path> default_plugin_dirs();
std::filesystem::path default_data_dir();

}  // namespace lmacheck
