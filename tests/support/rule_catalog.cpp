#include "support/rule_catalog.hpp"

namespace lmacheck::test {

using nlohmann::json;

const std::vector<CatalogRule>& catalog_rules() {
    const std::string any, institution = "institution", municipality = "municipality";
    const json none = json::object();
    static const std::vector<CatalogRule> rules = {
        // Level 0: whether the document can be read and has the structure of its schema.
        {"document.unreadable", 0, "error", any, none, false},
        {"document.duplicate-key", 0, "error", any, none, false},
        {"schema.structure", 0, "error", any, none, false},
        {"engine.rule-failed", 0, "error", any, none, false},
        // Level 1: one submission on its own.
        {"location.duplicate-id", 1, "error", institution, none, true},
        {"capacity.unknown-location", 1, "error", institution, none, true},
        {"capacity.duplicate-record", 1, "error", institution, none, true},
        {"capacity.places-from-bed-days", 1, "error", institution, {{"days_per_place", 365}, {"abs_tolerance", 0.05}},
         true},
        {"capacity.occupancy", 1, "warning", institution, {{"max_occupancy", 1.0}, {"min_occupancy", 0.5}}, true},
        {"capacity.totals-match-locations", 1, "error", institution, {{"abs_tolerance", 0.05}}, true},
        {"financing.valid-for-year", 1, "error", institution, {{"awbz_last_year", 2014}}, true},
        {"dbc.category-sum", 1, "error", institution, none, true},
        {"ambulatory.basis-ggz-from-2014", 1, "error", institution, {{"first_year", 2014}}, true},
        {"fact.certified-within-teams", 1, "error", institution, none, true},
        {"fact.empty-teams", 1, "error", institution, none, true},
        {"fact.team-size",
         1,
         "warning",
         institution,
         {{"min_fte_per_team", 3}, {"max_fte_per_team", 25}, {"min_clients_per_team", 50}, {"max_clients_per_team", 400}},
         true},
        {"clients.partition", 1, "error", institution, none, true},
        {"reference.municipality-code", 1, "error", any, none, true},
        {"reference.province-matches", 1, "error", institution, none, true},
        {"reference.central-municipality", 1, "error", municipality, none, true},
        {"municipality.sheltered-housing-required", 1, "error", municipality, none, true},
        {"municipality.budget-per-place", 1, "warning", municipality, {{"min_eur", 20000}, {"max_eur", 150000}}, true},
        {"municipality.clients-per-place", 1, "warning", municipality, {{"min", 0.5}, {"max", 3.0}}, true},
        {"explanation.unused", 1, "info", any, none, false},
        {"explanation.on-error", 1, "info", any, none, false},
        {"explanation.unknown-rule", 1, "warning", any, none, false},
        {"explanation.bad-path", 1, "warning", any, none, false},
        // Level 2: a submission against the accepted one of the year before (needs a store).
        {"history.capacity-change", 2, "warning", institution, {{"max_relative_change", 0.25}, {"min_places", 5}}, true},
        {"history.dbc-total-change", 2, "warning", institution, {{"max_relative_change", 0.30}}, true},
        {"history.fact-teams-drop", 2, "warning", institution, none, true},
        {"history.resubmission", 2, "info", any, none, false},
        // Level 3: the submissions of a run (and the store's accepted ones of the year) together.
        {"cross.duplicate-submission", 3, "error", any, none, true},
        {"cross.sheltered-housing-region", 3, "warning", municipality, {{"max_relative_gap", 0.20}}, true},
    };
    return rules;
}

std::vector<std::string> catalog_plugin_rule_ids() {
    std::vector<std::string> ids;
    for (const CatalogRule& rule : catalog_rules()) {
        if (rule.from_plugin) ids.push_back(rule.id);
    }
    return ids;
}

const CatalogRule* catalog_rule(const std::string& id) {
    for (const CatalogRule& rule : catalog_rules()) {
        if (rule.id == id) return &rule;
    }
    return nullptr;
}

}  // namespace lmacheck::test
