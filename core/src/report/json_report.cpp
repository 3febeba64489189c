// The JSON report of report-and-cli.md, report_version 1.0. Keys keep the
// documented order so that the bytes are stable and readable; it is written
// as it goes (PrettyJsonWriter), not built as a tree first. "generated_at"
// (after "tool") only with --timestamp.
#include "report/pretty_json_writer.hpp"
#include "report/report_format.hpp"

namespace lmacheck {
namespace {

template <typename T>
void member_or_null(PrettyJsonWriter& out, std::string_view name, const std::optional<T>& value) {
    if (value) {
        out.member(name, *value);
    } else {
        out.key(name).null();
    }
}

void write_finding(PrettyJsonWriter& out, const SubmissionReport& s, const Finding& f) {
    out.begin_object();
    out.member("rule", f.rule);
    out.member("severity", to_string(f.severity));
    out.member("level", f.level);
    out.member("path", f.path);
    if (f.position && !f.position->cell.empty()) {
        out.member("cell", f.position->cell);
    } else if (f.position) {
        out.member("line", f.position->line);
        out.member("column", f.position->column);
    }
    out.member("message", f.message);
    if (f.expected) out.key("expected").value(*f.expected);
    if (f.actual) out.key("actual").value(*f.actual);
    out.member("explained", f.explained);
    if (const std::string* text = explanation_text(s, f)) out.member("explanation", *text);
    if (f.score) out.key("score").value(nlohmann::json(*f.score));
    if (!f.related.empty()) {
        out.key("related").begin_array();
        for (const Related& r : f.related) {
            out.begin_object();
            out.member("file", r.file);
            out.member("path", r.path);
            out.end_object();
        }
        out.end_array();
    }
    out.end_object();
}

void write_submission(PrettyJsonWriter& out, const SubmissionReport& s) {
    out.begin_object();
    out.member("file", s.file);
    member_or_null(out, "sha256", s.sha256);
    member_or_null(out, "kind", s.kind);
    member_or_null(out, "submitter_id", s.submitter_id);
    member_or_null(out, "submitter_name", s.submitter_name);
    member_or_null(out, "reporting_year", s.reporting_year);
    out.member("ruleset", s.ruleset);
    out.member("status", std::string_view(s.accepted() ? "accepted" : "rejected"));
    if (s.stored) out.member("stored", *s.stored);
    out.key("counts").begin_object();
    out.member("error", s.counts.error);
    out.member("warning", s.counts.warning);
    out.member("info", s.counts.info);
    out.member("explained", s.counts.explained);
    out.end_object();
    out.key("findings").begin_array();
    for (const Finding& f : s.findings) write_finding(out, s, f);
    out.end_array();
    out.key("skipped_rules").begin_array();
    for (const SkippedRule& r : s.skipped_rules) {
        out.begin_object();
        out.member("rule", r.rule.str());
        out.member("reason", r.reason.str());
        out.end_object();
    }
    out.end_array();
    // Only when the caps on findings dropped some: ordinary reports keep their bytes.
    if (!s.dropped_findings.empty()) {
        out.key("dropped_findings").begin_array();
        for (const DroppedFindings& d : s.dropped_findings) {
            out.begin_object();
            out.member("rule", d.rule);
            out.member("severity", to_string(d.severity));
            out.member("count", static_cast<long long>(d.count));
            out.end_object();
        }
        out.end_array();
    }
    out.end_object();
}

}  // namespace

bool write_json_report(const RunReport& run, const RenderOptions& options, const ReportWriter& write) {
    // Handed on between submissions, once this much is ready: few enough
    // writes, and a national batch's report is never in memory whole.
    constexpr std::size_t piece_size = 256 * 1024;
    std::string text;
    PrettyJsonWriter out(text);
    out.begin_object();
    out.member("report_version", std::string_view("1.0"));
    out.key("tool").begin_object();
    out.member("name", std::string_view("lmacheck"));
    out.member("version", std::string_view(LMACHECK_VERSION));
    out.end_object();
    if (options.generated_at) out.member("generated_at", *options.generated_at);
    out.key("submissions").begin_array();
    for (const SubmissionReport& s : run.submissions) {
        write_submission(out, s);
        if (text.size() >= piece_size) {
            if (!write(text)) return false;
            text.clear();  // the writer only appends: its state is its nesting, not the text
        }
    }
    out.end_array();
    const RunSummary& sum = run.summary;
    out.key("summary").begin_object();
    out.member("submissions", sum.submissions);
    out.member("accepted", sum.accepted);
    out.member("rejected", sum.rejected);
    out.member("errors", sum.errors);
    out.member("warnings", sum.warnings);
    out.member("explained", sum.explained);
    out.member("info", sum.info);
    out.member("max_warnings_exceeded", sum.max_warnings_exceeded);
    out.end_object();
    out.end_object();
    text += '\n';
    return write(text);
}

std::string render_json_report(const RunReport& run, const RenderOptions& options) {
    std::string whole;
    write_json_report(run, options, [&whole](std::string_view piece) {
        whole += piece;
        return true;
    });
    return whole;
}

}  // namespace lmacheck
