// Runs to render in the report tests: one built by hand with every kind of
// finding and text that needs escaping, one where everything is accepted, and
// the real engine over samples/ (with a chosen number of jobs).
#pragma once

#include "engine/inputs.hpp"
#include "engine/pipeline.hpp"
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

// A judged submission of the 2019 reporting year under lma-v1, without
// findings yet; `hash_char` fills its SHA-256.
inline SubmissionReport make_submission(std::string file, char hash_char, std::string kind, std::string submitter_id,
                                        std::vector<std::string> rules_run) {
    SubmissionReport s;
    s.file = std::move(file);
    s.sha256 = std::string(64, hash_char);
    s.kind = std::move(kind);
    s.submitter_id = std::move(submitter_id);
    s.reporting_year = 2019;
    s.ruleset = "lma-v1";
    s.rules_run.assign(rules_run.begin(), rules_run.end());
    return s;
}

// A run of these submissions, their counts and the summary filled in.
inline RunReport make_run(std::vector<SubmissionReport> submissions) {
    RunReport run;
    for (SubmissionReport& s : submissions) s.counts = count_findings(s.findings);
    run.submissions = std::move(submissions);
    run.summary = summarize(run.submissions);
    return run;
}

// Two files: a rejected one with an error, an explained and an unexplained
// warning, an info and a batch-level finding; an accepted one without findings.
inline RunReport mixed_run() {
    SubmissionReport a = make_submission("uploads/a & b.json", 'a', "institution", "06290101",
                                         {"document.unreadable", "document.duplicate-key", "schema.structure",
                                          "capacity.occupancy", "capacity.places-from-bed-days", "explanation.unused"});
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

    SubmissionReport b = make_submission("uploads/ok.json", 'b', "municipality", "0363",
                                         {"document.unreadable", "document.duplicate-key", "schema.structure",
                                          "municipality.budget-per-place"});
    return make_run({std::move(a), std::move(b)});
}

inline RunReport accepted_run() {
    return make_run({make_submission("uploads/ok.json", 'c', "institution", "06290101",
                                     {"document.unreadable", "document.duplicate-key", "schema.structure",
                                      "capacity.occupancy"})});
}

inline const Engine& shared_engine() {
    static const Engine engine(engine_options());
    return engine;
}

// Every sample, valid and invalid, as `lmacheck validate samples` sees them.
inline RunReport samples_run(unsigned jobs = 1) {
    const std::string samples = (source_dir / "samples").string();
    return judge_run(shared_engine(), collect_inputs({samples}), jobs);
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
