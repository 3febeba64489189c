// One file on its way through the run pipeline (engine/pipeline.hpp): what
// the per-document phase learnt about it, what the level-3 phase adds, until
// finalize turns it into an immutable SubmissionReport.
//
// It holds no document. The per-document phase keeps only what the later
// phases read (the facts level-3 checks collected, the explanations and
// where they sit, the bytes when the run stores them), so a run's memory
// does not grow with its documents and each document is freed while it is
// still in the cache.
#pragma once

#include "lmacheck/finding.hpp"
#include "lmacheck/submission.hpp"
#include "model/finding_budget.hpp"
#include "model/raw_finding.hpp"
#include "model/report_model.hpp"
#include "ruleset/rule_set.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace lmacheck {

// What a report tells about a document even when parts fail the schema: each
// value whenever the document holds it with the right type.
struct FileIdentity {
    std::optional<std::string> kind;
    std::optional<Kind> parsed_kind;
    std::optional<std::string> submitter_id;
    std::optional<std::string> submitter_name;
    std::optional<int> reporting_year;
};

struct FileWork {
    explicit FileWork(std::size_t findings_per_file) : budget(findings_per_file) {}

    std::string file;                   // as reports name it
    std::optional<std::string> sha256;  // of the bytes as read; none when unreadable
    FileIdentity identity;
    const RuleSet* rule_set = nullptr;  // chosen by the reporting year
    const RulePlan* plan = nullptr;

    // Structurally sound: parsed, no level-0 finding, a known kind, submitter
    // and year. Only such a file is checked above level 0, by any rule of any
    // level; this is the one place that decides it (document_phase.cpp).
    bool sound = false;

    // Findings so far, with positions where the document had them; severity
    // and message are applied in finalize.
    std::vector<RawFinding> findings;
    FindingBudget budget;                  // --max-findings-per-file
    std::vector<SkippedRule> skipped_rules;
    bool parsed = false;                   // the text parsed as JSON
    // The planned rules that looked at the file, in order (the report's
    // rules_run adds the level-0 checks before them): explanations judge
    // these. Indices into plan->rules, two bytes each: kept for every file
    // of a run, pointers were 4 % of a 20-year run's peak memory.
    std::vector<std::uint16_t> ran;
    void mark_ran(const PlannedRule& rule) {
        ran.push_back(static_cast<std::uint16_t>(&rule - plan->rules.data()));
    }
    const PlannedRule& ran_rule(std::uint16_t index) const { return plan->rules[index]; }

    // For the explanations (judged once, in finalize): the document's
    // `explanations` array (null when it has none), where the whole document
    // starts and where each explanation sits.
    nlohmann::json explanations;
    std::optional<SourcePosition> root_position;
    std::vector<std::optional<SourcePosition>> explanation_positions;

    // For level 3: the facts each of Engine::aggregate_rules() collected, by
    // index, and why collecting failed where it did (rule index, reason;
    // rare, so only the failures are listed); empty when the file is not
    // sound.
    std::vector<nlohmann::json> facts;
    std::vector<std::pair<std::size_t, std::string>> collect_failures;
    bool level3_ran = false;  // a level-3 rule looked at the file

    // For acceptance: the original bytes and the document's submitted_at,
    // normalized (store/submission_time.hpp), both only when the run keeps
    // its bytes (the history rules read submitted_at in the document phase).
    std::shared_ptr<const std::string> bytes;
    std::optional<std::string> submitted_at;
};

}  // namespace lmacheck
