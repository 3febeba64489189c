// Level-3 rules (rule-catalog.md): checks across the submissions of one run
// and the store of accepted submissions.
//
// They are core rules, not plugin rules: they need what only the engine has
// (every submission of the run, which of them are rejected so far, and the
// store), and the plugin SDK stays a per-submission interface. They are
// declared like every rule (RuleInfo: id, level 3, severity, options schema
// with defaults, messages in English and Dutch), so rule sets configure them
// and `lmacheck rules` lists them; their configured check implements
// BatchCheck, which run_cross_checks() (engine/cross_checks.hpp) calls once
// per distinct configuration after every file has been validated.
#pragma once

#include "lmacheck/finding.hpp"
#include "lmacheck/reference.hpp"
#include "lmacheck/rule.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lmacheck {

// One submission as level-3 rules see it: a structurally sound submission of
// this run, or an accepted one from the store.
struct BatchEntry {
    std::string file;  // as the run's report names it; for the store, the name it was accepted under
    Kind kind = Kind::institution;
    std::string submitter_id;
    int reporting_year = 0;
    const nlohmann::json* document = nullptr;  // satisfies the schema of its kind
    bool from_store = false;
    bool rejected = false;  // a submission of this run with an error so far (levels 0 to 3)
};

class BatchView {
public:
    virtual ~BatchView() = default;
    // The submissions of this run the check reports on: structurally sound,
    // and their rule set runs the rule with this check's options.
    virtual const std::vector<const BatchEntry*>& targets() const = 0;
    // Every structurally sound submission of this run.
    virtual const std::vector<const BatchEntry*>& run() const = 0;
    // What the monitor holds for a year once this run is accepted: the run's
    // submissions of that year without errors, and the store's current
    // versions of every other submitter. Ordered by submitter.
    virtual std::vector<const BatchEntry*> accepted_of_year(Kind kind, int year) const = 0;
    virtual const ReferenceData& reference() const = 0;
};

class BatchReporter {
public:
    virtual ~BatchReporter() = default;
    // A finding on `target` (one of BatchView::targets()), at path "", with
    // the other submissions' values it refers to.
    virtual void report(const BatchEntry& target, std::string_view message_id, const MessageArgs& args,
                        std::vector<Related> related, std::optional<nlohmann::json> expected = std::nullopt,
                        std::optional<nlohmann::json> actual = std::nullopt) = 0;
};

// The configured check of a level-3 rule.
class BatchCheck : public Check {
public:
    virtual void check_batch(const BatchView& batch, BatchReporter& reporter) const = 0;

    // Level-3 checks see the whole run; the engine never calls the
    // per-submission entry point on them.
    void check(const Submission&, Reporter&) const final {}
};

}  // namespace lmacheck
