#include "engine/explanations.hpp"

#include "engine/builtin_rules.hpp"
#include "lmacheck/json_pointer.hpp"
#include "model/closest_word.hpp"

#include <algorithm>

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace lmacheck {
namespace {

std::string match_key(const std::string& rule, const std::string& path) { return rule + '\n' + path; }

// RFC 6901: "" or reference tokens each after a '/', where '~' is only the
// start of "~0" or "~1".
bool is_json_pointer(std::string_view path) {
    if (path.empty()) return true;
    if (path.front() != '/') return false;
    for (std::size_t i = 0; i < path.size(); ++i) {
        if (path[i] == '~' && (i + 1 == path.size() || (path[i + 1] != '0' && path[i + 1] != '1'))) return false;
    }
    return true;
}

std::vector<std::string> rule_ids(const RuleCatalog& catalog) {
    std::vector<std::string> ids;
    for (const CatalogEntry& entry : catalog.entries()) ids.push_back(entry.info.id);
    return ids;
}

}  // namespace

void apply_explanations(const nlohmann::json& explanations, const std::vector<std::optional<SourcePosition>>& positions,
                        const RulePlan& plan, const std::vector<const PlannedRule*>& ran, const RuleCatalog& catalog,
                        Language language, std::vector<Finding>& findings) {
    const nlohmann::json* list = &explanations;
    if (!list->is_array() || list->empty()) return;

    std::unordered_multimap<std::string, std::size_t> by_key;
    for (std::size_t i = 0; i < findings.size(); ++i) by_key.emplace(match_key(findings[i].rule, findings[i].path), i);
    std::unordered_set<std::string> rules_that_ran;
    for (const PlannedRule* rule : ran) rules_that_ran.insert(rule->entry->info.id);
    // Explanations are judged only on documents without a level-0 finding:
    // every level-0 check ran on them and found nothing, so an explanation
    // naming one is unused too.
    for (const CatalogEntry& entry : catalog.entries()) {
        if (entry.info.level == 0) rules_that_ran.insert(entry.info.id);
    }

    std::vector<Finding> added;
    auto report = [&](const char* rule_id, const char* message_id, std::size_t index, MessageArgs args) {
        const PlannedRule* planned = plan.find(rule_id);
        if (planned == nullptr || rules_that_ran.count(rule_id) == 0) return;  // switched off
        Finding finding;
        finding.rule = rule_id;
        finding.severity = planned->severity;
        finding.level = planned->entry->info.level;
        finding.path = pointer("explanations", index);
        if (index < positions.size()) finding.position = positions[index];
        finding.message = render_message(catalog.find(rule_id)->info.messages, message_id, args, language);
        added.push_back(std::move(finding));
    };

    for (std::size_t i = 0; i < list->size(); ++i) {
        const nlohmann::json& explanation = (*list)[i];
        const std::string rule = explanation.at("rule").get<std::string>();
        const std::string path = explanation.at("path").get<std::string>();
        const MessageArgs args{{"rule", rule}, {"path", path.empty() ? std::string("\"\"") : path}};
        // Such an explanation can never match: it says why, and not also
        // that it is unused.
        bool can_match = true;
        if (catalog.find(rule) == nullptr) {
            can_match = false;
            // A rule is known, or not, in any language: its id is the same.
            const auto suggestion = closest_word(rule, rule_ids(catalog), std::max<std::size_t>(2, rule.size() / 3));
            MessageArgs with_suggestion = args;
            if (suggestion) with_suggestion.emplace_back("suggestion", *suggestion);
            report(builtin::explanation_unknown_rule, suggestion ? "unknown-rule-suggestion" : "unknown-rule", i,
                   with_suggestion);
        }
        if (!is_json_pointer(path)) {
            can_match = false;
            report(builtin::explanation_bad_path, "bad-path", i, args);
        }
        if (!can_match) continue;
        const auto [first, last] = by_key.equal_range(match_key(rule, path));
        bool matched = false, names_error = false;
        for (auto it = first; it != last; ++it) {
            Finding& finding = findings[it->second];
            matched = true;
            if (finding.severity == Severity::error) names_error = true;
            if (finding.severity == Severity::warning) finding.explained = true;
        }
        if (names_error) {
            report(builtin::explanation_on_error, "on-error", i, args);
        } else if (!matched && rules_that_ran.count(rule) != 0) {
            report(builtin::explanation_unused, "unused", i, args);
        }
    }
    for (Finding& f : added) findings.push_back(std::move(f));
}

}  // namespace lmacheck
