#include "report/rules_listing.hpp"

#include "report/report_labels.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <string_view>

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

// The rule's options schema as written (properties in declaration order);
// null for a rule without options.
nlohmann::ordered_json options_schema(const RuleInfo& info) {
    return info.options_schema.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json::parse(info.options_schema);
}

}  // namespace

std::string rules_as_text(const RuleCatalog& catalog, Language language) {
    // Headers and cell words in the run's language; each column as wide as
    // its widest header or cell.
    const RulesListingLabels& words = rules_listing_labels(language);
    const ReportLabels& labels = report_labels(language);
    auto applies_to = [&](const RuleInfo& info) {
        return info.applies_to ? kind_text(std::string(to_string(*info.applies_to)), language)
                               : std::string(words.any_kind);
    };
    std::size_t id_width = std::string_view(words.rule).size();
    std::size_t plugin_width = std::string_view(words.plugin).size();
    std::size_t severity_width = std::string_view(words.severity).size();
    std::size_t applies_width = std::string_view(words.applies_to).size();
    const std::size_t level_width = std::string_view(words.level).size();
    for (const CatalogEntry& e : catalog.entries()) {
        id_width = std::max(id_width, e.info.id.size());
        plugin_width = std::max(plugin_width, e.plugin.size());
        severity_width = std::max(severity_width, std::string_view(severity_label(e.info.severity, labels)).size());
        applies_width = std::max(applies_width, applies_to(e.info).size());
    }
    auto pad = [](std::string text, std::size_t width) {
        text.resize(std::max(text.size(), width), ' ');
        return text;
    };
    std::string out = pad(words.rule, id_width) + "  " + pad(words.level, level_width) + "  " +
                      pad(words.severity, severity_width) + "  " + pad(words.plugin, plugin_width) + "  " +
                      pad(words.applies_to, applies_width) + "  " + words.description_and_options + "\n";
    const std::size_t indent = id_width + level_width + severity_width + plugin_width + applies_width + 5 * 2;
    for (const CatalogEntry& e : catalog.entries()) {
        const std::string& description =
            language == Language::nl && !e.info.description_nl.empty() ? e.info.description_nl : e.info.description;
        out += pad(e.info.id, id_width) + "  " + pad(std::to_string(e.info.level), level_width) + "  " +
               pad(severity_label(e.info.severity, labels), severity_width) + "  " + pad(e.plugin, plugin_width) +
               "  " + pad(applies_to(e.info), applies_width) + "  " + description + "\n";
        if (!e.default_options.empty()) {
            out += std::string(indent, ' ') + words.options + ": " + options_text(e) + "\n";
        }
    }
    return out;
}

namespace {

// One rule's object in the JSON listing.
nlohmann::ordered_json rule_object(const CatalogEntry& e) {
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
    rule["options_schema"] = options_schema(e.info);
    rule["messages"] = nlohmann::ordered_json::array();
    for (const MessageTemplate& m : e.info.messages) {
        rule["messages"].push_back({{"id", m.id}, {"en", m.en}, {"nl", m.nl}});
    }
    return rule;
}

}  // namespace

std::string rules_as_json(const RuleCatalog& catalog) {
    nlohmann::ordered_json rules = nlohmann::ordered_json::array();
    for (const CatalogEntry& e : catalog.entries()) rules.push_back(rule_object(e));
    nlohmann::ordered_json out;
    out["rules"] = std::move(rules);
    return out.dump(2) + "\n";
}

