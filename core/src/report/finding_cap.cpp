#include "report/finding_cap.hpp"

#include <algorithm>

namespace lmacheck {
namespace {

// Lower is listed first when the cap leaves room for only some.
int rank(const Finding& f) {
    switch (f.severity) {
        case Severity::error: return 0;
        case Severity::warning: return f.explained ? 2 : 1;
        case Severity::info: return 3;
    }
    return 3;
}

}  // namespace

std::vector<const Finding*> listed_findings(const SubmissionReport& s, std::size_t cap) {
    std::vector<const Finding*> all;
    all.reserve(s.findings.size());
    for (const Finding& f : s.findings) all.push_back(&f);
    if (cap == 0 || all.size() <= cap) return all;
    std::vector<const Finding*> by_rank = all;
    std::stable_sort(by_rank.begin(), by_rank.end(),
                     [](const Finding* a, const Finding* b) { return rank(*a) < rank(*b); });
    by_rank.resize(cap);
    // Back into the report's order (findings are stored in it).
    std::sort(by_rank.begin(), by_rank.end());
    return by_rank;
}

std::size_t unlisted_count(const SubmissionReport& s, std::size_t cap) {
    return cap == 0 || s.findings.size() <= cap ? 0 : s.findings.size() - cap;
}

std::string more_findings_text(std::size_t more, std::size_t cap, Language language) {
    const std::string count = std::to_string(more);
    const std::string option = " (--max-findings " + std::to_string(cap) + ")";
    if (language == Language::nl) {
        return "en nog " + count + (more == 1 ? " bevinding" : " bevindingen") + " niet getoond" + option;
    }
    return "and " + count + (more == 1 ? " more finding" : " more findings") + " not listed" + option;
}

}  // namespace lmacheck
