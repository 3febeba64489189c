// Level-3 rules: checks across the submissions of a run and the accepted
// submissions of the store, in the style of clang-tidy's
// onEndOfTranslationUnit. A level-3 rule is a plugin rule like any other
// (RuleInfo with level 3, options, messages); its configured check derives
// from AggregateCheck and works in two steps:
//
//  1. collect(): once per structurally sound submission of the run, while
//     the engine holds its document (concurrently, from several threads, like
//     Check::check), and once per accepted submission the check asks the
//     store for. It returns the few facts the check needs later, as JSON; the
//     engine keeps those facts, not the document.
//  2. check_run(): once per run, after every file has been read, with every
//     sound submission of the run and its facts. It reports findings on the
//     run's submissions (at "", the whole submission), each relating the other
//     submissions' values it compared.
//
// The engine runs the level-3 rules one after another: a rule that lists
// other level-3 rules in RuleInfo::after runs after them and sees whom they
// rejected (RunEntry::rejected).
#pragma once

#include "lmacheck/finding.hpp"
#include "lmacheck/reference.hpp"
#include "lmacheck/rule.hpp"
#include "lmacheck/submission.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lmacheck {

// One submission as a level-3 check sees it: a structurally sound submission
// of this run, or an accepted one from the store.
struct RunEntry {
    std::string file;  // as the run's report names it; for the store, the name it was accepted under
    Kind kind = Kind::institution;
    std::string submitter_id;
    int reporting_year = 0;
    nlohmann::json facts;  // what AggregateCheck::collect() returned for it
    bool from_store = false;
    bool rejected = false;  // a submission of this run with an error so far (levels 0 to 3)
};

class RunView {
public:
    virtual ~RunView() = default;
    // The submissions of this run the check reports on: structurally sound,
    // of the kind the rule applies to, and their rule set runs the rule with
    // this check's options.
    virtual const std::vector<const RunEntry*>& targets() const = 0;
    // Every structurally sound submission of this run, in the run's order.
    virtual const std::vector<const RunEntry*>& run() const = 0;
    // What the monitor holds for a year once this run is accepted: the run's
    // submissions of that year without errors, and the store's current
    // versions of every other submitter. Ordered by submitter, then file.
    virtual std::vector<const RunEntry*> accepted_of_year(Kind kind, int year) const = 0;
    virtual const ReferenceData& reference() const = 0;
};

class RunReporter {
public:
    virtual ~RunReporter() = default;
    // A finding on `target` (one of RunView::targets()), at path "", with the
    // other submissions' values it refers to.
    virtual void report(const RunEntry& target, std::string_view message_id, const MessageArgs& args,
                        std::vector<Related> related, std::optional<nlohmann::json> expected = std::nullopt,
                        std::optional<nlohmann::json> actual = std::nullopt) = 0;

    // As report(), with a score that ranks the finding among the run's
    // (Finding::score; the JSON report's `score`). SDK 1.1: the default
    // drops the score, so reporters written for 1.0 keep compiling.
    virtual void report_scored(const RunEntry& target, double score, std::string_view message_id,
                               const MessageArgs& args, std::vector<Related> related,
                               std::optional<nlohmann::json> expected = std::nullopt,
                               std::optional<nlohmann::json> actual = std::nullopt) {
        (void)score;
        report(target, message_id, args, std::move(related), std::move(expected), std::move(actual));
    }

    // The rule could not judge `target` and says why (a peer group too small
    // to compare with): the report lists the rule in its skipped_rules with
    // this reason. SDK 1.1; the default ignores it.
    virtual void skip(const RunEntry& target, std::string_view reason) {
        (void)target;
        (void)reason;
    }

    // The same, with the reason as one of the rule's message templates
    // (RuleInfo::messages), filled from `args` like a finding's message, so
    // the reason reads in the run's language (--lang). SDK 1.3; the default
    // gives the message id as the reason.
    virtual void skip_message(const RunEntry& target, std::string_view message_id, const MessageArgs& args) {
        (void)args;
        skip(target, message_id);
    }
};

// The configured check of a level-3 rule. Like every Check it is immutable
// after construction: collect() runs concurrently on one shared object.
// Both steps fail by throwing; the engine reports engine.rule-failed on the
// submissions the check would have reported on, and the run goes on.
class AggregateCheck : public Check {
public:
    // The facts of one submission this check needs in check_run(). The
    // submission satisfies the schema of its kind; previous() is null.
    virtual nlohmann::json collect(const Submission& submission) const = 0;

    virtual void check_run(const RunView& run, RunReporter& reporter) const = 0;

    // A level-3 check sees the whole run; the engine never calls the
    // per-submission entry point on it.
    void check(const Submission&, Reporter&) const final {}
};

}  // namespace lmacheck
