#include "ruleset/rule_catalog.hpp"

#include "model/config_error.hpp"
#include "schema/structure_check.hpp"

#include <algorithm>

namespace lmacheck {
namespace {

bool is_known_severity(Severity severity) {
    return severity == Severity::error || severity == Severity::warning || severity == Severity::info;
}

// The levels a rule may declare: plugin rules check one submission (1),
// compare it with the previous year's (2), look across a run (3) or compare
// one submission with a register (4, run per submission like level 1);
// level 0 (the document and its schema) is the engine's own. A rule of any
// other level would be listed and never run.
bool is_allowed_level(const CatalogEntry& entry, bool from_plugin_library) {
    const int level = entry.info.level;
    if (from_plugin_library) return level >= 1 && level <= 4;
    return level >= 0 && level <= 2;
}

void check_metadata(const CatalogEntry& entry, bool from_plugin_library) {
    const RuleInfo& info = entry.info;
    if (info.id.empty() || info.id.find('.') == std::string::npos) {
        throw ConfigError("plugin " + entry.plugin + " registers a rule with an invalid id '" + info.id + "'");
    }
    // An unknown severity would print as error, count as info and let the
    // submission pass.
    if (!is_known_severity(info.severity)) {
        throw ConfigError("plugin " + entry.plugin + " registers rule " + info.id + " with severity " +
                          std::to_string(static_cast<int>(info.severity)) +
                          ", which is none of error, warning and info");
    }
    if (!is_allowed_level(entry, from_plugin_library)) {
        throw ConfigError("plugin " + entry.plugin + " registers rule " + info.id + " with level " +
                          std::to_string(info.level) + "; a plugin rule has level 1 (one submission), 2 (against the " +
                          "previous year), 3 (across the run) or 4 (against a register), no other level would " +
                          "ever run");
    }
    for (const MessageTemplate& message : info.messages) {
        if (message.en.empty() || message.nl.empty()) {
            throw ConfigError("rule " + info.id + ": message '" + message.id + "' lacks its English or Dutch text");
        }
    }
}

void compile_options(CatalogEntry& entry) {
    if (entry.info.options_schema.empty()) return;
    nlohmann::json schema;
    try {
        schema = nlohmann::json::parse(entry.info.options_schema);
    } catch (const nlohmann::json::exception& e) {
        throw ConfigError("rule " + entry.info.id + ": its options schema is not valid JSON: " + e.what());
    }
    const auto properties = schema.find("properties");
    if (properties != schema.end()) {
        for (const auto& [name, property] : properties->items()) {
            if (!property.contains("default")) {
                throw ConfigError("rule " + entry.info.id + ": option " + name + " has no default");
            }
            entry.default_options[name] = property["default"];
        }
    }
    try {
        entry.options_schema = std::make_shared<const CompiledSchema>(entry.info.id, std::move(schema));
    } catch (const std::exception& e) {
        throw ConfigError("rule " + entry.info.id + ": its options schema is unusable: " + e.what());
    }
}

// The level-3 rules in the order they run: each after the rules its
// RuleInfo::after names, otherwise in id order. Throws ConfigError for a
// name that is no level-3 rule and for a cycle.
std::vector<const CatalogEntry*> order_level3(const RuleCatalog& catalog) {
    std::vector<const CatalogEntry*> pending;
    for (const CatalogEntry& entry : catalog.entries()) {
        const bool level3 = entry.info.level == 3;
        if (!level3 && !entry.info.after.empty()) {
            throw ConfigError("plugin " + entry.plugin + " registers rule " + entry.info.id +
                              " with `after`, which only level-3 rules have");
        }
        for (const std::string& before : entry.info.after) {
            const CatalogEntry* named = catalog.find(before);
            if (named == nullptr || named->info.level != 3) {
                throw ConfigError("plugin " + entry.plugin + " registers rule " + entry.info.id +
                                  " to run after " + before + ", which is no level-3 rule of this run");
            }
        }
        if (level3) pending.push_back(&entry);
    }
    std::vector<const CatalogEntry*> ordered;
    while (!pending.empty()) {
        const auto ready = std::find_if(pending.begin(), pending.end(), [&](const CatalogEntry* entry) {
            return std::all_of(entry->info.after.begin(), entry->info.after.end(), [&](const std::string& before) {
                return std::any_of(ordered.begin(), ordered.end(),
                                   [&](const CatalogEntry* done) { return done->info.id == before; });
            });
        });
        if (ready == pending.end()) {
            std::string names;
            for (const CatalogEntry* entry : pending) names += (names.empty() ? "" : ", ") + entry->info.id;
            throw ConfigError("the level-3 rules " + names + " name each other in `after`: no order runs them");
        }
        ordered.push_back(*ready);
        pending.erase(ready);
    }
    return ordered;
}

}  // namespace

RuleCatalog::RuleCatalog(std::vector<RuleInfo> builtin, std::vector<LoadedRule> plugin_rules) {
    for (RuleInfo& info : builtin) check_metadata(CatalogEntry{info, "core", nullptr, nullptr}, false);
    for (const LoadedRule& loaded : plugin_rules) {
        // The engine's own rules (level 3) come without a library file.
        check_metadata(CatalogEntry{loaded.rule->info(), loaded.plugin, nullptr, nullptr}, !loaded.library.empty());
    }
    for (RuleInfo& info : builtin) entries_.push_back(CatalogEntry{std::move(info), "core", nullptr, nullptr});
    for (LoadedRule& loaded : plugin_rules) {
        entries_.push_back(CatalogEntry{loaded.rule->info(), loaded.plugin, std::move(loaded.rule), nullptr});
    }
    std::sort(entries_.begin(), entries_.end(), [](const CatalogEntry& a, const CatalogEntry& b) {
        return a.info.level != b.info.level ? a.info.level < b.info.level : a.info.id < b.info.id;
    });
    for (std::size_t i = 0; i < entries_.size(); ++i) {
        compile_options(entries_[i]);
        if (!index_.emplace(entries_[i].info.id, i).second) {
            throw ConfigError("rule " + entries_[i].info.id + " is defined twice (plugin " + entries_[i].plugin + ")");
        }
    }
    level3_order_ = order_level3(*this);
}

const CatalogEntry* RuleCatalog::find(std::string_view id) const {
    auto it = index_.find(std::string(id));
    return it == index_.end() ? nullptr : &entries_[it->second];
}

}  // namespace lmacheck
