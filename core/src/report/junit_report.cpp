// The JUnit XML report, for CI systems that show test results: one
// <testsuite> per submission file, one <testcase> per rule that ran on it
// (passed checks are listed too), a <failure> per error finding, warnings
// and info findings as the test case's <system-out>, and each skipped rule as
// a test case holding <skipped> with the reason. A rule with several findings
// on a file gets a test case per finding ("RULE at PATH"): consumers show
// only the first <failure> of a test case. Elements and attributes stay
// within the Jenkins JUnit schema (tests/data/jenkins-junit.xsd, which adds
// `skipped` to <testsuites> as <testsuite> has it). No times, and a
// timestamp on each <testsuite> only with --timestamp: otherwise the bytes
// depend on the input only.
#include "report/finding_text.hpp"
#include "report/report_format.hpp"
#include "report/report_labels.hpp"
#include "report/xml_escape.hpp"

#include <array>
#include <cstdio>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace lmacheck {
namespace {

// One <testcase>: a rule and what it found in one file.
struct RuleCase {
    std::string rule;
    std::string name;  // the test case's name: the rule, or "RULE at PATH" for one of several findings
    std::vector<const Finding*> findings;
    const SkippedRule* skipped = nullptr;
    const DroppedFindings* dropped = nullptr;  // findings beyond the caps, counted only

    bool failed() const {
        for (const Finding* f : findings) {
            if (f->severity == Severity::error) return true;
        }
        return dropped != nullptr && dropped->severity == Severity::error;
    }
};

RuleCase& case_for(std::vector<RuleCase>& cases, const std::string& rule) {
    for (RuleCase& c : cases) {
        if (c.rule == rule) return c;
    }
    return cases.emplace_back(RuleCase{rule, rule, {}, nullptr, nullptr});
}

// The rules that ran in the engine's order, then the skipped ones. A finding
// of a rule the engine did not list (a hand-made report) still gets its case,
// so no finding is ever left out.
std::vector<RuleCase> cases_of(const SubmissionReport& s) {
    std::vector<RuleCase> cases;
    for (const std::string& rule : s.rules_run) case_for(cases, rule);
    for (const Finding& f : s.findings) case_for(cases, f.rule).findings.push_back(&f);
    for (const SkippedRule& r : s.skipped_rules) case_for(cases, r.rule).skipped = &r;
    for (const DroppedFindings& d : s.dropped_findings) case_for(cases, d.rule).dropped = &d;
    return cases;
}

// The case of a rule with several findings, split into one case per finding
// named after its path (numbered when two share a path), the findings beyond
// the caps in a case of their own; other cases as they are.
std::vector<RuleCase> one_case_per_finding(std::vector<RuleCase> cases) {
    std::vector<RuleCase> split;
    for (RuleCase& c : cases) {
        if (c.findings.size() < 2) {
            split.push_back(std::move(c));
            continue;
        }
        std::map<std::string, int> seen;  // case names so far, for numbering
        const SkippedRule* skipped = c.skipped;  // on the first case only: counted once
        for (const Finding* f : c.findings) {
            std::string name = c.rule + " at " + pointer_text(f->path);
            if (const int n = ++seen[name]; n > 1) name += " (" + std::to_string(n) + ")";
            split.push_back(RuleCase{c.rule, std::move(name), {f}, std::exchange(skipped, nullptr), nullptr});
        }
        if (c.dropped != nullptr) split.push_back(RuleCase{c.rule, c.rule, {}, nullptr, c.dropped});
    }
    return split;
}

// A finding as the text report prints it, with what was compared below it
// (those labels in the run's language; the finding line's tokens are fixed).
std::string finding_text(const std::string& file, const Finding& f, std::string_view explained_mark,
                         Language language) {
    const bool nl = language == Language::nl;
    std::string out = finding_line(file, f, explained_mark) + "\n";
    if (f.expected) out += (nl ? "verwacht: " : "expected: ") + json_value_text(*f.expected) + "\n";
    if (f.actual) out += (nl ? "gevonden: " : "actual: ") + json_value_text(*f.actual) + "\n";
    for (const Related& r : f.related) {
        out += (nl ? "gerelateerd: " : "related: ") + r.file + (nl ? " bij " : " at ") + pointer_text(r.path) + "\n";
    }
    return out;
}

// Seconds with milliseconds, as JUnit writes them ("1.250").
std::string seconds_text(double seconds) {
    std::array<char, 32> buffer{};
    std::snprintf(buffer.data(), buffer.size(), "%.3f", seconds);
    return buffer.data();
}

std::string attribute(const char* name, std::string_view value) {
    return std::string(" ") + name + "=\"" + xml_attribute(value) + "\"";
}

void append_property(std::string& out, const char* name, std::string_view value) {
    out += "      <property" + attribute("name", name) + attribute("value", value) + "/>\n";
}

void append_properties(std::string& out, const SubmissionReport& s) {
    out += "    <properties>\n";
    append_property(out, "status", s.accepted() ? "accepted" : "rejected");
    if (s.kind) append_property(out, "kind", *s.kind);
    if (s.submitter_id) append_property(out, "submitter_id", *s.submitter_id);
    if (s.reporting_year) append_property(out, "reporting_year", std::to_string(*s.reporting_year));
    append_property(out, "ruleset", s.ruleset);
    if (s.sha256) append_property(out, "sha256", *s.sha256);
    append_property(out, "errors", std::to_string(s.counts.error));
    append_property(out, "warnings", std::to_string(s.counts.warning));
    append_property(out, "explained", std::to_string(s.counts.explained));
    append_property(out, "info", std::to_string(s.counts.info));
    out += "    </properties>\n";
}

void append_case(std::string& out, const SubmissionReport& s, const RuleCase& c, std::string_view explained_mark,
                 Language language) {
    out += "    <testcase" + attribute("name", c.name) + attribute("classname", s.file);
    std::string others;  // warnings and info: reported, not failing
    for (const Finding* f : c.findings) {
        if (f->severity != Severity::error) others += finding_text(s.file, *f, explained_mark, language);
    }
    if (c.dropped != nullptr && c.dropped->severity != Severity::error) {
        others += s.file + ": " + dropped_findings_text(*c.dropped, language) + "\n";
    }
    if (c.findings.empty() && c.skipped == nullptr && c.dropped == nullptr) {
        out += "/>\n";
        return;
    }
    out += ">\n";
    // The schema's order: skipped, failures, system-out.
    if (c.skipped != nullptr) out += "      <skipped>" + xml_text(c.skipped->reason.str()) + "</skipped>\n";
    for (const Finding* f : c.findings) {
        if (f->severity != Severity::error) continue;
        out += "      <failure" + attribute("message", f->message) + attribute("type", f->rule) + ">" +
               xml_text(finding_text(s.file, *f, explained_mark, language)) + "</failure>\n";
    }
    if (c.dropped != nullptr && c.dropped->severity == Severity::error) {
        const std::string text = dropped_findings_text(*c.dropped, language);
        out += "      <failure" + attribute("message", text) + attribute("type", c.rule) + ">" +
               xml_text(s.file + ": " + text + "\n") + "</failure>\n";
    }
    if (!others.empty()) out += "      <system-out>" + xml_text(others) + "</system-out>\n";
    out += "    </testcase>\n";
}

struct SuiteCounts {
    std::size_t tests = 0;
    std::size_t failures = 0;
    std::size_t skipped = 0;
};

SuiteCounts count(const std::vector<RuleCase>& cases) {
    SuiteCounts counts;
    counts.tests = cases.size();
    for (const RuleCase& c : cases) {
        if (c.failed()) ++counts.failures;
        if (c.skipped != nullptr) ++counts.skipped;
    }
    return counts;
}

}  // namespace

