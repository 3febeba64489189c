#include "rule_harness.hpp"

#include "ambulatory_rules.hpp"
#include "capacity_rules.hpp"
#include "clients_rules.hpp"
#include "fact_rules.hpp"
#include "financing_rules.hpp"
#include "lmacheck/submission.hpp"
#include "municipality_rules.hpp"
#include "reference_rules.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

namespace lmacheck::ruletest {

std::vector<std::unique_ptr<Rule>> all_rules() {
    std::vector<std::unique_ptr<Rule>> rules;
    rules.push_back(rules::capacity::make_location_duplicate_id_rule());
    rules.push_back(rules::capacity::make_unknown_location_rule());
    rules.push_back(rules::capacity::make_duplicate_record_rule());
    rules.push_back(rules::capacity::make_places_from_bed_days_rule());
    rules.push_back(rules::capacity::make_occupancy_rule());
    rules.push_back(rules::capacity::make_totals_match_locations_rule());
    rules.push_back(rules::financing::make_valid_for_year_rule());
    rules.push_back(rules::ambulatory::make_dbc_category_sum_rule());
    rules.push_back(rules::ambulatory::make_basis_ggz_from_2014_rule());
    rules.push_back(rules::fact::make_certified_within_teams_rule());
    rules.push_back(rules::fact::make_empty_teams_rule());
    rules.push_back(rules::fact::make_team_size_rule());
    rules.push_back(rules::clients::make_partition_rule());
    rules.push_back(rules::reference::make_municipality_code_rule());
    rules.push_back(rules::reference::make_province_matches_rule());
    rules.push_back(rules::reference::make_central_municipality_rule());
    rules.push_back(rules::municipality::make_sheltered_housing_required_rule());
    rules.push_back(rules::municipality::make_budget_per_place_rule());
    rules.push_back(rules::municipality::make_clients_per_place_rule());
    return rules;
}

Options options_for(const Rule& rule, const json& overrides) {
    json values = json::object();
    const std::string& schema_text = rule.info().options_schema;
    const json properties =
        schema_text.empty() ? json::object() : json::parse(schema_text).value("properties", json::object());
    for (const auto& [name, property] : properties.items()) {
        if (property.contains("default")) values[name] = property["default"];
    }
    for (const auto& [name, value] : overrides.items()) {
        if (!properties.contains(name)) {
            ADD_FAILURE() << rule.info().id << " has no option '" << name << "'";
            continue;
        }
        values[name] = value;
    }
    return Options(std::move(values));
}

FakeReference::FakeReference() {
    add(2008, 2035, {"GM0363", "Amsterdam", "NH", "Amsterdam", true});
    add(2008, 2035, {"GM0362", "Amstelveen", "NH", "Amsterdam", false});
    add(2008, 2035, {"GM0344", "Utrecht", "UT", "Utrecht", true});
    add(2008, 2035, {"GM0865", "Vught", "NB", "'s-Hertogenbosch", false});
    add(2008, 2035, {"GM0796", "'s-Hertogenbosch", "NB", "'s-Hertogenbosch", true});
    add(2008, 2035, {"GM0599", "Rotterdam", "ZH", "Rotterdam", true});
    add(2008, 2018, {"GM0393", "Haarlemmerliede en Spaarnwoude", "NH", "Haarlem", false});
}

void FakeReference::add(int from, int to, Municipality municipality) {
    auto& periods = by_code_[municipality.code];
    periods.push_back({from, to, std::move(municipality)});
}

const Municipality* FakeReference::municipality(std::string_view code, int year) const {
    const auto it = by_code_.find(std::string(code));
    if (it == by_code_.end()) return nullptr;
    for (const auto& period : it->second) {
        if (period.from <= year && year <= period.to) return &period.municipality;
    }
    return nullptr;
}

const FakeReference& reference() {
    static const FakeReference instance;
    return instance;
}

json Reported::arg(std::string_view name) const {
    for (const auto& [key, value] : args) {
        if (key == name) return value;
    }
    ADD_FAILURE() << "no argument '" << name << "' in " << message_id << " at " << path;
    return nullptr;
}

void PrintTo(const Reported& reported, std::ostream* os) {
    json args = json::object();
    for (const auto& [key, value] : reported.args) args[key] = value;
    *os << "{" << reported.path << " " << reported.message_id << " args=" << args.dump()
        << " expected=" << (reported.expected ? reported.expected->dump() : "-")
        << " actual=" << (reported.actual ? reported.actual->dump() : "-") << "}";
}

void RecordingReporter::report(std::string path, std::string_view message_id, const MessageArgs& args,
                               std::optional<json> expected, std::optional<json> actual) {
    reports.push_back({std::move(path), std::string(message_id), args, std::move(expected), std::move(actual)});
}

std::vector<std::string> placeholders(std::string_view text) {
    std::vector<std::string> names;
    for (std::size_t open = text.find('{'); open != std::string_view::npos; open = text.find('{', open + 1)) {
        const std::size_t close = text.find('}', open);
        if (close == std::string_view::npos) break;
        names.emplace_back(text.substr(open + 1, close - open - 1));
    }
    return names;
}

namespace {

// What a report must satisfy whatever the rule: see run().
void expect_well_formed(const Rule& rule, const json& document, const Reported& reported) {
    const RuleInfo& info = rule.info();
    const auto message = std::find_if(info.messages.begin(), info.messages.end(),
                                      [&](const MessageTemplate& m) { return m.id == reported.message_id; });
    if (message == info.messages.end()) {
        ADD_FAILURE() << info.id << " reported undeclared message id '" << reported.message_id << "'";
        return;
    }
    std::set<std::string> given;
    for (const auto& [name, value] : reported.args) {
        EXPECT_TRUE(given.insert(name).second) << info.id << ": argument '" << name << "' given twice";
    }
    // expected_en and expected_nl may come without placeholders: they give
    // the expectation in words in both languages (docs/plugins.md), and then
    // `expected` must be the English one.
    if (given.contains("expected_en") || given.contains("expected_nl")) {
        const auto arg = [&](const std::string& name) {
            for (const auto& [key, value] : reported.args) {
                if (key == name) return value;
            }
            return json();
        };
        EXPECT_TRUE(arg("expected_en").is_string() && arg("expected_nl").is_string())
            << info.id << ": expected_en and expected_nl come as a pair of texts";
        EXPECT_EQ(reported.expected.value_or(json()), arg("expected_en"))
            << info.id << ": `expected` is not the English expected_en";
    }
    for (const std::string* text : {&message->en, &message->nl}) {
        const auto names = placeholders(*text);
        std::set<std::string> wanted(names.begin(), names.end());
        for (const char* words : {"expected_en", "expected_nl"}) {
            if (given.contains(words)) wanted.insert(words);
        }
        EXPECT_EQ(wanted, given) << info.id << "/" << message->id << ": arguments differ from the placeholders of \""
                                 << *text << "\"";
    }
    EXPECT_TRUE(document.contains(json::json_pointer(reported.path)))
        << info.id << " reported at '" << reported.path << "', which is not in the document";
    EXPECT_TRUE(reported.expected.has_value()) << info.id << "/" << reported.message_id << " without expected";
    EXPECT_TRUE(reported.actual.has_value()) << info.id << "/" << reported.message_id << " without actual";
}

}  // namespace

std::vector<Reported> run(const Rule& rule, const json& document, const json& overrides) {
    const auto kind = parse_kind(document.at("kind").get<std::string>());
    if (!kind) throw std::invalid_argument("document has no valid kind");
    const auto& applies_to = rule.info().applies_to;
    EXPECT_TRUE(!applies_to || *applies_to == *kind)
        << rule.info().id << " does not apply to " << to_string(*kind) << " submissions";

    const auto check = rule.configure(options_for(rule, overrides));
    const Submission submission(document, *kind, document.at("reporting_year").get<int>(), reference());
    RecordingReporter reporter;
    check->check(submission, reporter);
    for (const auto& reported : reporter.reports) expect_well_formed(rule, document, reported);
    return std::move(reporter.reports);
}

Hits hits(const std::vector<Reported>& reports) {
    Hits result;
    for (const auto& reported : reports) result.emplace_back(reported.path, reported.message_id);
    return result;
}

namespace {

json location(const char* id, const char* name, const char* code, const char* province) {
    return {{"location_id", id}, {"name", name}, {"municipality_code", code}, {"province", province}};
}

json record(const char* id, const std::string& financing, int beds, int bed_days, double places, int clients) {
    return {{"location_id", id},    {"financing", financing}, {"beds_year_end", beds},
            {"bed_days", bed_days}, {"places", places},       {"clients", clients}};
}

json totals(int beds, int bed_days, double places, int clients) {
    return {{"beds_year_end", beds}, {"bed_days", bed_days}, {"places", places}, {"clients", clients}};
}

}  // namespace

json valid_institution(int year) {
    const bool awbz_era = year <= 2014;
    const std::string long_stay = awbz_era ? "awbz_b" : "wlz";
    const std::string sheltered = awbz_era ? "awbz_c" : "wmo_bw";
    json document = {
        {"format", "lma-submission"},
        {"format_version", "1.0"},
        {"kind", "institution"},
        {"reporting_year", year},
        {"submitted_at", std::to_string(year + 1) + "-03-01T10:00:00Z"},
        {"submitter", {{"agb_code", "06123456"}, {"name", "GGZ Voorbeeld"}, {"ggz_nederland_member", true}}},
        {"locations",
         {location("AMS-1", "Kliniek Amsterdam", "GM0363", "NH"),
          location("UTR-1", "Beschermd wonen Utrecht", "GM0344", "UT"),
          location("VUG-1", "Kliniek Vught", "GM0865", "NB")}},
        // Places are bed_days / 365 exactly; occupancies lie between 0.8 and 0.9 in every year.
        {"capacity",
         {record("AMS-1", "zvw", 20, 6570, 18.0, 150), record("AMS-1", long_stay, 10, 3285, 9.0, 12),
          record("UTR-1", sheltered, 30, 9125, 25.0, 35), record("VUG-1", "zvw", 10, 2920, 8.0, 60)}},
        // zvw clients 200 < 150 + 60: ten clients stayed at both sites.
        {"capacity_totals",
         {{"zvw", totals(30, 9490, 26.0, 200)},
          {long_stay, totals(10, 3285, 9.0, 12)},
          {sheltered, totals(30, 9125, 25.0, 35)}}},
        {"ambulatory",
         {{"dbc_trajectories",
           {{"minute_categories",
             {{"min_0_249", 100}, {"min_250_799", 200}, {"min_800_1799", 300},
              {"min_1800_2999", 150}, {"min_3000_5999", 100},
              {"min_6000_11999", 50}, {"min_12000_17999", 20}, {"min_18000_27999", 10}, {"min_28000_plus", 5}}},
            {"subtotals", {{"min_0_1799", 600}, {"min_1800_5999", 250}, {"min_6000_plus", 85}}},
            {"total", 935}}},
          {"basis_ggz_trajectories", 400},
          {"specialised_clients", 800}}},
        // 10 fte and 200 clients a team.
        {"fact", {{"teams", 4}, {"certified_teams", 3}, {"fte", 40.0}, {"clients", 800}}},
        {"clients", {{"total", 1200}, {"ambulatory_only", 1000}, {"clinical", 200}, {"epa", 300}}},
    };
    if (year < 2014) document["ambulatory"].erase("basis_ggz_trajectories");
    if (year >= 2019) {
        document["clinical_quality"] = {{"avg_length_of_stay_days", 42.5},
                                        {"closed_ward_share_pct", 12.0},
                                        {"intensive_care_share_pct", 3.5},
                                        {"coercive_measures", 17}};
    }
    return document;
}

json valid_municipality(int year) {
    // 60,000 euros and 1.5 clients per place.
    return {
        {"format", "lma-submission"},
        {"format_version", "1.0"},
        {"kind", "municipality"},
        {"reporting_year", year},
        {"submitted_at", std::to_string(year + 1) + "-04-15T09:30:00+02:00"},
        {"submitter",
         {{"municipality_code", "GM0363"},
          {"name", "Amsterdam"},
          {"central_municipality", true},
          {"region", "Amsterdam"}}},
        {"sheltered_housing", {{"places", 1000}, {"clients", 1500}, {"budget_eur", 60000000.0}, {"waiting_list", 300}}},
        {"ambulatory_support",
         {{"individual_guidance_clients", 5000}, {"group_guidance_clients", 2500}, {"day_activity_locations", 40}}},
        {"policy",
         {{"policy_plan", "adopted"},
          {"regional_steering_group", "exists"},
          {"buildup_plans", true},
          {"phasedown_plans", true}}},
    };
}

}  // namespace lmacheck::ruletest
