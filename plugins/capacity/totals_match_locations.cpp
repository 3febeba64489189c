// capacity.totals-match-locations (error): `capacity_totals` has exactly the
// financing streams present in `capacity`; per stream, `beds_year_end` and
// `bed_days` equal the sums over the stream's records, `places` equals the sum
// within `abs_tolerance`, and `clients` is not above the sum (a client who
// stayed at two locations counts once in the total).
// Paths: /capacity_totals for a stream missing from the totals,
// /capacity_totals/F for a stream in the totals without records,
// /capacity_totals/F/FIELD for a disagreeing sum.
// Every record counts, also one with an unknown location: its figures are
// still part of what the submitter totalled.
#include "capacity_rules.hpp"

#include "lmacheck/json_pointer.hpp"
#include "lmacheck/numeric.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <unordered_map>
#include <vector>

namespace lmacheck::rules::capacity {
namespace {

struct StreamSums {
    long long beds_year_end = 0;
    long long bed_days = 0;
    double places = 0;
    long long clients = 0;

    nlohmann::json to_json() const {
        return {{"beds_year_end", beds_year_end}, {"bed_days", bed_days}, {"places", places}, {"clients", clients}};
    }
};

class TotalsMatchLocationsCheck final : public Check {
public:
    explicit TotalsMatchLocationsCheck(const Options& options) : tolerance_(options.number("abs_tolerance")) {}

    void check(const Submission& submission, Reporter& reporter) const override {
        std::unordered_map<std::string, StreamSums> sums;
        std::vector<std::string> streams;  // in order of first appearance, for a stable report
        for (const auto& record : submission["capacity"]) {
            const auto& financing = record.at("financing").get_ref<const std::string&>();
            const auto [entry, inserted] = sums.try_emplace(financing);
            if (inserted) streams.push_back(financing);
            StreamSums& sum = entry->second;
            sum.beds_year_end = add_counts(sum.beds_year_end, count(record.at("beds_year_end")));
            sum.bed_days = add_counts(sum.bed_days, count(record.at("bed_days")));
            sum.places += record.at("places").get<double>();
            sum.clients = add_counts(sum.clients, count(record.at("clients")));
        }

        const auto& totals = submission["capacity_totals"];
        for (const auto& financing : streams) {
            if (totals.contains(financing)) continue;
            reporter.report(pointer("capacity_totals"), "stream-missing", {{"financing", financing}},
                            sums.at(financing).to_json(), nullptr);
        }
        for (const auto& [financing, reported] : totals.items()) {
            const auto sum = sums.find(financing);
            if (sum == sums.end()) {
                reporter.report(pointer("capacity_totals", financing), "stream-without-records",
                                {{"financing", financing}}, nullptr, reported);
                continue;
            }
            compare_counts(reporter, financing, "beds_year_end", count(reported.at("beds_year_end")),
                           sum->second.beds_year_end);
            compare_counts(reporter, financing, "bed_days", count(reported.at("bed_days")), sum->second.bed_days);

            const double places = reported.at("places").get<double>();
            if (!within_tolerance(places, sum->second.places, tolerance_)) {
                reporter.report(
                    pointer("capacity_totals", financing, "places"), "total-mismatch",
                    {{"field", "places"}, {"financing", financing}, {"reported", places}, {"sum", sum->second.places}},
                    sum->second.places, places);
            }

            const long long clients = count(reported.at("clients"));
            if (clients > sum->second.clients) {
                reporter.report(pointer("capacity_totals", financing, "clients"), "clients-above-sum",
                                {{"financing", financing}, {"reported", clients}, {"sum", sum->second.clients}},
                                bound("<=", sum->second.clients), clients);
            }
        }
    }

private:
    static void compare_counts(Reporter& reporter, const std::string& financing, const char* field, long long reported,
                               long long sum) {
        if (reported == sum) return;
        reporter.report(pointer("capacity_totals", financing, field), "total-mismatch",
                        {{"field", field}, {"financing", financing}, {"reported", reported}, {"sum", sum}}, sum,
                        reported);
    }

    double tolerance_;
};

}  // namespace

std::unique_ptr<Rule> make_totals_match_locations_rule() {
    return std::make_unique<RuleOf<TotalsMatchLocationsCheck>>(RuleInfo{
        .id = "capacity.totals-match-locations",
        .level = 1,
        .severity = Severity::error,
        .applies_to = Kind::institution,
        .description = "The capacity_totals hold, per financing stream, the sums over the capacity records",
        .description_nl = "De capacity_totals bevatten per financieringsstroom de sommen over de capaciteitsrecords",
        .options_schema = R"({
  "$schema": "http://json-schema.org/draft-07/schema#",
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "abs_tolerance": {
      "type": "number", "minimum": 0, "default": 0.05,
      "description": "largest accepted absolute difference between total places and the sum of the records' places"
    }
  }
})",
        .messages =
            {{"stream-missing", "capacity_totals has no entry for {financing}, which occurs in capacity",
              "capacity_totals heeft geen totaal voor {financing}, terwijl die financiering in capacity voorkomt"},
             {"stream-without-records",
              "capacity_totals has an entry for {financing}, but no capacity record has that financing",
              "capacity_totals heeft een totaal voor {financing}, maar geen capaciteitsrecord heeft die financiering"},
             {"total-mismatch",
              "{field} {reported} for {financing} does not equal the sum over its capacity records {sum}",
              "{field} {reported} voor {financing} is niet gelijk aan de som over de capaciteitsrecords {sum}"},
             {"clients-above-sum",
              "clients {reported} for {financing} is above the sum over its capacity records {sum}",
              "cliënten {reported} voor {financing} ligt boven de som over de capaciteitsrecords {sum}"}},
    });
}

}  // namespace lmacheck::rules::capacity
