#include "report/finding_text.hpp"

namespace lmacheck {

std::string location_text(const std::string& file, const Finding& finding) {
    if (!finding.position) return file;
    return file + ":" + std::to_string(finding.position->line) + ":" + std::to_string(finding.position->column);
}

std::string pointer_text(const std::string& path) { return path.empty() ? "\"\"" : path; }

std::string json_value_text(const nlohmann::json& value) {
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace lmacheck
