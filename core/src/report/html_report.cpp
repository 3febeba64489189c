// The HTML report: one self-contained page a data steward can mail or print.
// A table of the files (status, counts), then the findings grouped by
// severity with rule, place, path, message, expected and actual; a filter by
// severity in a few lines of inline script (without script every finding
// shows); a print layout. When findings carry a score (the plausibility
// rules), a "most influential first" table ranks them above the groups, so
// the steward looks at the figures that move the national totals first. No external scripts, fonts, styles or images. The
// page is well-formed XML as well as HTML, so XML tools can check it.
#include "report/finding_cap.hpp"
#include "report/finding_text.hpp"
#include "report/report_format.hpp"
#include "report/report_labels.hpp"
#include "report/xml_escape.hpp"
#include "ruleset/rule_catalog.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <optional>
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
table.findings td:nth-child(4) { min-width: 14em; }
table.files td:first-child { min-width: 14em; }
/* The files table has eleven columns and long skip reasons: each column has
   a fixed share (the same on screen and on paper) and its cells wrap, so the
   table always fits the window instead of running off its right edge. */
table.files { table-layout: fixed; }
table.files th, table.files td { overflow-wrap: anywhere; }
table.files td:first-child { min-width: 0; }
table.files td:last-child { font-size: 0.9em; }
table.files th { font-size: 0.85em; }
table.files th:nth-child(1) { width: 14%; }
table.files th:nth-child(2) { width: 11%; }
table.files th:nth-child(3) { width: 6%; }
table.files th:nth-child(4) { width: 11%; }
table.files th:nth-child(5) { width: 9%; }
table.files th:nth-child(6) { width: 4%; }
table.files th:nth-child(7) { width: 8%; }
table.files th:nth-child(8) { width: 11%; }
table.files th:nth-child(9) { width: 5%; }
table.files th:nth-child(10) { width: 7%; }
table.files th:nth-child(11) { width: 14%; }
table.findings code { overflow-wrap: anywhere; }
.seg { display: inline-block; }
.rule-description { display: block; font-size: 0.85em; color: #555; }
.explanation { display: block; margin-top: 0.2rem; font-style: italic; }
.subject { font-size: 1.1rem; margin: 0.2rem 0; }
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
@page { size: A4; margin: 1.5cm 1.2cm; }
@media print {
  body { margin: 0; font-size: 8.5pt; color: #000; background: #fff; }
  .filter { display: none !important; }
  table { table-layout: fixed; width: 100%; }
  th, td { overflow-wrap: anywhere; word-break: normal; padding: 0.15rem 0.3rem; }
  table.findings td:nth-child(4), table.files td:first-child { min-width: 0; }
  table.findings th:nth-child(1) { width: 17%; }
  table.findings th:nth-child(2) { width: 17%; }
  table.findings th:nth-child(3) { width: 15%; }
  table.findings th:nth-child(4) { width: 31%; }
  table.findings th:nth-child(5), table.findings th:nth-child(6) { width: 10%; }
  table.influential th:nth-child(1) { width: 8%; }
  table.influential th:nth-child(2) { width: 22%; }
  table.influential th:nth-child(3) { width: 25%; }
  table.influential th:nth-child(4) { width: 45%; }
  /* The files table's shares (above, summing to 100%) hold on paper too. */
  table.files { font-size: 0.85em; }
  .rule-description { color: #000; }
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


// Escaped text with a break opportunity after every '/' and '.', so that a
// long path or file name wraps there in a narrow (printed) column: each
// piece an inline block (a line may break between them). Not <wbr/>, which
// libxml2's HTML parser does not know; not U+200B, which a reader copying the
// path would copy too.
std::string breakable(std::string_view text) {
    std::string out;
    std::size_t start = 0;
    auto piece = [&](std::size_t end) {
        out += "<span class=\"seg\">" + xml_text(text.substr(start, end - start)) + "</span>";
        start = end;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '/' || text[i] == '.') piece(i + 1);
    }
    if (start == 0) return xml_text(text);  // nothing to break at
    if (start < text.size()) piece(text.size());
    return out;
}

std::string breakable_code_cell(std::string_view text) { return "<td><code>" + breakable(text) + "</code></td>"; }

// "GGZ Lindenhove (06290101)", the code alone when the name is unknown.
std::optional<std::string> submitter_text(const SubmissionReport& s) {
    if (!s.submitter_id) return s.submitter_name;
    if (!s.submitter_name) return s.submitter_id;
    return *s.submitter_name + " (" + *s.submitter_id + ")";
}

std::string optional_cell(const std::optional<std::string>& text) { return cell(text ? *text : std::string("-")); }

std::string status_span(const SubmissionReport& s, const ReportLabels& l) {
    const char* status = s.accepted() ? "accepted" : "rejected";
    return std::string("<span class=\"status ") + status + "\">" + xml_text(s.accepted() ? l.accepted : l.rejected) +
           "</span>";
}

// The submitter's code and the year as data on the row: the upload page
// (web/app.js) reads them to list what was stored, whatever the cells show
// ("GGZ Lindenhove (06290417)") in whichever language.
std::string row_data(const SubmissionReport& s) {
    std::string data;
    if (s.submitter_id) data += " data-submitter=\"" + xml_attribute(*s.submitter_id) + "\"";
    if (s.reporting_year) data += " data-year=\"" + std::to_string(*s.reporting_year) + "\"";
    return data;
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
        out += "<tr" + row_data(s) + ">" + breakable_code_cell(s.file) + "<td>" + status_span(s, l) + "</td>" +
               cell(std::to_string(s.counts.error), "num") + cell(std::to_string(s.counts.warning), "num") +
               cell(std::to_string(s.counts.explained), "num") + cell(std::to_string(s.counts.info), "num") +
               optional_cell(kind) + optional_cell(submitter_text(s)) +
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

// The listed findings (--max-findings: report/finding_cap.hpp) of one severity.
std::vector<Located> findings_of(const RunReport& run, Severity severity, std::size_t cap) {
    std::vector<Located> out;
    for (const SubmissionReport& s : run.submissions) {
        for (const Finding* f : listed_findings(s, cap)) {
            if (f->severity == severity) out.push_back({&s, f});
        }
    }
    return out;
}

// The rule's one-line description in the report's language, or "" when
// the report has no catalog or the catalog does not know the rule.
std::string rule_description(std::string_view id, const RenderOptions& options) {
    const CatalogEntry* entry = options.catalog != nullptr ? options.catalog->find(id) : nullptr;
    if (entry == nullptr) return "";
    const RuleInfo& info = entry->info;
    return options.language == Language::nl && !info.description_nl.empty() ? info.description_nl : info.description;
}

std::string rule_cell(std::string_view id, const RenderOptions& options) {
    std::string out = "<td><code>" + breakable(id) + "</code>";
    if (const std::string description = rule_description(id, options); !description.empty()) {
        out += "<span class=\"rule-description\">" + xml_text(description) + "</span>";
    }
    return out + "</td>";
}

std::string value_cell(const std::optional<nlohmann::json>& value, Language language) {
    return value ? cell(readable_value(*value, language)) : std::string("<td></td>");
}

void append_finding_row(std::string& out, const Located& at, const RenderOptions& options, const ReportLabels& l) {
    const Finding& f = *at.finding;
    out += f.explained ? "<tr class=\"explained\">" : "<tr>";
    out += rule_cell(f.rule, options) + breakable_code_cell(location_text(at.submission->file, f)) +
           breakable_code_cell(readable_path(f.path, l));
    out += "<td>" + xml_text(f.message);
    if (f.explained) out += "<span class=\"badge\">" + xml_text(l.explained_mark) + "</span>";
    if (const std::string* text = explanation_text(*at.submission, f)) {
        out += "<span class=\"explanation\">" + xml_text(std::string(l.explanation) + ": " + *text) + "</span>";
    }
    out += "</td>";
    out += value_cell(f.expected, options.language) + value_cell(f.actual, options.language);
    out += "</tr>\n";
}

void append_group(std::string& out, const RunReport& run, Severity severity, const RenderOptions& options,
                  const ReportLabels& l) {
    const std::vector<Located> found = findings_of(run, severity, options.max_findings);
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
    for (const Located& at : found) append_finding_row(out, at, options, l);
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
        out += cell(score_text(*f.score), "num") + rule_cell(f.rule, options) +
               breakable_code_cell(location_text(at.submission->file, f)) +
               cell(f.message) + "</tr>\n";
    }
    out += "</tbody>\n</table>\n</div>\n";
}

// Hidden until the script shows it: without script it would do nothing.
void append_filter(std::string& out, const RunReport& run, const ReportLabels& l, std::size_t cap) {
    out += "<div id=\"filter\" class=\"filter\" hidden=\"hidden\">" + xml_text(l.filter) + ": ";
    for (const Severity severity : severities) {
        const std::string name(to_string(severity));
        out += "<label><input type=\"checkbox\" value=\"" + name + "\" checked=\"checked\"/> " +
               xml_text(severity_group_label(severity, l)) + " (" +
               std::to_string(findings_of(run, severity, cap).size()) + ")</label>";
    }
    out += "</div>\n";
}

// Whom the report is about: the submitter, year and rule set when every
// file shares them (one institution's report), else nothing here (the files
// table names each file's).
void append_subject(std::string& out, const RunReport& run, const ReportLabels& l) {
    if (run.submissions.empty()) return;
    const SubmissionReport& first = run.submissions.front();
    const std::optional<std::string> submitter = submitter_text(first);
    for (const SubmissionReport& s : run.submissions) {
        if (submitter_text(s) != submitter || s.reporting_year != first.reporting_year || s.ruleset != first.ruleset) {
            return;
        }
    }
    std::string subject;
    if (submitter) subject += std::string(l.submitter) + ": " + *submitter + " \u00b7 ";
    if (first.reporting_year) subject += std::string(l.year) + ": " + std::to_string(*first.reporting_year) + " \u00b7 ";
    subject += std::string(l.ruleset) + ": " + first.ruleset;
    out += "<p class=\"subject\">" + xml_text(subject) + "</p>\n";
}

}  // namespace

std::string render_html_report(const RunReport& run, const RenderOptions& options) {
    const ReportLabels& l = report_labels(options.language);
    std::string out = "<!DOCTYPE html>\n<html lang=\"";
    out += options.language == Language::nl ? "nl" : "en";
    out += "\">\n<head>\n<meta charset=\"utf-8\"/>\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>" +
           xml_text(l.title) + "</title>\n<style>" + style + "</style>\n</head>\n<body>\n";
    out += "<h1>" + xml_text(l.title) + "</h1>\n";
    append_subject(out, run, l);
    out += "<p class=\"summary\">" + xml_text(summary_sentence(run.summary, l)) + "</p>\n";
    if (options.generated_at) {
        const std::string generated = std::string(l.generated_at) + " " + *options.generated_at;
        out += "<p class=\"generated\">" + xml_text(generated) + "</p>\n";
    }
    append_files_table(out, run, l);
    out += "<h2>" + xml_text(l.findings) + "</h2>\n";
    if (has_findings(run)) {
        append_filter(out, run, l, options.max_findings);
        append_influential(out, run, options, l);
        for (const Severity severity : severities) append_group(out, run, severity, options, l);
    } else {
        out += "<p>" + xml_text(l.no_findings) + "</p>\n";
    }
    // Findings beyond the caps: one line per rule; nothing for ordinary runs.
    for (const SubmissionReport& s : run.submissions) {
        if (const std::size_t more = unlisted_count(s, options.max_findings); more > 0) {
            const std::string text = s.file + ": " + more_findings_text(more, options.max_findings, options.language);
            out += "<p class=\"dropped\">" + xml_text(text) + "</p>\n";
        }
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