std::string render_junit_report(const RunReport& run, const RenderOptions& options) {
    const char* explained_mark = report_labels(options.language).explained_mark;
    // The Jenkins schema takes any string; RFC 3339 in UTC is ISO 8601 and
    // names its time zone, where Ant's zone-less local time would not.
    const std::string timestamp = options.generated_at ? attribute("timestamp", *options.generated_at) : "";
    // The run's seconds, with --timestamp only (a time makes every run's bytes differ).
    const bool timed = options.generated_at && options.elapsed_seconds;
    const std::string time = timed ? attribute("time", seconds_text(*options.elapsed_seconds)) : "";
    std::string suites;
    SuiteCounts total;
    for (const SubmissionReport& s : run.submissions) {
        const std::vector<RuleCase> cases = one_case_per_finding(cases_of(s));
        const SuiteCounts counts = count(cases);
        total.tests += counts.tests;
        total.failures += counts.failures;
        total.skipped += counts.skipped;
        suites += "  <testsuite" + attribute("name", s.file) + attribute("tests", std::to_string(counts.tests)) +
                  attribute("failures", std::to_string(counts.failures)) + attribute("errors", "0") +
                  attribute("skipped", std::to_string(counts.skipped)) + timestamp + ">\n";
        append_properties(suites, s);
        for (const RuleCase& c : cases) append_case(suites, s, c, explained_mark, options.language);
        suites += "  </testsuite>\n";
    }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites" + attribute("name", "lmacheck") +
           attribute("tests", std::to_string(total.tests)) + attribute("failures", std::to_string(total.failures)) +
           attribute("errors", "0") + attribute("skipped", std::to_string(total.skipped)) + time + ">\n" + suites +
           "</testsuites>\n";
}

}  // namespace lmacheck
