#include "document/config_json.hpp"

#include "document/document_messages.hpp"
#include "model/config_error.hpp"
#include "model/messages.hpp"

#include <cstddef>
#include <utility>

namespace lmacheck {
namespace {

// A configuration file is small and written by hand; the limits only stop a
// hostile one from exhausting memory or the stack of later recursive walks.
LoadLimits config_limits() {
    LoadLimits limits;
    limits.max_depth = 256;
    return limits;
}

std::string at_position(const RawFinding& finding) {
    if (!finding.position) return "";
    return " at line " + std::to_string(finding.position->line) + ", column " +
           std::to_string(finding.position->column);
}

}  // namespace

Document parse_config_document(std::string bytes, const std::string& label) {
    Document document = parse_unhashed_document(std::move(bytes), label, config_limits());
    if (!document.json) {
        const RawFinding& problem = document.findings.at(0);
        throw ConfigError(label + " is not valid JSON: " +
                          render_message(unreadable_messages(), problem.message_id, problem.args, Language::en));
    }
    if (document.findings.empty()) return document;
    // Every repeated key, each at its place; a file full of them is cut short.
    constexpr std::size_t max_listed = 10;
    std::string message = label + ": a key occurs more than once in an object (each setting must be given once):";
    for (std::size_t i = 0; i < document.findings.size() && i < max_listed; ++i) {
        const RawFinding& duplicate = document.findings[i];
        const auto& args = duplicate.args;
        const std::string key = args.empty() ? std::string() : args.front().second.get<std::string>();
        const std::string object = duplicate.path.empty() ? std::string("the top-level object") : duplicate.path;
        message += "\n  \"" + key + "\" in " + object + at_position(duplicate);
    }
    if (document.findings.size() > max_listed) {
        message += "\n  and " + std::to_string(document.findings.size() - max_listed) + " more";
    }
    throw ConfigError(message);
}

std::string describe_position(const Document& document, std::string_view pointer) {
    const auto position = document.position_of(pointer);
    if (!position) return "";
    return "line " + std::to_string(position->line) + ", column " + std::to_string(position->column);
}

}  // namespace lmacheck
