// The result of a run, as every report format reads it. One place builds it
// (the engine's finalize phase); formats only render it. It holds no
// document: a finished report is plain data.
#pragma once

#include "lmacheck/finding.hpp"
#include "model/shared_text.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace lmacheck {

// Shared texts: thousands of files are skipped for the same rules and reasons.
struct SkippedRule {
    SharedText rule;
    SharedText reason;
};

// Findings of one rule beyond the caps on findings (engine/finding_budget.hpp):
// counted, never kept.
struct DroppedFindings {
    std::string rule;
    Severity severity = Severity::error;
    std::size_t count = 0;
    std::size_t explained = 0;  // of `count`, warnings an explanation matched (run cap only)
};

// A submitter's explanation of a warning, as the document gives it: the
// reports show its text beside the warning it explains.
struct SubmitterExplanation {
    std::string rule;
    std::string path;
    std::string text;
};

struct FindingCounts {
    int error = 0;
    int warning = 0;  // unexplained warnings only
    int info = 0;
    int explained = 0;
};

struct SubmissionReport {
    std::string file;                   // as given on the command line (+ path below a directory)
    std::optional<std::string> sha256;  // null only when the file could not be read at all
    std::optional<std::string> kind;
    std::optional<std::string> submitter_id;
    std::optional<std::string> submitter_name;  // the document's submitter.name, when it is a string
    std::optional<int> reporting_year;
    std::string ruleset;
    std::vector<Finding> findings;      // in the report's deterministic order
    // The document's explanations with a rule, path and text (explained
    // findings look theirs up with explanation_text).
    std::vector<SubmitterExplanation> explanations;
    std::vector<SkippedRule> skipped_rules;
    // Findings beyond --max-findings-per-file or --max-findings-per-run, by
    // rule id; empty for an ordinary file. `counts` includes them.
    std::vector<DroppedFindings> dropped_findings;
    // Every rule that looked at this document, passed or not (JUnit lists
    // passed checks too): the level-0 checks that got to run, then the
    // planned rules that were not skipped. Not part of the JSON report.
    std::vector<SharedText> rules_run;
    FindingCounts counts;
    // `accept` runs only: whether the store holds this submission after the
    // run (a rejected one never, an accepted one unless storing failed).
    // Unset in `validate` reports, which leave it out.
    std::optional<bool> stored;

    bool accepted() const { return counts.error == 0; }
};

struct RunSummary {
    int submissions = 0;
    int accepted = 0;
    int rejected = 0;
    int errors = 0;
    int warnings = 0;
    int explained = 0;
    int info = 0;
    // Set by the command that has a --max-warnings: the unexplained warnings
    // exceed it, so the run exits 1 even when every submission is accepted.
    bool max_warnings_exceeded = false;
};

struct RunReport {
    std::vector<SubmissionReport> submissions;
    RunSummary summary;
};

FindingCounts count_findings(const std::vector<Finding>& findings);
RunSummary summarize(const std::vector<SubmissionReport>& submissions);
// Whether any file of the run has a finding to list.
bool has_findings(const RunReport& run);

// The text of the explanation that explains `finding` (the first with its
// rule id and path), or null when the finding is not explained.
const std::string* explanation_text(const SubmissionReport& submission, const Finding& finding);

// The order of the JSON report: by path (reference tokens one by one, array
// indices as numbers), then rule id, then message.
bool finding_order(const Finding& a, const Finding& b);
int compare_pointers(std::string_view a, std::string_view b);

}  // namespace lmacheck
