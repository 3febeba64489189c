#include "ruleset/json_file.hpp"

#include "document/file_bytes.hpp"
#include "engine/config_error.hpp"
#include "engine/messages.hpp"
#include "schema/structure_check.hpp"

#include <string>

namespace lmacheck {

nlohmann::json read_json_file(const std::filesystem::path& file, const std::string& what) {
    const std::string text = read_config_file(file, what);  // a regular file of bounded size
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        throw ConfigError(what + " " + file.string() + " is not valid JSON: " + e.what());
    }
}

nlohmann::json read_validated_json(const std::filesystem::path& file, const std::filesystem::path& schema_file,
                                   const std::string& what) {
    nlohmann::json document = read_json_file(file, what);
    const CompiledSchema schema(schema_file.filename().string(), read_json_file(schema_file, "schema"));
    StructureChecker checker;
    const std::vector<RawFinding> problems = checker.check(schema, document, "config");
    if (!problems.empty()) {
        std::string message = what + " " + file.string() + " does not follow " + schema_file.filename().string() + ":";
        const auto templates = structure_messages();
        for (const RawFinding& problem : problems) {
            message += "\n  at " + (problem.path.empty() ? std::string("\"\"") : problem.path) + ": " +
                       render_message(templates, problem.message_id, problem.args, Language::en);
        }
        throw ConfigError(message);
    }
    return document;
}

}  // namespace lmacheck
