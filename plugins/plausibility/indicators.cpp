#include "indicators.hpp"

#include <map>
#include <set>

namespace lmacheck::rules::plausibility {
namespace {

// The care setting of a financing stream: the 2015 reform renamed AWBZ B to
// Wlz (long stay) and AWBZ C to Wmo beschermd wonen (sheltered housing).
const char* setting_of(const std::string& stream) {
    if (stream == "zvw") return "clinical";
    if (stream == "awbz_b" || stream == "wlz") return "long_stay";
    if (stream == "awbz_c" || stream == "wmo_bw") return "sheltered_housing";
    return nullptr;
}

void put(nlohmann::json& facts, const std::string& key, double numerator, double denominator, double size) {
    if (denominator <= 0) return;
    facts[key] = {{"value", numerator / denominator}, {"size", size}};
}

struct SettingSums {
    double places = 0;
    double bed_days = 0;
    double beds = 0;
    double clients = 0;  // from capacity_totals: a client at two locations counts once
    std::set<std::string> locations;
};

std::map<std::string, SettingSums> sums_by_setting(const Submission& institution) {
    std::map<std::string, SettingSums> sums;
    for (const nlohmann::json& record : institution["capacity"]) {
        const char* setting = setting_of(record.at("financing").get<std::string>());
        if (setting == nullptr) continue;
        SettingSums& sum = sums[setting];
        sum.places += record.at("places").get<double>();
        sum.bed_days += record.at("bed_days").get<double>();
        sum.beds += record.at("beds_year_end").get<double>();
        sum.locations.insert(record.at("location_id").get<std::string>());
    }
    for (const auto& [stream, totals] : institution["capacity_totals"].items()) {
        const char* setting = setting_of(stream);
        if (setting != nullptr) sums[setting].clients += totals.at("clients").get<double>();
    }
    return sums;
}

}  // namespace

nlohmann::json ratio_indicators(const Submission& submission) {
    nlohmann::json facts = nlohmann::json::object();
    if (submission.kind() == Kind::municipality) {
        if (!submission.has("sheltered_housing")) return facts;
        const nlohmann::json& housing = submission["sheltered_housing"];
        const double places = housing.at("places").get<double>();
        const double budget = housing.at("budget_eur").get<double>();
        const double clients = housing.at("clients").get<double>();
        put(facts, "budget_per_place", budget, places, budget);
        put(facts, "clients_per_place", clients, places, clients);
        return facts;
    }
    const double days = submission.days_in_reporting_year();
    for (const auto& [setting, sum] : sums_by_setting(submission)) {
        put(facts, "places_per_location/" + setting, sum.places, static_cast<double>(sum.locations.size()), sum.places);
        put(facts, "occupancy/" + setting, sum.bed_days, sum.beds * days, sum.bed_days);
        put(facts, "bed_days_per_client/" + setting, sum.bed_days, sum.clients, sum.bed_days);
    }
    const nlohmann::json& fact = submission["fact"];
    const double teams = fact.at("teams").get<double>();
    const double fte = fact.at("fte").get<double>();
    const double fact_clients = fact.at("clients").get<double>();
    put(facts, "fte_per_fact_team", fte, teams, fte);
    put(facts, "clients_per_fact_team", fact_clients, teams, fact_clients);
    return facts;
}

const std::vector<std::string>& change_indicator_names() {
    static const std::vector<std::string> names{
        "places/clinical", "places/long_stay",        "places/sheltered_housing", "dbc_total",
        "intensive_dbc_share", "fact_clients",        "epa_clients",              "sheltered_housing_places",
        "sheltered_housing_clients"};
    return names;
}

nlohmann::json change_indicators(const Submission& submission) {
    nlohmann::json facts = nlohmann::json::object();
    const auto count = [&](const std::string& key, double value) { facts[key] = {{"value", value}, {"size", value}}; };
    if (submission.kind() == Kind::municipality) {
        if (!submission.has("sheltered_housing")) return facts;
        const nlohmann::json& housing = submission["sheltered_housing"];
        count("sheltered_housing_places", housing.at("places").get<double>());
        count("sheltered_housing_clients", housing.at("clients").get<double>());
        return facts;
    }
    for (const auto& [setting, sum] : sums_by_setting(submission)) count("places/" + setting, sum.places);
    const nlohmann::json& dbc = submission["ambulatory"].at("dbc_trajectories");
    const double total = dbc.at("total").get<double>();
    count("dbc_total", total);
    put(facts, "intensive_dbc_share", dbc.at("subtotals").at("min_6000_plus").get<double>(), total, total);
    count("fact_clients", submission["fact"].at("clients").get<double>());
    count("epa_clients", submission["clients"].at("epa").get<double>());
    return facts;
}

std::string describe_indicator(std::string_view key) {
    const auto slash = key.find('/');
    if (slash == std::string_view::npos) return std::string(key);
    return std::string(key.substr(0, slash)) + " (" + std::string(key.substr(slash + 1)) + ")";
}

}  // namespace lmacheck::rules::plausibility
