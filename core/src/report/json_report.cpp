// The JSON report of report-and-cli.md, report_version 1.0. Keys keep the
// documented order (ordered_json) so that the bytes are stable and readable.
#include "report/report_format.hpp"

#include <nlohmann/json.hpp>

namespace lmacheck {
namespace {

using ordered = nlohmann::ordered_json;

template <typename T>
ordered or_null(const std::optional<T>& value) {
    return value ? ordered(*value) : ordered(nullptr);
}

ordered to_json(const Finding& f) {
    ordered out;
    out["rule"] = f.rule;
    out["severity"] = std::string(to_string(f.severity));
    out["level"] = f.level;
    out["path"] = f.path;
    if (f.position) {
        out["line"] = f.position->line;
        out["column"] = f.position->column;
    }
    out["message"] = f.message;
    if (f.expected) out["expected"] = ordered::parse(f.expected->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    if (f.actual) out["actual"] = ordered::parse(f.actual->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    out["explained"] = f.explained;
    if (!f.related.empty()) {
        ordered related = ordered::array();
        for (const Related& r : f.related) related.push_back(ordered{{"file", r.file}, {"path", r.path}});
        out["related"] = std::move(related);
    }
    return out;
}

ordered to_json(const SubmissionReport& s) {
    ordered out;
    out["file"] = s.file;
    out["sha256"] = or_null(s.sha256);
    out["kind"] = or_null(s.kind);
    out["submitter_id"] = or_null(s.submitter_id);
    out["reporting_year"] = or_null(s.reporting_year);
    out["ruleset"] = s.ruleset;
    out["status"] = s.accepted() ? "accepted" : "rejected";
    out["counts"] = ordered{{"error", s.counts.error},
                            {"warning", s.counts.warning},
                            {"info", s.counts.info},
                            {"explained", s.counts.explained}};
    ordered findings = ordered::array();
    for (const Finding& f : s.findings) findings.push_back(to_json(f));
    out["findings"] = std::move(findings);
    ordered skipped = ordered::array();
    for (const SkippedRule& r : s.skipped_rules) skipped.push_back(ordered{{"rule", r.rule}, {"reason", r.reason}});
    out["skipped_rules"] = std::move(skipped);
    return out;
}

}  // namespace

std::string render_json_report(const RunReport& run) {
    ordered out;
    out["report_version"] = "1.0";
    out["tool"] = ordered{{"name", "lmacheck"}, {"version", LMACHECK_VERSION}};
    ordered submissions = ordered::array();
    for (const SubmissionReport& s : run.submissions) submissions.push_back(to_json(s));
    out["submissions"] = std::move(submissions);
    const RunSummary& sum = run.summary;
    out["summary"] = ordered{{"submissions", sum.submissions}, {"accepted", sum.accepted}, {"rejected", sum.rejected},
                             {"errors", sum.errors},           {"warnings", sum.warnings}, {"explained", sum.explained}};
    // Invalid UTF-8 cannot reach here from documents (they are rejected), but
    // file names can hold any bytes: replace rather than throw.
    return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace lmacheck
