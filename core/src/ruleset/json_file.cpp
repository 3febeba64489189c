#include "ruleset/json_file.hpp"

#include "engine/config_error.hpp"
#include "engine/messages.hpp"
#include "schema/structure_check.hpp"

#include <fstream>
#include <sstream>

namespace lmacheck {

nlohmann::json read_json_file(const std::filesystem::path& file, const std::string& what) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw ConfigError("cannot read " + what + " " + file.string());
    std::stringstream buffer;
    buffer << in.rdbuf();
    try {
        return nlohmann::json::parse(buffer.str());
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
