// The Markdown report, for a CI job summary (GitHub, GitLab): the run's
// summary, a table of the files with status and counts, and a table of the
// findings. Text in cells is escaped, so a '|' or a backtick in a message or
// file name cannot break the table, and no HTML in a message is rendered.
#include "report/finding_cap.hpp"
#include "report/finding_text.hpp"
#include "report/report_format.hpp"
#include "report/report_labels.hpp"
#include "report/utf8_text.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

namespace lmacheck {
namespace {

// One line of a table cell: invalid UTF-8 as U+FFFD, line breaks as spaces,
// other control characters spelled \uXXXX.
std::string cell_line(std::string_view text) {
    std::string out;
    for (std::size_t offset = 0; offset < text.size();) {
        const char32_t cp = next_code_point(text, offset);
        if (cp == U'\n' || cp == U'\r' || cp == U'\t') {
            out += ' ';
        } else if (cp < 0x20 || cp == 0x7F) {
            char buffer[8];
            std::snprintf(buffer, sizeof buffer, "\\u%04X", static_cast<unsigned>(cp));
            out += buffer;
        } else {
            append_utf8(out, cp);
        }
    }
    return out;
}

// Plain text in a cell: every character Markdown (or inline HTML) could act
// on is backslash-escaped.
std::string text_cell(std::string_view text) {
    static constexpr std::string_view special = "\\`*_[]<>|~&#!";
    std::string out;
    for (const char c : cell_line(text)) {
        if (special.find(c) != std::string_view::npos) out += '\\';
        out += c;
    }
    return out;
}

// A code span that holds any text: a fence of more backticks than the longest
// run inside, padded when the text starts or ends with a backtick or space;
// '|' escaped as GFM tables require even inside code.
std::string code_cell(std::string_view raw) {
    const std::string text = cell_line(raw);
    if (text.empty()) return "";
    std::size_t longest = 0, run = 0;
    for (const char c : text) {
        run = c == '`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    const std::string fence(longest + 1, '`');
    const bool pad = text.front() == '`' || text.back() == '`' || text.front() == ' ' || text.back() == ' ';
    std::string out = fence + (pad ? " " : "");
    for (const char c : text) {
        if (c == '|') out += '\\';
        out += c;
    }
    return out + (pad ? " " : "") + fence;
}

std::string row(std::initializer_list<std::string> cells) {
    std::string out = "|";
    for (const std::string& c : cells) out += " " + c + " |";
    return out + "\n";
}

void append_markdown_files_table(std::string& out, const RunReport& run, const ReportLabels& l) {
    out += row({l.file, l.status, l.errors, l.warnings, l.explained, l.infos});
    out += "|---|---|--:|--:|--:|--:|\n";
    for (const SubmissionReport& s : run.submissions) {
        const std::string status = s.accepted() ? l.accepted : std::string("**") + l.rejected + "**";
        out += row({code_cell(s.file), status, std::to_string(s.counts.error), std::to_string(s.counts.warning),
                    std::to_string(s.counts.explained), std::to_string(s.counts.info)});
    }
}

// The message, and after it an explained warning's explanation text.
std::string message_cell(const SubmissionReport& s, const Finding& f, const ReportLabels& l) {
    std::string text = text_cell(f.message);
    if (const std::string* explanation = explanation_text(s, f)) {
        text += "<br>" + text_cell(std::string(l.explanation) + ": " + *explanation);
    }
    return text;
}

void append_findings_table(std::string& out, const RunReport& run, const ReportLabels& l, Language language,
                           std::size_t cap) {
    out += row({l.severity, l.rule, l.location, l.path, l.message, l.expected, l.actual});
    out += "|---|---|---|---|---|---|---|\n";
    for (const SubmissionReport& s : run.submissions) {
        for (const Finding* listed : listed_findings(s, cap)) {
            const Finding& f = *listed;
            std::string severity = severity_label(f.severity, l);
            if (f.explained) severity += std::string(" (") + l.explained_mark + ")";
            out += row({severity, code_cell(f.rule), code_cell(location_text(s.file, f)), code_cell(readable_path(f.path, l)),
                        message_cell(s, f, l), f.expected ? text_cell(readable_value(*f.expected, language)) : "",
                        f.actual ? text_cell(readable_value(*f.actual, language)) : ""});
        }
    }
}

// One line per rule whose findings went beyond the caps; nothing otherwise.
void append_dropped(std::string& out, const RunReport& run, Language language, std::size_t cap) {
    bool first = true;
    for (const SubmissionReport& s : run.submissions) {
        if (const std::size_t more = unlisted_count(s, cap); more > 0) {
            if (first) out += "\n";
            first = false;
            out += "- " + code_cell(s.file) + ": " + text_cell(more_findings_text(more, cap, language)) + "\n";
        }
        for (const DroppedFindings& d : s.dropped_findings) {
            if (first) out += "\n";
            first = false;
            out += "- " + code_cell(s.file) + ": " + text_cell(dropped_findings_text(d, language)) + "\n";
        }
    }
}

}  // namespace

std::string render_markdown_report(const RunReport& run, const RenderOptions& options) {
    const ReportLabels& l = report_labels(options.language);
    std::string out = std::string("## ") + l.title + "\n\n" + summary_sentence(run.summary, l) + "\n\n";
    if (options.generated_at) out += std::string(l.generated_at) + " " + *options.generated_at + "\n\n";
    append_markdown_files_table(out, run, l);
    out += std::string("\n### ") + l.findings + "\n\n";
    if (has_findings(run)) {
        append_findings_table(out, run, l, options.language, options.max_findings);
    } else {
        out += std::string(l.no_findings) + "\n";
    }
    append_dropped(out, run, options.language, options.max_findings);
    return out;
}

}  // namespace lmacheck
