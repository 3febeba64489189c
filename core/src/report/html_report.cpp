// The HTML report: one self-contained page a data steward can mail or print.
// A table of the files (status, counts), then the findings grouped by
// severity with rule, place, path, message, expected and actual; a filter by
// severity in a few lines of inline script (without script every finding
// shows); a print layout. When findings carry a score (the plausibility
// rules), a "most influential first" table ranks them above the groups, so
// the steward looks at the figures that move the national totals first. No external scripts, fonts, styles or images. The
// page is well-formed XML as well as HTML, so XML tools can check it.
#include "report/finding_text.hpp"
#include "report/report_format.hpp"
#include "report/report_labels.hpp"
#include "report/xml_escape.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <string>
#include <vector>

namespace lmacheck {
namespace {

constexpr std::array<Severity, 3> severities{Severity::error, Severity::warning, Severity::info};

constexpr const char* style = R"(
body { font-family: system-ui, sans-serif; margin: 2rem; color: #1a1a1a; line-height: 1.4; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
h3 { font-size: 1.1rem; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1rem; }
th, td { border: 1px solid #d0d0d0; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.findings td:first-child { white-space: nowrap; }
table.findings td:nth-child(4) { min-width: 14em; }
table.findings code { overflow-wrap: anywhere; }
code { font-family: ui-monospace, monospace; font-size: 0.9em; overflow-wrap: break-word; }
.status { font-weight: bold; padding: 0 0.4rem; border-radius: 0.2rem; }
.status.accepted { background: #dff5e1; color: #14602a; }
.status.rejected { background: #fde2e1; color: #8f1d17; }
.group.error h3 { color: #8f1d17; }
.group.warning h3 { color: #7a5200; }
.group.info h3 { color: #0b5570; }
tr.explained td { color: #666; }
.badge { font-size: 0.8em; border: 1px solid #999; border-radius: 0.2rem; padding: 0 0.3rem; margin-left: 0.3rem; }
.filter { margin: 0.5rem 0 1rem; }
.filter label { margin-right: 1rem; }
.footer { margin-top: 2rem; color: #666; font-size: 0.85em; }
@page { margin: 1.5cm; }
@media print {
  body { margin: 0; font-size: 9.5pt; color: #000; background: #fff; }
  .filter { display: none; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  th { background: none; }
  .status, .badge { background: none; color: #000; border: 1px solid #000; }
  .group h3, tr.explained td { color: #000; }
}
)";

// Shows and hides the severity groups. It avoids the characters '<' and '&'
// so that the page stays well-formed XML without a CDATA section.
constexpr const char* script = R"(
(function () {
  var filter = document.getElementById("filter");
  if (!filter) return;
  filter.hidden = false;
  filter.addEventListener("change", function (event) {
    var group = document.getElementById("findings-" + event.target.value);
    if (group) group.hidden = !event.target.checked;
  });
})();
)";

std::string cell(std::string_view text, const char* css_class = nullptr) {
    std::string out = css_class != nullptr ? std::string("<td class=\"") + css_class + "\">" : std::string("<td>");
    return out + xml_text(text) + "</td>";
}

std::string code_cell(std::string_view text) { return "<td><code>" + xml_text(text) + "</code></td>"; }

std::string optional_cell(const std::optional<std::string>& text) { return cell(text ? *text : std::string("-")); }

std::string status_span(const SubmissionReport& s, const ReportLabels& l) {
    const char* status = s.accepted() ? "accepted" : "rejected";
    return std::string("<span class=\"status ") + status + "\">" + xml_text(s.accepted() ? l.accepted : l.rejected) +
           "</span>";
}

void append_files_table(std::string& out, const RunReport& run, const ReportLabels& l) {
    out += "<h2>" + xml_text(l.files) + "</h2>\n<table class=\"files\">\n<thead><tr>";
    for (const char* heading : {l.file, l.status, l.errors, l.warnings, l.explained, l.infos, l.kind, l.submitter,
                                l.year, l.ruleset, l.skipped}) {
        out += "<th>" + xml_text(heading) + "</th>";
    }
    out += "</tr></thead>\n<tbody>\n";
    for (const SubmissionReport& s : run.submissions) {
        const auto kind = s.kind ? std::optional<std::string>(kind_text(*s.kind, labels_language(l))) : std::nullopt;
        out += "<tr>" + code_cell(s.file) + "<td>" + status_span(s, l) + "</td>" +
               cell(std::to_string(s.counts.error), "num") + cell(std::to_string(s.counts.warning), "num") +
               cell(std::to_string(s.counts.explained), "num") + cell(std::to_string(s.counts.info), "num") +
               optional_cell(kind) + optional_cell(s.submitter_id) +
               optional_cell(s.reporting_year ? std::optional<std::string>(std::to_string(*s.reporting_year))
                                              : std::nullopt) +
               cell(s.ruleset) + cell(skipped_rules_text(s)) + "</tr>\n";
    }
    out += "</tbody>\n</table>\n";
}

struct Located {
    const SubmissionReport* submission;
    const Finding* finding;
};

std::vector<Located> findings_of(const RunReport& run, Severity severity) {
    std::vector<Located> out;
    for (const SubmissionReport& s : run.submissions) {
        for (const Finding& f : s.findings) {
            if (f.severity == severity) out.push_back({&s, &f});
        }
    }
    return out;
}

void append_finding_row(std::string& out, const Located& at, const ReportLabels& l) {
    const Finding& f = *at.finding;
    out += f.explained ? "<tr class=\"explained\">" : "<tr>";
    out += code_cell(f.rule) + code_cell(location_text(at.submission->file, f)) + code_cell(pointer_text(f.path));
    out += "<td>" + xml_text(f.message);
    if (f.explained) out += "<span class=\"badge\">" + xml_text(l.explained_mark) + "</span>";
    out += "</td>";
    out += f.expected ? code_cell(json_value_text(*f.expected)) : std::string("<td></td>");
    out += f.actual ? code_cell(json_value_text(*f.actual)) : std::string("<td></td>");
    out += "</tr>\n";
}

void append_group(std::string& out, const RunReport& run, Severity severity, const ReportLabels& l) {
    const std::vector<Located> found = findings_of(run, severity);
    const std::string name(to_string(severity));
    out += "<div class=\"group " + name + "\" id=\"findings-" + name + "\">\n<h3>" +
           xml_text(severity_group_label(severity, l)) + " (" + std::to_string(found.size()) + ")</h3>\n";
    if (found.empty()) {
        out += "<p>" + xml_text(l.none_of_severity) + "</p>\n</div>\n";
        return;
    }
    out += "<table class=\"findings\">\n<thead><tr>";
    for (const char* heading : {l.rule, l.location, l.path, l.message, l.expected, l.actual}) {
        out += "<th>" + xml_text(heading) + "</th>";
    }
    out += "</tr></thead>\n<tbody>\n";
    for (const Located& at : found) append_finding_row(out, at, l);
    out += "</tbody>\n</table>\n</div>\n";
}

std::vector<Located> scored_findings(const RunReport& run) {
    std::vector<Located> out;
    for (const SubmissionReport& s : run.submissions) {
        for (const Finding& f : s.findings) {
            if (f.score) out.push_back({&s, &f});
        }
    }
    // Highest score first; the report's own order (file, then finding) breaks ties.
    std::stable_sort(out.begin(), out.end(),
                     [](const Located& a, const Located& b) { return *a.finding->score > *b.finding->score; });
    return out;
}

std::string score_text(double score) {
    char text[32];
    std::snprintf(text, sizeof text, "%.4g", score);
    return text;
}

// The ranked view: every finding with a score, highest first. The labels
// live here rather than in report_labels: only this view uses them.
void append_influential(std::string& out, const RunReport& run, const RenderOptions& options,
                        const ReportLabels& l) {
    const std::vector<Located> ranked = scored_findings(run);
    if (ranked.empty()) return;
    const bool nl = options.language == Language::nl;
    out += std::string("<div class=\"group influential\" id=\"findings-influential\">\n<h3>") +
           (nl ? "Meest invloedrijk eerst" : "Most influential first") + " (" + std::to_string(ranked.size()) +
           ")</h3>\n<p>" +
           (nl ? "Score: |z| maal het aandeel van de inzender in het landelijk totaal."
               : "Score: |z| times the submitter's share of the national total.") +
           "</p>\n<table class=\"findings influential\">\n<thead><tr>";
    for (const char* heading : {"score", l.rule, l.location, l.message}) {  // "score" in Dutch too
        out += "<th>" + xml_text(heading) + "</th>";
    }
    out += "</tr></thead>\n<tbody>\n";
    for (const Located& at : ranked) {
        const Finding& f = *at.finding;
        out += f.explained ? "<tr class=\"explained\">" : "<tr>";
        out += cell(score_text(*f.score), "num") + code_cell(f.rule) + code_cell(location_text(at.submission->file, f)) +
               cell(f.message) + "</tr>\n";
    }
    out += "</tbody>\n</table>\n</div>\n";
}

// Hidden until the script shows it: without script it would do nothing.
void append_filter(std::string& out, const RunReport& run, const ReportLabels& l) {
    out += "<div id=\"filter\" class=\"filter\" hidden=\"hidden\">" + xml_text(l.filter) + ": ";
    for (const Severity severity : severities) {
        const std::string name(to_string(severity));
        out += "<label><input type=\"checkbox\" value=\"" + name + "\" checked=\"checked\"/> " +
               xml_text(severity_group_label(severity, l)) + " (" +
               std::to_string(findings_of(run, severity).size()) + ")</label>";
    }
    out += "</div>\n";
}

bool has_findings(const RunReport& run) {
    for (const SubmissionReport& s : run.submissions) {
        if (!s.findings.empty()) return true;
    }
    return false;
}

}  // namespace

std::string render_html_report(const RunReport& run, const RenderOptions& options) {
    const ReportLabels& l = report_labels(options.language);
    std::string out = "<!DOCTYPE html>\n<html lang=\"";
    out += options.language == Language::nl ? "nl" : "en";
    out += "\">\n<head>\n<meta charset=\"utf-8\"/>\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>" +
           xml_text(l.title) + "</title>\n<style>" + style + "</style>\n</head>\n<body>\n";
    out += "<h1>" + xml_text(l.title) + "</h1>\n<p class=\"summary\">" + xml_text(summary_sentence(run.summary, l)) +
           "</p>\n";
    if (options.generated_at) {
        const std::string generated = std::string(l.generated_at) + " " + *options.generated_at;
        out += "<p class=\"generated\">" + xml_text(generated) + "</p>\n";
    }
    append_files_table(out, run, l);
    out += "<h2>" + xml_text(l.findings) + "</h2>\n";
    if (has_findings(run)) {
        append_filter(out, run, l);
        append_influential(out, run, options, l);
        for (const Severity severity : severities) append_group(out, run, severity, l);
    } else {
        out += "<p>" + xml_text(l.no_findings) + "</p>\n";
    }
    // Findings beyond the caps: one line per rule; nothing for ordinary runs.
    for (const SubmissionReport& s : run.submissions) {
        for (const DroppedFindings& d : s.dropped_findings) {
            out += "<p class=\"dropped\">" + xml_text(s.file + ": " + dropped_findings_text(d, options.language)) +
                   "</p>\n";
        }
    }
    out += "<p class=\"footer\">" + xml_text(l.generated_by) + " lmacheck " + LMACHECK_VERSION + "</p>\n<script>" +
           script + "</script>\n</body>\n</html>\n";
    return out;
}

}  // namespace lmacheck
