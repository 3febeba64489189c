#include "report/sarif_rules.hpp"

#include <cctype>
#include <string>

namespace lmacheck {
namespace {

using ordered = nlohmann::ordered_json;

struct RuleWords {
    const char* level_meaning[5];
    const char* level;
    const char* applies_to;
    const char* institutions;
    const char* municipalities;
    const char* both_kinds;
    const char* default_severity;
    const char* severities[3];  // by Severity: info, warning, error
    const char* plugin;
    const char* options;
    const char* no_options;
    const char* explainable;
    const char* level0_help;
    const char* how_to_fix;
};

constexpr RuleWords english_words{
    {"the file itself: readable, valid JSON, following its schema", "within one submission",
     "against the submitter's accepted figures of earlier years", "across submitters", "against registers"},
    "Level",
    "Applies to",
    "institutions",
    "municipalities",
    "both kinds of submission",
    "Default severity",
    {"info", "warning", "error"},
    "Plugin",
    "Options (set in a rule set)",
    "This rule has no options.",
    "A warning of this rule can be explained: add {\"rule\": \"%s\", \"path\": <the finding's path>, \"text\": "
    "<why>} to the submission's \"explanations\". Errors cannot be explained.",
    "A level-0 check always runs and cannot be switched off or explained: correct the file.",
    "How to fix: correct the value at the finding's path (and the figures it is compared with) so that the check "
    "holds; the message says what was expected and what was found (more: %s).",
};

constexpr RuleWords dutch_words{
    {"het bestand zelf: leesbaar, geldige JSON, volgens zijn schema", "binnen één inzending",
     "tegen de geaccepteerde cijfers van eerdere jaren van de inzender", "tussen inzenders", "tegen registers"},
    "Niveau",
    "Geldt voor",
    "instellingen",
    "gemeenten",
    "beide soorten inzendingen",
    "Standaard-ernst",
    {"info", "waarschuwing", "fout"},
    "Plug-in",
    "Opties (in te stellen in een regelset)",
    "Deze regel heeft geen opties.",
    "Een waarschuwing van deze regel kan worden toegelicht: voeg {\"rule\": \"%s\", \"path\": <het pad van de "
    "bevinding>, \"text\": <waarom>} toe aan \"explanations\" van de inzending. Fouten kunnen niet worden "
    "toegelicht.",
    "Een controle van niveau 0 loopt altijd en kan niet worden uitgezet of toegelicht: verbeter het bestand.",
    "Zo los je het op: verbeter de waarde op het pad van de bevinding (en de cijfers waarmee die wordt vergeleken) "
    "zodat de controle klopt; de melding zegt wat werd verwacht en wat werd gevonden (meer: %s).",
};

std::string sentence(std::string text) {
    if (!text.empty() && text.back() != '.') text += '.';
    return text;
}

std::string replace_placeholder(std::string text, const std::string& value) {
    if (const auto at = text.find("%s"); at != std::string::npos) text.replace(at, 2, value);
    return text;
}

std::string full_description(const CatalogEntry& entry, const std::string& description, const RuleWords& w) {
    const RuleInfo& info = entry.info;
    const char* kinds = !info.applies_to                       ? w.both_kinds
                        : *info.applies_to == Kind::institution ? w.institutions
                                                                : w.municipalities;
    const int level = info.level < 0 ? 0 : (info.level > 4 ? 4 : info.level);
    return sentence(description) + " " + w.level + " " + std::to_string(info.level) + " (" +
           w.level_meaning[level] + "). " + w.applies_to + " " + kinds + ". " + w.default_severity + ": " +
           w.severities[static_cast<int>(info.severity)] + ". " + w.plugin + ": " + entry.plugin + ".";
}

std::string help_text(const CatalogEntry& entry, const RuleWords& w) {
    const std::string fix = replace_placeholder(w.how_to_fix, rule_help_uri(entry.info.id)) + " ";
    if (!entry.configurable()) return fix + w.level0_help;
    std::string options;
    for (const auto& [name, value] : entry.default_options.items()) {
        options += options.empty() ? ": " : ", ";
        options += name + " = " + value.dump();
    }
    std::string text = options.empty() ? std::string(w.no_options) : std::string(w.options) + options + ".";
    return fix + text + " " + replace_placeholder(w.explainable, entry.info.id);
}

}  // namespace

std::string rule_doc_anchor(std::string_view id) {
    // GitHub's anchor of the heading "### `ID`": lower case, spaces as
    // '-', and every character but letters, digits, '-' and '_' dropped.
    std::string anchor;
    for (const char c : id) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) != 0 || c == '-' || c == '_') anchor += static_cast<char>(std::tolower(u));
        else if (c == ' ') anchor += '-';
    }
    return anchor;
}

std::string rule_help_uri(std::string_view id) {
    return std::string(LMACHECK_RULES_DOC_URI) + "#" + rule_doc_anchor(id);
}

std::string_view sarif_level(Severity severity) {
    switch (severity) {
        case Severity::error: return "error";
        case Severity::warning: return "warning";
        case Severity::info: return "note";
    }
    return "error";
}

ordered sarif_rule(const CatalogEntry& entry, Language language) {
    const RuleWords& w = language == Language::nl ? dutch_words : english_words;
    const std::string& description = language == Language::nl && !entry.info.description_nl.empty()
                                         ? entry.info.description_nl
                                         : entry.info.description;
    ordered rule;
    rule["id"] = entry.info.id;
    rule["shortDescription"] = ordered{{"text", sentence(description)}};
    rule["fullDescription"] = ordered{{"text", full_description(entry, description, w)}};
    rule["helpUri"] = rule_help_uri(entry.info.id);
    rule["help"] = ordered{{"text", help_text(entry, w)}};
    rule["defaultConfiguration"] = ordered{{"level", std::string(sarif_level(entry.info.severity))}};
    rule["properties"] = ordered{{"validation_level", entry.info.level},
                                 {"plugin", entry.plugin},
                                 {"applies_to", entry.info.applies_to ? std::string(to_string(*entry.info.applies_to))
                                                                      : std::string("any")}};
    return rule;
}

ordered sarif_rule_by_id(std::string_view id) { return ordered{{"id", std::string(id)}}; }

}  // namespace lmacheck
