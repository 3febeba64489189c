#include "model/report_model.hpp"

#include <algorithm>

namespace lmacheck {
namespace {

bool is_index(std::string_view token) {
    return !token.empty() && std::all_of(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Compares two reference tokens; indices numerically (also by length first,
// so that numbers beyond 64 bits need no conversion).
int compare_tokens(std::string_view a, std::string_view b) {
    if (is_index(a) && is_index(b)) {
        const auto strip = [](std::string_view t) {
            const std::size_t first = t.find_first_not_of('0');
            return first == std::string_view::npos ? std::string_view("0") : t.substr(first);
        };
        const std::string_view x = strip(a), y = strip(b);
        if (x.size() != y.size()) return x.size() < y.size() ? -1 : 1;
        const int c = x.compare(y);
        if (c != 0) return c < 0 ? -1 : 1;
        return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
    }
    const int c = a.compare(b);
    return c == 0 ? 0 : (c < 0 ? -1 : 1);
}

}  // namespace

int compare_pointers(std::string_view a, std::string_view b) {
    // Both are "" or start with '/'; walk the tokens in step.
    std::size_t i = 0, j = 0;
    while (true) {
        const bool a_done = i >= a.size(), b_done = j >= b.size();
        if (a_done || b_done) return a_done == b_done ? 0 : (a_done ? -1 : 1);
        const std::size_t a_end = std::min(a.find('/', i + 1), a.size());
        const std::size_t b_end = std::min(b.find('/', j + 1), b.size());
        const int c = compare_tokens(a.substr(i + 1, a_end - i - 1), b.substr(j + 1, b_end - j - 1));
        if (c != 0) return c;
        i = a_end;
        j = b_end;
    }
}

bool finding_order(const Finding& a, const Finding& b) {
    if (const int c = compare_pointers(a.path, b.path); c != 0) return c < 0;
    if (a.rule != b.rule) return a.rule < b.rule;
    return a.message < b.message;
}

const std::string* explanation_text(const SubmissionReport& submission, const Finding& finding) {
    if (!finding.explained) return nullptr;
    for (const SubmitterExplanation& e : submission.explanations) {
        if (e.rule == finding.rule && e.path == finding.path) return &e.text;
    }
    return nullptr;
}

FindingCounts count_findings(const std::vector<Finding>& findings) {
    FindingCounts counts;
    for (const Finding& f : findings) {
        if (f.severity == Severity::error) {
            ++counts.error;
        } else if (f.severity == Severity::warning) {
            ++(f.explained ? counts.explained : counts.warning);
        } else {
            ++counts.info;
        }
    }
    return counts;
}

bool has_findings(const RunReport& run) {
    return std::any_of(run.submissions.begin(), run.submissions.end(),
                       [](const SubmissionReport& s) { return !s.findings.empty(); });
}

RunSummary summarize(const std::vector<SubmissionReport>& submissions) {
    RunSummary summary;
    for (const SubmissionReport& s : submissions) {
        ++summary.submissions;
        ++(s.accepted() ? summary.accepted : summary.rejected);
        summary.errors += s.counts.error;
        summary.warnings += s.counts.warning;
        summary.explained += s.counts.explained;
        summary.info += s.counts.info;
    }
    return summary;
}

}  // namespace lmacheck
