#include "report/rules_listing.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace lmacheck {
namespace {

std::string applies_to_text(const RuleInfo& info) {
    return info.applies_to ? std::string(to_string(*info.applies_to)) : std::string("any");
}

std::string options_text(const CatalogEntry& entry) {
    std::string text;
    for (const auto& [name, value] : entry.default_options.items()) {
        if (!text.empty()) text += ", ";
        text += name + "=" + value.dump();
    }
    return text.empty() ? "-" : text;
}

}  // namespace

std::string rules_as_text(const RuleCatalog& catalog, Language language) {
    std::size_t id_width = 4, plugin_width = 6;
    for (const CatalogEntry& e : catalog.entries()) {
        id_width = std::max(id_width, e.info.id.size());
        plugin_width = std::max(plugin_width, e.plugin.size());
    }
    auto pad = [](std::string text, std::size_t width) {
        text.resize(std::max(text.size(), width), ' ');
        return text;
    };
    std::string out = pad("RULE", id_width) + "  LEVEL  " + pad("SEVERITY", 8) + "  " + pad("PLUGIN", plugin_width) +
                      "  " + pad("APPLIES TO", 12) + "  DESCRIPTION / OPTIONS\n";
    for (const CatalogEntry& e : catalog.entries()) {
        const std::string& description =
            language == Language::nl && !e.info.description_nl.empty() ? e.info.description_nl : e.info.description;
        out += pad(e.info.id, id_width) + "  " + pad(std::to_string(e.info.level), 5) + "  " +
               pad(std::string(to_string(e.info.severity)), 8) + "  " + pad(e.plugin, plugin_width) + "  " +
               pad(applies_to_text(e.info), 12) + "  " + description + "\n";
        if (!e.default_options.empty()) {
            out += std::string(id_width + 2 + 7 + 10 + plugin_width + 2 + 14, ' ') + "options: " + options_text(e) + "\n";
        }
    }
    return out;
}

std::string rules_as_json(const RuleCatalog& catalog) {
    nlohmann::ordered_json rules = nlohmann::ordered_json::array();
    for (const CatalogEntry& e : catalog.entries()) {
        nlohmann::ordered_json rule;
        rule["id"] = e.info.id;
        rule["severity"] = std::string(to_string(e.info.severity));
        rule["level"] = e.info.level;
        rule["plugin"] = e.plugin;
        rule["applies_to"] = applies_to_text(e.info);
        rule["description"] = e.info.description;
        rule["description_nl"] = e.info.description_nl;
        rule["configurable"] = e.configurable();
        rule["options"] = nlohmann::ordered_json::parse(e.default_options.dump());
        rules.push_back(std::move(rule));
    }
    nlohmann::ordered_json out;
    out["rules"] = std::move(rules);
    return out.dump(2) + "\n";
}

}  // namespace lmacheck
