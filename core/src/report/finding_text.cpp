#include "report/finding_text.hpp"

#include "report/utf8_text.hpp"

namespace lmacheck {

std::string location_text(const std::string& file, const Finding& finding) {
    if (!finding.position) return file;
    // The cell names a sheet, and the sheet name comes from the file: a
    // newline or ESC in it must not forge a report line or move the cursor.
    if (!finding.position->cell.empty()) return file + ":" + printable_text(finding.position->cell);
    return file + ":" + std::to_string(finding.position->line) + ":" + std::to_string(finding.position->column);
}

std::string pointer_text(const std::string& path) { return path.empty() ? "\"\"" : path; }

std::string message_rule_and_path(const Finding& finding, std::string_view explained_mark) {
    std::string out = finding.message;
    if (finding.explained) out += " (" + std::string(explained_mark) + ")";
    return out + " [" + finding.rule + "] at " + pointer_text(finding.path);
}

std::string finding_line(const std::string& file, const Finding& finding, std::string_view explained_mark) {
    return location_text(file, finding) + ": " + std::string(to_string(finding.severity)) + ": " +
           message_rule_and_path(finding, explained_mark);
}

std::string json_value_text(const nlohmann::json& value) {
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace lmacheck
