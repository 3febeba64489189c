#include "ruleset/expression_rules.hpp"

#include "expression/expression_rule.hpp"
#include "model/config_error.hpp"
#include "ruleset/json_file.hpp"

#include <algorithm>

namespace lmacheck {

std::vector<LoadedRule> load_expression_rules(const std::vector<std::filesystem::path>& files,
                                              const std::filesystem::path& schema_file,
                                              std::map<std::string, std::string> taken) {
    std::vector<LoadedRule> rules;
    for (const auto& file : files) {
        const Document loaded = read_validated_json(file, schema_file, "rule set");
        const nlohmann::json& document = *loaded.json;
        if (!document.contains("expressions")) continue;
        const nlohmann::json& expressions = document["expressions"];
        const std::string plugin = file.filename().string();
        for (std::size_t i = 0; i < expressions.size(); ++i) {
            auto rule = std::make_shared<const expression::ExpressionRule>(
                expression::read_definition(expressions[i], file.string(), i));
            const std::string& id = rule->info().id;
            if (auto owner = taken.find(id); owner != taken.end()) {
                throw ConfigError("rule set " + file.string() + ": expression rule " + id + " (/expressions/" +
                                  std::to_string(i) + "): id: is taken by " + owner->second);
            }
            taken.emplace(id, "expression rule of rule set " + file.string());
            rules.push_back(LoadedRule{std::move(rule), plugin, file});
        }
    }
    return rules;
}

bool defined_in_other_rule_set(const CatalogEntry& entry, const std::filesystem::path& file) {
    const auto* rule = dynamic_cast<const expression::ExpressionRule*>(entry.rule.get());
    return rule != nullptr && rule->file() != file.string();
}

std::vector<std::filesystem::path> shipped_rule_set_files(const std::filesystem::path& rules_dir) {
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    for (std::filesystem::directory_iterator it(rules_dir, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->is_regular_file() && it->path().extension() == ".json") files.push_back(it->path());
    }
    if (ec) throw ConfigError("cannot list rule sets in " + rules_dir.string() + ": " + ec.message());
    if (files.empty()) throw ConfigError("no rule set (*.json) found in " + rules_dir.string());
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace lmacheck
