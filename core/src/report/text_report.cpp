// The text report: one line per finding, like a compiler, so editors and CI
// annotations can jump to it; then a status line per file and a summary.
//
// A finding line is `FILE:LINE:COL: SEVERITY: MESSAGE [RULE] at PATH` in
// every language: SEVERITY (error, warning, info) and `at` are the tokens
// that editors' and CI systems' problem matchers look for, so --lang nl
// translates only the message area (the message, and the explained mark
// after it). The status and summary lines are for people and follow --lang.
//
// Text the run did not write (file names, messages quoting keys and values,
// JSON Pointers, skip reasons) goes through printable_text: a control
// character in it is shown as \u001B, never sent to the terminal, and a line
// feed in a key cannot start a fake "FILE:LINE:COL: error:" line.
#include "report/finding_cap.hpp"
#include "report/finding_text.hpp"
#include "report/report_format.hpp"
#include "report/utf8_text.hpp"
#include "report/report_labels.hpp"

#include <string>

namespace lmacheck {
namespace {

struct Labels {
    const char* explained;
    const char* accepted;
    const char* rejected;
    const char* infos;
    const char* explained_plural;
    const char* generated_at;
    const char* not_stored;
};

// Counted nouns ("1 error", "2 fouten") come from count_text.
constexpr Labels english_text{"explained", "accepted", "rejected", "info", "explained", "generated at", "not stored"};
constexpr Labels dutch_text{"toegelicht", "geaccepteerd", "afgewezen",      "info",
                            "toegelicht", "gemaakt op",   "niet opgeslagen"};

const char* color_of(Severity s) {
    switch (s) {
        case Severity::error: return "\x1b[1;31m";
        case Severity::warning: return "\x1b[1;33m";
        case Severity::info: return "\x1b[1;36m";
    }
    return "";
}

void append_counts(std::string& out, int errors, int warnings, int explained, const Labels& l, Language language) {
    out += count_text(errors, CountedNoun::error, language) + ", " +
           count_text(warnings, CountedNoun::warning, language) + ", " + std::to_string(explained) + " " +
           l.explained_plural;
}

// Findings beyond the caps (--max-findings-per-file/-run), one line per rule.
std::string dropped_line(const DroppedFindings& d, Language language) {
    return std::string(language == Language::nl ? "noot: " : "note: ") + dropped_findings_text(d, language) + "\n";
}

}  // namespace

std::string render_text_report(const RunReport& run, const RenderOptions& options) {
    const Labels& l = options.language == Language::nl ? dutch_text : english_text;
    const char* reset = options.color ? "\x1b[0m" : "";
    std::string out;
    for (const SubmissionReport& s : run.submissions) {
        const std::string file = printable_text(s.file);
        for (const Finding* listed : listed_findings(s, options.max_findings)) {
            const Finding& f = *listed;
            out += location_text(file, f) + ": ";
            if (options.color) out += color_of(f.severity);
            out += to_string(f.severity);
            out += reset;
            out += ": " + printable_text(message_rule_and_path(f, l.explained)) + "\n";
        }
        if (const std::size_t more = unlisted_count(s, options.max_findings); more > 0) {
            out += file + ": " + (options.language == Language::nl ? "noot: " : "note: ") +
                   more_findings_text(more, options.max_findings, options.language) + "\n";
        }
        for (const DroppedFindings& d : s.dropped_findings) out += file + ": " + dropped_line(d, options.language);
        out += file + ": ";
        if (options.color) out += s.accepted() ? "\x1b[1;32m" : "\x1b[1;31m";
        out += s.accepted() ? l.accepted : l.rejected;
        // An `accept` run whose store failed part-way: accepted, yet not kept.
        if (s.accepted() && s.stored == false) out += std::string(", ") + l.not_stored;
        out += reset;
        out += " (";
        append_counts(out, s.counts.error, s.counts.warning, s.counts.explained, l, options.language);
        out += ", " + std::to_string(s.counts.info) + " " + l.infos + ")";
        if (!s.skipped_rules.empty()) {
            const auto skipped = static_cast<long long>(s.skipped_rules.size());
            out += "; " + count_text(skipped, CountedNoun::skipped_rule, options.language) + ": " +
                   printable_text(s.skipped_rules.front().reason.str());
        }
        out += "\n";
    }
    const RunSummary& sum = run.summary;
    out += count_text(sum.submissions, CountedNoun::submission, options.language) + ": " +
           std::to_string(sum.accepted) + " " + l.accepted + ", " + std::to_string(sum.rejected) + " " + l.rejected +
           "; ";
    append_counts(out, sum.errors, sum.warnings, sum.explained, l, options.language);
    out += "\n";
    if (options.generated_at) out += std::string(l.generated_at) + " " + *options.generated_at + "\n";
    return out;
}

}  // namespace lmacheck
