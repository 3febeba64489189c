// Caps on the findings a run keeps. A hostile file can make a rule report
// once per record (a million empty records, a million duplicate ids), so the
// engine keeps at most FindingLimits::per_file findings of a file and counts
// the rest per rule without keeping them, and at most per_run over the run.
// What was dropped is in the report (SubmissionReport::dropped_findings) and
// in the counts, so a file with errors is rejected all the same.
#pragma once

#include "model/report_model.hpp"

#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace lmacheck {

struct FindingLimits {
    std::size_t per_file = 1000;    // --max-findings-per-file
    std::size_t per_run = 100'000;  // --max-findings-per-run
};

// The findings one file may still keep. Not thread-safe: one per file.
class FindingBudget {
public:
    explicit FindingBudget(std::size_t limit) : limit_(limit) {}

    // True when one more finding of `rule` may be kept; otherwise it is only
    // counted.
    bool admit(std::string_view rule) {
        if (kept_ < limit_) {
            ++kept_;
            return true;
        }
        auto it = dropped_.find(rule);
        if (it == dropped_.end()) it = dropped_.emplace(std::string(rule), 0).first;
        ++it->second;
        return false;
    }

    // Counts findings of `rule` that were produced but never kept.
    void add_dropped(std::string_view rule, std::size_t count);

    std::size_t limit() const { return limit_; }
    // Dropped findings by rule id, in id order.
    const std::map<std::string, std::size_t, std::less<>>& dropped() const { return dropped_; }

private:
    std::size_t limit_;
    std::size_t kept_ = 0;
    std::map<std::string, std::size_t, std::less<>> dropped_;
};

// Findings kept in `report` beyond `limit` move to its dropped_findings (the
// counts stay: they already count every finding). Findings are kept in
// report order, so the first ones by path survive.
void trim_findings(SubmissionReport& report, std::size_t limit);

// Adds the dropped findings of `report` to `counts`.
void count_dropped(const SubmissionReport& report, FindingCounts& counts);

// The run's cap, applied to the files in input order as they finish (from
// any thread), so that which findings a run keeps does not depend on --jobs.
// Files that finish before an earlier one wait, each within its own cap.
class RunFindingBudget {
public:
    // Keeps at most `remaining` findings of file `index` (counting the others
    // as dropped) and returns how many it kept.
    using Trim = std::function<std::size_t(std::size_t index, std::size_t remaining)>;

    RunFindingBudget(std::size_t limit, std::size_t files, Trim trim);

    // File `index` has all the findings of its document phase.
    void finished(std::size_t index);

private:
    std::size_t remaining_;
    Trim trim_;
    std::mutex mutex_;
    std::vector<bool> done_;
    std::size_t next_ = 0;  // the first file not yet counted against the run's cap
};

}  // namespace lmacheck
