// Runs to render in the report tests: one built by hand with every kind of
// finding and text that needs escaping, one where everything is accepted, and
// the real engine over samples/ (with a chosen number of jobs).
#pragma once

#include "engine/batch.hpp"
#include "engine_test_support.hpp"
#include "report/report_format.hpp"

#include <memory>
#include <string>
#include <vector>

namespace lmacheck::testing {

// Characters every format must escape, a control character XML 1.0 forbids
// and a byte that is not UTF-8.
inline const std::string hostile_text = "<script>alert(\"x\")</script> & 'q' | `tick` \x01 end\xff";

inline Finding make_finding(std::string rule, Severity severity, std::string path, std::string message,
                            std::optional<SourcePosition> position = std::nullopt) {
    Finding f;
    f.rule = std::move(rule);
    f.severity = severity;
    f.level = 1;
    f.path = std::move(path);
    f.message = std::move(message);
    f.position = position;
    return f;
}

inline SubmissionReport finish(SubmissionReport s) {
    s.counts = count_findings(s.findings);
    return s;
}

// Two files: a rejected one with an error, an explained and an unexplained
// warning, an info and a batch-level finding; an accepted one without findings.
inline RunReport mixed_run() {
    SubmissionReport a;
    a.file = "uploads/a & b.json";
    a.sha256 = std::string(64, 'a');
    a.kind = "institution";
    a.submitter_id = "06290101";
    a.reporting_year = 2019;
    a.ruleset = "lma-v1";
    Finding error = make_finding("schema.structure", Severity::error, "/capacity/0/beds", "bad value " + hostile_text,
                                 SourcePosition{12, 7});
    error.level = 0;
    error.expected = "integer >= 0";
    error.actual = -3;
    Finding warning = make_finding("capacity.occupancy", Severity::warning, "/capacity/1/bed_days",
                                   "occupancy 1.05 is above the maximum 1.00", SourcePosition{30, 19});
    warning.expected = "<= 1.0";
    warning.actual = 1.05;
    Finding explained = make_finding("capacity.occupancy", Severity::warning, "/capacity/2/bed_days",
                                     "occupancy 1.10 is above the maximum 1.00", SourcePosition{40, 19});
    explained.explained = true;
    Finding info = make_finding("explanation.unused", Severity::info, "", "explanation for x at /y matches no finding");
    Finding batch = make_finding("batch.outlier", Severity::warning, "", "far from the others");
    batch.level = 3;
    batch.related = {Related{"uploads/other.json", "/capacity/0"}};
    a.findings = {batch, info, error, warning, explained};  // the report's order
    a.skipped_rules = {{"history.capacity-change", "no --store given"}};
    a.rules_run = {"document.unreadable", "document.duplicate-key", "schema.structure", "capacity.occupancy",
                   "capacity.places-from-bed-days", "explanation.unused"};

    SubmissionReport b;
    b.file = "uploads/ok.json";
    b.sha256 = std::string(64, 'b');
    b.kind = "municipality";
    b.submitter_id = "0363";
    b.reporting_year = 2019;
    b.ruleset = "lma-v1";
    b.rules_run = {"document.unreadable", "document.duplicate-key", "schema.structure", "municipality.budget-per-place"};

    RunReport run;
    run.submissions = {finish(std::move(a)), finish(std::move(b))};
    run.summary = summarize(run.submissions);
    return run;
}

inline RunReport accepted_run() {
    SubmissionReport s;
    s.file = "uploads/ok.json";
    s.sha256 = std::string(64, 'c');
    s.kind = "institution";
    s.submitter_id = "06290101";
    s.reporting_year = 2019;
    s.ruleset = "lma-v1";
    s.rules_run = {"document.unreadable", "document.duplicate-key", "schema.structure", "capacity.occupancy"};
    RunReport run;
    run.submissions = {finish(std::move(s))};
    run.summary = summarize(run.submissions);
    return run;
}

inline const Engine& shared_engine() {
    static const Engine engine(engine_options());
    return engine;
}

// Every sample, valid and invalid, as `lmacheck validate samples` sees them.
inline RunReport samples_run(unsigned jobs = 1) {
    const std::string samples = (source_dir() / "samples").string();
    return run_batch(shared_engine(), collect_inputs({samples}), jobs);
}

inline RenderOptions render_options(Language language = Language::en) {
    RenderOptions options;
    options.language = language;
    options.catalog = &shared_engine().catalog();
    return options;
}

inline std::size_t count_of(const std::string& text, const std::string& needle) {
    std::size_t n = 0;
    for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) ++n;
    return n;
}

}  // namespace lmacheck::testing
