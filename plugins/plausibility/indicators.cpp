#include "indicators.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <stdexcept>

namespace lmacheck::rules::plausibility {

const std::vector<std::string>& indicator_names() {
    // At most 256: a packed record holds the index in one byte.
    static const std::vector<std::string> names = [] {
        std::vector<std::string> all;
        for (const char* setting : {"clinical", "long_stay", "sheltered_housing"}) {
            for (const char* measure : {"places_per_location/", "occupancy/", "bed_days_per_client/", "places/"}) {
                all.push_back(std::string(measure) + setting);
            }
        }
        for (const char* name : {"budget_per_place", "clients_per_place", "fte_per_fact_team", "clients_per_fact_team",
                                 "dbc_total", "intensive_dbc_share", "fact_clients", "epa_clients",
                                 "sheltered_housing_places", "sheltered_housing_clients"}) {
            all.emplace_back(name);
        }
        std::sort(all.begin(), all.end());
        return all;
    }();
    return names;
}

std::optional<std::size_t> indicator_index(const std::string& name) {
    const std::vector<std::string>& names = indicator_names();
    const auto found = std::lower_bound(names.begin(), names.end(), name);
    if (found == names.end() || *found != name) return std::nullopt;
    return static_cast<std::size_t>(found - names.begin());
}

namespace {

// One packed record: the index, then value and size as the bytes of two
// doubles. Facts never leave the process, so the machine's byte order is
// theirs.
constexpr std::size_t record_size = 1 + 2 * sizeof(double);
static_assert(sizeof(double) == 8);

const std::vector<std::uint8_t>* records_of(const nlohmann::json& facts) {
    if (!facts.is_binary()) return nullptr;
    return &facts.get_binary();
}

// The record at `at`, if its index names an indicator.
std::optional<IndicatorValue> record_at(const std::vector<std::uint8_t>& records, std::size_t at) {
    const std::size_t index = records[at];
    if (index >= indicator_names().size()) return std::nullopt;
    IndicatorValue read{index, &indicator_names()[index], 0, 0};
    std::memcpy(&read.value, records.data() + at + 1, sizeof(double));
    std::memcpy(&read.size, records.data() + at + 1 + sizeof(double), sizeof(double));
    return read;
}

}  // namespace

void Indicators::put(const std::string& name, double value, double size) {
    const std::optional<std::size_t> index = indicator_index(name);
    if (!index) throw std::logic_error("plausibility: unknown indicator '" + name + "'");
    values_[*index] = {value, size};
}

Indicators Indicators::only(const std::set<std::string>& names) const {
    Indicators kept;
    for (const auto& [index, measured] : values_) {
        if (names.count(indicator_names()[index]) != 0) kept.values_.emplace(index, measured);
    }
    return kept;
}

nlohmann::json Indicators::to_facts() const {
    std::vector<std::uint8_t> records(values_.size() * record_size);
    std::uint8_t* at = records.data();
    for (const auto& [index, measured] : values_) {
        *at = static_cast<std::uint8_t>(index);
        std::memcpy(at + 1, &measured.first, sizeof(double));
        std::memcpy(at + 1 + sizeof(double), &measured.second, sizeof(double));
        at += record_size;
    }
    // Made by basic_json's constructor, not json::binary(): binary() gives a
    // finished value its type before it allocates the container, so a failed
    // allocation there leaves a value whose destructor crashes
    // (tests/plausibility/facts_allocation_test.cpp). A constructor that
    // throws leaves no value behind.
    return nlohmann::json(nlohmann::json::binary_t(std::move(records)));
}

std::vector<IndicatorValue> indicators_in(const nlohmann::json& facts) {
    std::vector<IndicatorValue> found;
    const std::vector<std::uint8_t>* records = records_of(facts);
    if (records == nullptr) return found;
    for (std::size_t at = 0; at + record_size <= records->size(); at += record_size) {
        if (const std::optional<IndicatorValue> read = record_at(*records, at)) found.push_back(*read);
    }
    return found;
}

std::optional<IndicatorValue> find_indicator(const nlohmann::json& facts, std::size_t index) {
    const std::vector<std::uint8_t>* records = records_of(facts);
    if (records == nullptr) return std::nullopt;
    for (std::size_t at = 0; at + record_size <= records->size(); at += record_size) {
        if ((*records)[at] == index) return record_at(*records, at);
    }
    return std::nullopt;
}

std::optional<IndicatorValue> find_indicator(const nlohmann::json& facts, const std::string& name) {
    const std::optional<std::size_t> index = indicator_index(name);
    if (!index) return std::nullopt;
    return find_indicator(facts, *index);
}

namespace {

// The care setting of a financing stream: the 2015 reform renamed AWBZ B to
// Wlz (long stay) and AWBZ C to Wmo beschermd wonen (sheltered housing).
const char* setting_of(const std::string& stream) {
    if (stream == "zvw") return "clinical";
    if (stream == "awbz_b" || stream == "wlz") return "long_stay";
    if (stream == "awbz_c" || stream == "wmo_bw") return "sheltered_housing";
    return nullptr;
}

void put_ratio(Indicators& facts, const std::string& key, double numerator, double denominator, double size) {
    if (denominator <= 0) return;
    facts.put(key, numerator / denominator, size);
}

struct SettingSums {
    double places = 0;
    double bed_days = 0;
    double beds = 0;
    double clients = 0;  // from capacity_totals: a client at two locations counts once
    std::set<std::string_view> locations;  // into the document, which outlives the sums
};

// By care setting, in name order. Views, not copies: this runs for every
// institution, twice (both rules collect).
std::map<std::string_view, SettingSums> sums_by_setting(const Submission& institution) {
    std::map<std::string_view, SettingSums> sums;
    for (const nlohmann::json& record : institution["capacity"]) {
        const char* setting = setting_of(record.at("financing").get_ref<const std::string&>());
        if (setting == nullptr) continue;
        SettingSums& sum = sums[setting];
        sum.places += record.at("places").get<double>();
        sum.bed_days += record.at("bed_days").get<double>();
        sum.beds += record.at("beds_year_end").get<double>();
        sum.locations.insert(record.at("location_id").get_ref<const std::string&>());
    }
    for (const auto& [stream, totals] : institution["capacity_totals"].items()) {
        const char* setting = setting_of(stream);
        if (setting != nullptr) sums[setting].clients += totals.at("clients").get<double>();
    }
    return sums;
}

}  // namespace

Indicators ratio_indicators(const Submission& submission) {
    Indicators facts;
    if (submission.kind() == Kind::municipality) {
        if (!submission.has("sheltered_housing")) return facts;
        const nlohmann::json& housing = submission["sheltered_housing"];
        const double places = housing.at("places").get<double>();
        const double budget = housing.at("budget_eur").get<double>();
        const double clients = housing.at("clients").get<double>();
        put_ratio(facts, "budget_per_place", budget, places, budget);
        put_ratio(facts, "clients_per_place", clients, places, clients);
        return facts;
    }
    const double days = submission.days_in_reporting_year();
    for (const auto& [setting, sum] : sums_by_setting(submission)) {
        put_ratio(facts, "places_per_location/" + std::string(setting), sum.places,
                  static_cast<double>(sum.locations.size()), sum.places);
        put_ratio(facts, "occupancy/" + std::string(setting), sum.bed_days, sum.beds * days, sum.bed_days);
        put_ratio(facts, "bed_days_per_client/" + std::string(setting), sum.bed_days, sum.clients, sum.bed_days);
    }
    const nlohmann::json& fact = submission["fact"];
    const double teams = fact.at("teams").get<double>();
    const double fte = fact.at("fte").get<double>();
    const double fact_clients = fact.at("clients").get<double>();
    put_ratio(facts, "fte_per_fact_team", fte, teams, fte);
    put_ratio(facts, "clients_per_fact_team", fact_clients, teams, fact_clients);
    return facts;
}

const std::vector<std::string>& change_indicator_names() {
    static const std::vector<std::string> names{
        "places/clinical", "places/long_stay",        "places/sheltered_housing", "dbc_total",
        "intensive_dbc_share", "fact_clients",        "epa_clients",              "sheltered_housing_places",
        "sheltered_housing_clients"};
    return names;
}

Indicators change_indicators(const Submission& submission) {
    Indicators facts;
    const auto count = [&](const std::string& key, double value) { facts.put(key, value, value); };
    if (submission.kind() == Kind::municipality) {
        if (!submission.has("sheltered_housing")) return facts;
        const nlohmann::json& housing = submission["sheltered_housing"];
        count("sheltered_housing_places", housing.at("places").get<double>());
        count("sheltered_housing_clients", housing.at("clients").get<double>());
        return facts;
    }
    for (const auto& [setting, sum] : sums_by_setting(submission)) count("places/" + std::string(setting), sum.places);
    const nlohmann::json& dbc = submission["ambulatory"].at("dbc_trajectories");
    const double total = dbc.at("total").get<double>();
    count("dbc_total", total);
    put_ratio(facts, "intensive_dbc_share", dbc.at("subtotals").at("min_6000_plus").get<double>(), total, total);
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
