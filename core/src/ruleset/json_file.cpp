#include "ruleset/json_file.hpp"

#include "document/config_json.hpp"
#include "document/file_bytes.hpp"
#include "model/config_error.hpp"
#include "model/messages.hpp"
#include "schema/structure_check.hpp"

#include <string>
#include <utility>

namespace lmacheck {

Document read_json_document(const std::filesystem::path& file, const std::string& what) {
    // A regular file of bounded size, then the strict parse.
    return parse_config_document(read_config_file(file, what), what + " " + file.string());
}

nlohmann::json read_json_file(const std::filesystem::path& file, const std::string& what) {
    return std::move(*read_json_document(file, what).json);
}

Document read_validated_json(const std::filesystem::path& file, const std::filesystem::path& schema_file,
                             const std::string& what) {
    Document document = read_json_document(file, what);
    const CompiledSchema schema(schema_file.filename().string(), read_json_file(schema_file, "schema"));
    StructureChecker checker;
    const std::vector<RawFinding> problems = checker.check(schema, *document.json, "config");
    if (!problems.empty()) {
        std::string message = what + " " + file.string() + " does not follow " + schema_file.filename().string() + ":";
        const auto templates = structure_messages();
        for (const RawFinding& problem : problems) {
            const std::string position = describe_position(document, problem.path);
            message += "\n  at " + (problem.path.empty() ? std::string("\"\"") : problem.path) +
                       (position.empty() ? "" : " (" + position + ")") + ": " +
                       render_message(templates, problem.message_id, problem.args, Language::en);
        }
        throw ConfigError(message);
    }
    return document;
}

}  // namespace lmacheck
