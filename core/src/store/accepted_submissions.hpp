// What validation reads from the store of accepted submissions. The engine
// (level-2 and level-3 rules, history.resubmission) depends on this interface
// only; SubmissionStore implements it on SQLite, and tests on plain memory.
#pragma once

#include "lmacheck/submission.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lmacheck {

// One stored version of a submission, without its bytes.
struct AcceptedSubmission {
    Kind kind = Kind::institution;
    std::string submitter_id;
    int reporting_year = 0;
    int version = 1;          // 1, 2, ... per submitter and year
    std::string file;         // the name it was accepted under
    std::string sha256;       // of the stored bytes
    std::string ruleset;
    std::string accepted_at;  // UTC, RFC 3339
    std::optional<std::string> superseded_at;  // set once a later version replaced it (or it was never current)
    // The document's own submitted_at in UTC (store/submission_time.hpp): the
    // version submitted last is the current one. Null for versions stored
    // before the store recorded it whose bytes hold no readable date-time.
    std::optional<std::string> submitted_at;
};

// A current version with its parsed document.
struct AcceptedDocument {
    AcceptedSubmission submission;
    nlohmann::json document;
};

// Implementations may be called from several validating threads at once.
class AcceptedSubmissions {
public:
    virtual ~AcceptedSubmissions() = default;

    // The current version for exactly this submitter and year.
    virtual std::optional<AcceptedSubmission> current(Kind kind, std::string_view submitter_id, int year) const = 0;

    // "Previous" of the rule catalog: the current version of the submitter's
    // latest accepted year before `year` (not necessarily year - 1).
    virtual std::optional<AcceptedDocument> previous(Kind kind, std::string_view submitter_id, int year) const = 0;

    // The current versions of every submitter of `kind` for `year`, by submitter.
    virtual std::vector<AcceptedDocument> current_of_year(Kind kind, int year) const = 0;
};

}  // namespace lmacheck
