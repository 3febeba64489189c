// The run as the engine shows it to one level-3 check, for the tests of
// level-3 rules: one entry per submission, each with the facts the check
// collected from it; accepted_of_year() merges the run and the store as the
// engine does (engine/run_phase.cpp, CheckView): the run's entries of the
// year without errors, then the store's of every other submitter (an
// accepted version in the run replaces the stored one; a rejected one does
// not), ordered by submitter, then file.
#pragma once

#include "lmacheck/aggregate.hpp"
#include "rule_harness.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <deque>
#include <set>
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
        std::set<std::string> in_run;
        for (const RunEntry& e : entries_) {
            if (e.from_store || e.kind != kind || e.reporting_year != year || e.rejected) continue;
            found.push_back(&e);
            in_run.insert(e.submitter_id);
        }
        for (const RunEntry& e : entries_) {
            if (!e.from_store || e.kind != kind || e.reporting_year != year) continue;
            if (in_run.count(e.submitter_id) == 0) found.push_back(&e);
        }
        std::stable_sort(found.begin(), found.end(), [](const RunEntry* a, const RunEntry* b) {
            return a->submitter_id != b->submitter_id ? a->submitter_id < b->submitter_id : a->file < b->file;
        });
        return found;
    }

private:
    std::deque<RunEntry> entries_;  // a deque: the pointers below stay valid as it grows
    std::vector<const RunEntry*> run_;
    std::vector<const RunEntry*> targets_;
};

}  // namespace lmacheck::ruletest