namespace {

// Markdown for a table cell: a pipe would end the cell, a line break the row.
std::string markdown_cell(std::string_view text) {
    std::string out;
    for (const char c : text) {
        if (c == '|') out += "\\|";
        else if (c == '\n') out += ' ';
        else out += c;
    }
    return out;
}

// A code span that may itself hold backticks (message templates quote keys
// with them): delimited by two backticks and padded with spaces.
std::string code(std::string_view text) {
    const bool has_backtick = text.find('`') != std::string_view::npos;
    return has_backtick ? "`` " + markdown_cell(text) + " ``" : "`" + markdown_cell(text) + "`";
}

// GitHub's heading anchor for "`id`": lower case, punctuation other than
// hyphens dropped.
std::string anchor(std::string_view id) {
    std::string out;
    for (const char c : id) {
        if (c == '-' || c == '_' || std::isalnum(static_cast<unsigned char>(c))) {
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
    }
    return out;
}

std::string level_title(int level) {
    switch (level) {
        case 0: return "Level 0: the document";
        case 1: return "Level 1: within one submission";
        case 2: return "Level 2: against the submitter's earlier accepted submissions";
        case 3: return "Level 3: across submitters";
        case 4: return "Level 4: against registers";
        default: return "Level " + std::to_string(level);
    }
}

std::string applies_to_words(const RuleInfo& info) {
    return info.applies_to ? std::string(to_string(*info.applies_to)) + " submissions" : "every submission";
}

// "0..100", ">= 0", "<= 1", or "" from an option's schema.
std::string range_text(const nlohmann::ordered_json& property) {
    const auto minimum = property.find("minimum");
    const auto maximum = property.find("maximum");
    const bool has_min = minimum != property.end(), has_max = maximum != property.end();
    if (has_min && has_max) return minimum->dump() + " to " + maximum->dump();
    if (has_min) return ">= " + minimum->dump();
    if (has_max) return "<= " + maximum->dump();
    return "";
}

std::string options_table(const RuleInfo& info) {
    const nlohmann::ordered_json schema = options_schema(info);
    if (schema.is_null() || !schema.contains("properties") || schema["properties"].empty()) {
        return "Options: none.\n";
    }
    std::string out = "Options:\n\n| option | type | default | range | description |\n|---|---|---|---|---|\n";
    for (const auto& [name, property] : schema["properties"].items()) {
        out += "| " + code(name) + " | " + markdown_cell(property.value("type", "")) + " | " +
               (property.contains("default") ? code(property["default"].dump()) : std::string()) + " | " +
               markdown_cell(range_text(property)) + " | " + markdown_cell(property.value("description", "")) + " |\n";
    }
    return out;
}

std::string messages_table(const RuleInfo& info) {
    if (info.messages.empty()) return "No messages.\n";
    std::string out = "| message | English | Nederlands |\n|---|---|---|\n";
    for (const MessageTemplate& m : info.messages) {
        out += "| " + code(m.id) + " | " + code(m.en) + " | " + code(m.nl) + " |\n";
    }
    return out;
}

std::string sentence(const std::string& text) { return text.ends_with('.') ? text : text + "."; }

std::string rule_section(const CatalogEntry& e) {
    const RuleInfo& info = e.info;
    std::string out = "### `" + info.id + "`\n\n";
    out += "Level " + std::to_string(info.level) + ", default severity **" + std::string(to_string(info.severity)) +
           "**, applies to " + applies_to_words(info) + ", plugin `" + e.plugin + "`" +
           (e.configurable() ? "." : "; always runs as an error (a rule set cannot name it).") + "\n\n";
    out += sentence(info.description) + "\n\n";
    out += "*Nederlands:* " + sentence(info.description_nl) + "\n\n";
    out += options_table(info) + "\n";
    out += "Messages (`{name}` is filled in from the finding):\n\n" + messages_table(info);
    return out;
}

std::string index_table(const RuleCatalog& catalog) {
    std::string out = "| rule | level | severity | applies to | plugin |\n|---|---|---|---|---|\n";
    for (const CatalogEntry& e : catalog.entries()) {
        out += "| [`" + e.info.id + "`](#" + anchor(e.info.id) + ") | " + std::to_string(e.info.level) + " | " +
               std::string(to_string(e.info.severity)) + " | " + applies_to_text(e.info) + " | " + e.plugin + " |\n";
    }
    return out;
}

}  // namespace

std::string rule_as_markdown(const CatalogEntry& entry) { return rule_section(entry); }

std::string rules_as_markdown(const RuleCatalog& catalog) {
    std::string out =
        "# Rule reference\n\n"
        "<!-- Generated by `lmacheck rules --format markdown`; do not edit. Regenerate with\n"
        "     scripts/update-docs.sh (or the CMake target update-docs). -->\n\n"
        "Every check lmacheck runs, as the program loads them: the engine's own rules\n"
        "(plugin `core`) and the rules of the plugins. A rule set (`rules/README.md`)\n"
        "can switch a rule of level 1 or higher off, change its severity and set its\n"
        "options; level-0 rules always run as errors. Messages are shown in English, or\n"
        "in Dutch with `--lang nl`.\n\n" +
        index_table(catalog);
    int level = -1;
    for (const CatalogEntry& e : catalog.entries()) {
        if (e.info.level != level) {
            level = e.info.level;
            out += "\n## " + level_title(level) + "\n";
        }
        out += "\n" + rule_section(e);
    }
    return out;
}

namespace {

// The text of `lmacheck rules ID` in the reader's language.
std::string say(Language language, std::string_view en, std::string_view nl) {
    return std::string(language == Language::nl ? nl : en);
}

std::string level_words(int level, Language language) {
    switch (level) {
        case 0: return say(language, "the document", "het document");
        case 1: return say(language, "within one submission", "binnen één aanlevering");
        case 2: return say(language, "against the submitter's earlier accepted submissions",
                           "tegen eerder geaccepteerde aanleveringen van dezelfde aanleveraar");
        case 3: return say(language, "across submitters", "over aanleveraars heen");
        default: return "";
    }
}

std::string applies_to_words(const RuleInfo& info, Language language) {
    if (!info.applies_to) return say(language, "every submission", "elke aanlevering");
    return *info.applies_to == Kind::institution ? say(language, "institutions", "instellingen")
                                                  : say(language, "municipalities", "gemeenten");
}

// "min_occupancy=0.5, max_occupancy=1.0", or "-" for a rule without options.
std::string option_values(const nlohmann::json& options) {
    std::string text;
    for (const auto& [name, value] : options.items()) {
        if (!text.empty()) text += ", ";
        text += name + "=" + value.dump();
    }
    return text.empty() ? "-" : text;
}

std::string options_section(const RuleInfo& info, Language language) {
    const nlohmann::ordered_json schema = options_schema(info);
    if (schema.is_null() || !schema.contains("properties") || schema["properties"].empty()) {
        return say(language, "Options: none\n", "Opties: geen\n");
    }
    std::string out = say(language, "Options:\n", "Opties:\n");
    for (const auto& [name, property] : schema["properties"].items()) {
        out += "  " + name + " (" + property.value("type", "") + ")";
        if (property.contains("default")) out += say(language, ", default ", ", standaard ") + property["default"].dump();
        if (const std::string range = range_text(property); !range.empty()) {
            out += say(language, ", range ", ", bereik ") + range;
        }
        out += "\n";
        if (const std::string description = property.value("description", ""); !description.empty()) {
            out += "      " + description + "\n";
        }
    }
    return out;
}

std::string in_force_line(const CatalogEntry& entry, const RuleInForce& in_force, Language language) {
    std::string out = "  " + in_force.ruleset + " (" + in_force.years + "): ";
    if (!entry.configurable()) return out + say(language, "always runs, as an error\n", "draait altijd, als fout\n");
    if (in_force.planned == nullptr) return out + say(language, "switched off\n", "uitgeschakeld\n");
    out += say(language, "severity ", "ernst ") + std::string(to_string(in_force.planned->severity));
    if (!in_force.planned->options.empty()) {
        out += say(language, "; options ", "; opties ") + option_values(in_force.planned->options);
    }
    return out + "\n";
}

std::string messages_section(const RuleInfo& info, Language language) {
    if (info.messages.empty()) return say(language, "Messages: none\n", "Meldingen: geen\n");
    std::string out = say(language, "Messages ({name} is filled in from the finding):\n",
                          "Meldingen ({name} wordt ingevuld uit de bevinding):\n");
    for (const MessageTemplate& m : info.messages) {
        out += "  " + m.id + "\n      en: " + m.en + "\n      nl: " + m.nl + "\n";
    }
    return out;
}

// A rule-set entry that writes the rule's defaults out (the starting point
// for changing them), and for a rule that can warn, an explanation.
std::string example_section(const CatalogEntry& entry, Language language) {
    if (!entry.configurable()) {
        return say(language,
                   "Example: none; a rule set cannot change a level-0 rule, and its errors cannot be explained: "
                   "correct the file.\n",
                   "Voorbeeld: geen; een regelset kan een regel van niveau 0 niet wijzigen, en zijn fouten kunnen "
                   "niet worden toegelicht: verbeter het bestand.\n");
    }
    nlohmann::ordered_json settings;
    settings["severity"] = std::string(to_string(entry.info.severity));
    if (!entry.default_options.empty()) settings["options"] = nlohmann::ordered_json::parse(entry.default_options.dump());
    std::string out = say(language, "Example, in a rule set (--ruleset FILE; see rules/README.md):\n",
                          "Voorbeeld, in een regelset (--ruleset BESTAND; zie rules/README.md):\n");
    out += "  \"rules\": { \"" + entry.info.id + "\": " + settings.dump() + " }\n";
    out += say(language, "Explaining a warning of it, in the submission:\n",
               "Een waarschuwing ervan toelichten, in de aanlevering:\n");
    out += "  \"explanations\": [ { \"rule\": \"" + entry.info.id + "\", \"path\": " +
           say(language, "\"<the finding's path>\", \"text\": \"<why>\"", "\"<het pad van de bevinding>\", \"text\": \"<waarom>\"") +
           " } ]\n";
    return out;
}

}  // namespace

std::string rule_as_text(const CatalogEntry& entry, const std::vector<RuleInForce>& in_force, Language language) {
    const RuleInfo& info = entry.info;
    std::string out = info.id + "\n\n";
    out += "  " + sentence(info.description) + "\n";
    if (!info.description_nl.empty()) out += "  Nederlands: " + sentence(info.description_nl) + "\n";
    out += "\n";
    out += say(language, "Level:       ", "Niveau:      ") + std::to_string(info.level) + " (" +
           level_words(info.level, language) + ")\n";
    out += say(language, "Severity:    ", "Ernst:       ") + std::string(to_string(info.severity)) +
           say(language, " (default)", " (standaard)") + "\n";
    out += say(language, "Applies to:  ", "Geldt voor:  ") + applies_to_words(info, language) + "\n";
    out += "Plugin:      " + entry.plugin + "\n\n";
    out += options_section(info, language) + "\n";
    out += say(language, "In force:\n", "Van kracht:\n");
    for (const RuleInForce& set : in_force) out += in_force_line(entry, set, language);
    out += "\n" + messages_section(info, language) + "\n" + example_section(entry, language);
    return out;
}

std::string rule_as_json(const CatalogEntry& entry, const std::vector<RuleInForce>& in_force) {
    nlohmann::ordered_json rule = rule_object(entry);
    rule["in_force"] = nlohmann::ordered_json::array();
    for (const RuleInForce& set : in_force) {
        nlohmann::ordered_json item;
        item["ruleset"] = set.ruleset;
        item["years"] = set.years;
        const bool runs = !entry.configurable() || set.planned != nullptr;
        item["enabled"] = runs;
        if (runs) {
            item["severity"] = set.planned != nullptr ? std::string(to_string(set.planned->severity)) : "error";
            item["options"] = set.planned != nullptr ? nlohmann::ordered_json::parse(set.planned->options.dump())
                                                     : nlohmann::ordered_json::object();
        }
        rule["in_force"].push_back(std::move(item));
    }
    return rule.dump(2) + "\n";
}

std::string rule_set_in_force_as_json(const RuleSet& set, const RuleCatalog& catalog, int year) {
    const RulePlan& plan = set.plan_for(year);
    nlohmann::ordered_json out;
    out["name"] = set.name();
    out["description"] = set.name() + " as in force for reporting year " + std::to_string(year) +
                         " (its overrides for that year applied)";
    out["years"] = {{"from", year}, {"to", year}};
    out["rules"] = nlohmann::ordered_json::object();
    for (const CatalogEntry& entry : catalog.entries()) {
        if (!entry.configurable()) continue;  // level 0 always runs; a rule set cannot name it
        nlohmann::ordered_json settings;
        const PlannedRule* planned = plan.find(entry.info.id);
        settings["enabled"] = planned != nullptr;
        if (planned != nullptr) {
            settings["severity"] = std::string(to_string(planned->severity));
            if (!planned->options.empty()) settings["options"] = nlohmann::ordered_json::parse(planned->options.dump());
        }
        out["rules"][entry.info.id] = std::move(settings);
    }
    return out.dump(2) + "\n";
}

}  // namespace lmacheck
