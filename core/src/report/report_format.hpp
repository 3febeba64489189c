// Rendering a run's report. Every format reads the same RunReport; none
// computes anything the engine has not already decided.
#pragma once

#include "model/messages.hpp"
#include "model/report_model.hpp"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lmacheck {

class RuleCatalog;

enum class ReportFormat { text, json, junit, sarif, html, markdown };

std::optional<ReportFormat> parse_report_format(std::string_view name);
// The names --format accepts, for the command line.
std::vector<std::string> report_format_names();

struct RenderOptions {
    Language language = Language::en;
    bool color = false;  // ANSI colours, for a terminal only
    // The rules' metadata (descriptions, default severity, options), for
    // formats that describe the rules (SARIF). Without it SARIF names the
    // rules of the findings by id only.
    const RuleCatalog* catalog = nullptr;
    // With --timestamp: the UTC time the run finished, RFC 3339 with
    // milliseconds (utc_now_rfc3339), read once so that every format shows
    // the same value. Without it no format writes any time, so the bytes
    // depend on the input only. A choice of this rendering, not part of the
    // run: the report the store keeps for each submission has none.
    std::optional<std::string> generated_at;
    // --max-findings: findings listed per file by the text, Markdown and
    // HTML reports, the rest counted ("and 37 more"); 0: all
    // (report/finding_cap.hpp). JSON, SARIF and JUnit list every finding.
    std::size_t max_findings = 0;
    // With --timestamp: the seconds the run took, for JUnit's <testsuites time>.
    std::optional<double> elapsed_seconds;
};

std::string render_report(const RunReport& run, ReportFormat format, const RenderOptions& options);

// Receives a report in pieces, in order; false when the destination failed,
// which stops the rendering.
using ReportWriter = std::function<bool(std::string_view piece)>;

// The same bytes as render_report, handed to `write` in pieces as they are
// rendered, so that a large run's report is never held whole (the JSON
// report: a piece at the end of a submission once 256 KiB are ready; the
// other formats: one piece). False when `write` returned false.
bool write_report(const RunReport& run, ReportFormat format, const RenderOptions& options, const ReportWriter& write);

std::string render_json_report(const RunReport& run, const RenderOptions& options = {});
bool write_json_report(const RunReport& run, const RenderOptions& options, const ReportWriter& write);
std::string render_text_report(const RunReport& run, const RenderOptions& options);
std::string render_junit_report(const RunReport& run, const RenderOptions& options);
std::string render_sarif_report(const RunReport& run, const RenderOptions& options);
std::string render_html_report(const RunReport& run, const RenderOptions& options);
std::string render_markdown_report(const RunReport& run, const RenderOptions& options);

}  // namespace lmacheck
