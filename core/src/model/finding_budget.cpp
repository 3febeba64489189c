#include "model/finding_budget.hpp"

#include <algorithm>

namespace lmacheck {
namespace {

DroppedFindings& dropped_entry(SubmissionReport& report, const Finding& finding) {
    auto& dropped = report.dropped_findings;
    auto it = std::lower_bound(dropped.begin(), dropped.end(), finding.rule,
                               [](const DroppedFindings& d, const std::string& rule) { return d.rule < rule; });
    if (it == dropped.end() || it->rule != finding.rule) {
        it = dropped.insert(it, DroppedFindings{finding.rule, finding.severity, 0, 0});
    }
    return *it;
}

}  // namespace

void FindingBudget::add_dropped(std::string_view rule, std::size_t count) {
    if (count == 0) return;
    auto it = dropped_.find(rule);
    if (it == dropped_.end()) it = dropped_.emplace(std::string(rule), 0).first;
    it->second += count;
}

void trim_findings(SubmissionReport& report, std::size_t limit) {
    if (report.findings.size() <= limit) return;
    const auto first_dropped = report.findings.begin() + static_cast<std::ptrdiff_t>(limit);
    for (auto it = first_dropped; it != report.findings.end(); ++it) {
        DroppedFindings& entry = dropped_entry(report, *it);
        ++entry.count;
        if (it->explained) ++entry.explained;
    }
    report.findings.erase(first_dropped, report.findings.end());
    report.findings.shrink_to_fit();
}

void count_dropped(const SubmissionReport& report, FindingCounts& counts) {
    for (const DroppedFindings& d : report.dropped_findings) {
        const int count = static_cast<int>(d.count);
        const int explained = static_cast<int>(d.explained);
        switch (d.severity) {
            case Severity::error: counts.error += count; break;
            case Severity::warning:
                counts.warning += count - explained;
                counts.explained += explained;
                break;
            case Severity::info: counts.info += count; break;
        }
    }
}

RunFindingBudget::RunFindingBudget(std::size_t limit, std::size_t files, Trim trim)
    : remaining_(limit), trim_(std::move(trim)), done_(files, false) {}

void RunFindingBudget::finished(std::size_t index) {
    const std::lock_guard<std::mutex> lock(mutex_);
    done_[index] = true;
    for (; next_ < done_.size() && done_[next_]; ++next_) remaining_ -= trim_(next_, remaining_);
}

}  // namespace lmacheck
