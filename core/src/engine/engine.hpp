// The engine: loads plugins, schemas, reference data and rule sets once, then
// validates any number of submissions. Validation of one document:
//
//   bytes -> Document (level 0: unreadable, duplicate keys)
//         -> schema.structure (level 0)
//         -> level-1 rules, only on a document without level-0 findings
//         -> explanations -> severities, messages, positions, order
#pragma once

#include "document/document.hpp"
#include "engine/finding_budget.hpp"
#include "engine/messages.hpp"
#include "engine/report_model.hpp"
#include "ruleset/reference_list.hpp"
#include "ruleset/rule_catalog.hpp"
#include "ruleset/rule_set.hpp"
#include "schema/structure_check.hpp"
#include "store/accepted_submissions.hpp"

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace lmacheck {

struct EngineOptions {
    std::filesystem::path data_dir;                    // holds schemas/ and rules/
    std::vector<std::filesystem::path> plugin_dirs;    // searched for *.so plugins
    std::optional<std::filesystem::path> ruleset_file; // default: the shipped set by year
    LoadLimits limits;
    Language language = Language::en;
    // The store of accepted submissions (--store). Without it, level-2 rules
    // are skipped ("no --store given") and level-3 rules (run_cross_checks)
    // look at the files of the run alone; with it, level-2 rules run per file
    // and level-3 rules also see the store's submissions of the same year.
    std::shared_ptr<const AcceptedSubmissions> store;
    // Findings kept per file and per run (--max-findings-per-file/-run).
    FindingLimits findings;
    // The longest one rule may take on one file (and a registration or a
    // check's constructor) before the run stops with exit 2; zero: no limit
    // (--rule-timeout-s, engine/plugin_guard.hpp).
    std::chrono::milliseconds rule_timeout{std::chrono::seconds(10)};
};

// Per-thread state of a validation run (valijson's Validator is not thread-safe).
class ValidationContext {
public:
    StructureChecker structure;
};

class Engine {
public:
    // Throws ConfigError when anything it needs is missing or invalid.
    explicit Engine(EngineOptions options);

    SubmissionReport validate_file(const std::filesystem::path& file, std::string display_name,
                                   ValidationContext& context) const;
    SubmissionReport validate_bytes(std::string bytes, std::string display_name, ValidationContext& context) const;

    // A report for an input that is not a file the engine can open as one
    // (an unreadable directory found while walking the inputs).
    SubmissionReport unreadable_input(std::string display_name, const std::string& reason) const;

    const RuleCatalog& catalog() const { return *catalog_; }
    const RuleSetChoice& rule_sets() const { return rule_sets_; }
    Language language() const { return options_.language; }
    const AcceptedSubmissions* store() const { return options_.store.get(); }
    const ReferenceData& reference() const { return reference_; }
    const FindingLimits& finding_limits() const { return options_.findings; }

private:
    SubmissionReport validate(Document document, ValidationContext& context) const;

    EngineOptions options_;
    std::unique_ptr<RuleCatalog> catalog_;
    SubmissionSchemas schemas_;
    ReferenceList reference_;
    RuleSetChoice rule_sets_;
};

// The default places to look, relative to the running executable:
// <exe>/../plugins (build tree) or <exe>/../lib/lmacheck/plugins (installed);
// <exe>/../share/lmacheck for data.
std::vector<std::filesystem::path> default_plugin_dirs();
std::filesystem::path default_data_dir();

}  // namespace lmacheck
