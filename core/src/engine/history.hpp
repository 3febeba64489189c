// Level 2 in the engine: what the store of accepted submissions says about a
// submission before its rules run (the submitter's previous accepted year,
// and the current version of this same year), and history.resubmission.
//
// history.resubmission is the engine's own rule, not a plugin's: it reads the
// store's state of the submission's own year, which the plugin SDK does not
// show (rules see only Submission::previous()).
#pragma once

#include "model/raw_finding.hpp"
#include "lmacheck/rule.hpp"
#include "store/accepted_submissions.hpp"

#include <optional>
#include <string>

namespace lmacheck {

namespace builtin {
inline constexpr const char* resubmission = "history.resubmission";
inline constexpr const char* older_version = "history.older-version";
}  // namespace builtin

RuleInfo resubmission_rule_info();
RuleInfo older_version_rule_info();

struct SubmissionHistory {
    std::optional<AcceptedDocument> previous;    // the latest accepted earlier year
    std::optional<AcceptedSubmission> same_year; // the current accepted version of this year
};

SubmissionHistory look_up_history(const AcceptedSubmissions& store, Kind kind, const std::string& submitter_id,
                                  int year);

// history.resubmission: the store already holds this submitter's year. Says
// whether acceptance would replace it or, for the very same bytes, change
// nothing. None when the file is an older version (history.older-version).
// `submitted_at` is the document's, normalized (store/submission_time.hpp).
std::optional<RawFinding> resubmission_finding(const SubmissionHistory& history,
                                               const std::optional<std::string>& sha256,
                                               const std::optional<std::string>& submitted_at);

// history.older-version: the store's current version of this year was
// submitted later than this file, so acceptance keeps this file in the audit
// trail without making it current.
std::optional<RawFinding> older_version_finding(const SubmissionHistory& history,
                                                const std::optional<std::string>& sha256,
                                                const std::optional<std::string>& submitted_at);

}  // namespace lmacheck
