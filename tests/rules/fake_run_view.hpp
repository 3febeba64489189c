// The run as the engine shows it to one level-3 check, for the tests of
// level-3 rules: one entry per submission, each with the facts the check
// collected from it; accepted_of_year() gives the entries without errors,
// the run's and the store's, as the engine does.
#pragma once

#include "lmacheck/aggregate.hpp"
#include "rule_harness.hpp"

#include <nlohmann/json.hpp>

#include <deque>
#include <string>
#include <vector>

namespace lmacheck::ruletest {

class FakeRunView final : public RunView {
public:
    // `submissions`: each with `document` (JSON), `file`, `from_store` and `rejected`.
    template <typename Submissions>
    FakeRunView(const Submissions& submissions, const AggregateCheck& check) {
        for (const auto& s : submissions) {
            const nlohmann::json& d = s.document;
            const Kind kind = *parse_kind(d.at("kind").template get<std::string>());
            const char* id_key = kind == Kind::institution ? "agb_code" : "municipality_code";
            const int year = d.at("reporting_year").template get<int>();
            entries_.push_back(RunEntry{s.file, kind, d.at("submitter").at(id_key).template get<std::string>(), year,
                                        check.collect(Submission(d, kind, year, ruletest::reference())), s.from_store,
                                        s.rejected});
            if (!s.from_store) {
                run_.push_back(&entries_.back());
                targets_.push_back(&entries_.back());
            }
        }
    }

    const std::vector<const RunEntry*>& targets() const override { return targets_; }
    const std::vector<const RunEntry*>& run() const override { return run_; }
    const ReferenceData& reference() const override { return ruletest::reference(); }
    std::vector<const RunEntry*> accepted_of_year(Kind kind, int year) const override {
        std::vector<const RunEntry*> found;
        for (const RunEntry& e : entries_) {
            if (e.kind == kind && e.reporting_year == year && !e.rejected) found.push_back(&e);
        }
        return found;
    }

private:
    std::deque<RunEntry> entries_;  // a deque: the pointers below stay valid as it grows
    std::vector<const RunEntry*> run_;
    std::vector<const RunEntry*> targets_;
};

}  // namespace lmacheck::ruletest
