#include "report/report_format.hpp"

#include <array>
#include <utility>

namespace lmacheck {
namespace {

constexpr std::array<std::pair<std::string_view, ReportFormat>, 6> formats{{
    {"text", ReportFormat::text},
    {"json", ReportFormat::json},
    {"junit", ReportFormat::junit},
    {"sarif", ReportFormat::sarif},
    {"html", ReportFormat::html},
    {"markdown", ReportFormat::markdown},
}};

}  // namespace

std::optional<ReportFormat> parse_report_format(std::string_view name) {
    for (const auto& [format_name, format] : formats) {
        if (name == format_name) return format;
    }
    return std::nullopt;
}

std::vector<std::string> report_format_names() {
    std::vector<std::string> names;
    for (const auto& entry : formats) names.emplace_back(entry.first);
    return names;
}

std::string render_report(const RunReport& run, ReportFormat format, const RenderOptions& options) {
    switch (format) {
        case ReportFormat::json: return render_json_report(run, options);
        case ReportFormat::text: return render_text_report(run, options);
        case ReportFormat::junit: return render_junit_report(run, options);
        case ReportFormat::sarif: return render_sarif_report(run, options);
        case ReportFormat::html: return render_html_report(run, options);
        case ReportFormat::markdown: return render_markdown_report(run, options);
    }
    return render_text_report(run, options);
}

bool write_report(const RunReport& run, ReportFormat format, const RenderOptions& options, const ReportWriter& write) {
    if (format == ReportFormat::json) return write_json_report(run, options, write);
    return write(render_report(run, format, options));
}

}  // namespace lmacheck
