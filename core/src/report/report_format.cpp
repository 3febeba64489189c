#include "report/report_format.hpp"

namespace lmacheck {

std::optional<ReportFormat> parse_report_format(std::string_view name) {
    if (name == "text") return ReportFormat::text;
    if (name == "json") return ReportFormat::json;
    return std::nullopt;
}

std::vector<std::string> report_format_names() { return {"text", "json"}; }

std::string render_report(const RunReport& run, ReportFormat format, const RenderOptions& options) {
    switch (format) {
        case ReportFormat::json: return render_json_report(run);
        case ReportFormat::text: return render_text_report(run, options);
    }
    return render_text_report(run, options);
}

}  // namespace lmacheck
