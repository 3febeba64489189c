// capacity.places-from-bed-days (error): `places` equals `bed_days /
// days_per_place` within `abs_tolerance`. Reported at /capacity/N/places.
// One place is days_per_place days in every year, leap years included.
#include "capacity_rules.hpp"

#include "lmacheck/json_pointer.hpp"
#include "lmacheck/numeric.hpp"

#include <cstddef>

namespace lmacheck::rules::capacity {
namespace {

class PlacesFromBedDaysCheck final : public Check {
public:
    explicit PlacesFromBedDaysCheck(const Options& options)
        : days_per_place_(options.integer("days_per_place")), tolerance_(options.number("abs_tolerance")) {}

    void check(const Submission& submission, Reporter& reporter) const override {
        const auto& capacity = submission["capacity"];
        for (std::size_t i = 0; i < capacity.size(); ++i) {
            const auto& record = capacity[i];
            const long long bed_days = count(record.at("bed_days"));
            const double places = record.at("places").get<double>();
            const double computed = static_cast<double>(bed_days) / static_cast<double>(days_per_place_);
            if (within_tolerance(places, computed, tolerance_)) continue;
            reporter.report(pointer("capacity", i, "places"), "places-mismatch",
                            {{"places", places},
                             {"bed_days", bed_days},
                             {"days_per_place", days_per_place_},
                             {"computed", computed}},
                            computed, places);
        }
    }

private:
    long long days_per_place_;
    double tolerance_;
};

}  // namespace

std::unique_ptr<Rule> make_places_from_bed_days_rule() {
    return std::make_unique<RuleOf<PlacesFromBedDaysCheck>>(RuleInfo{
        .id = "capacity.places-from-bed-days",
        .level = 1,
        .severity = Severity::error,
        .applies_to = Kind::institution,
        .description = "Places equal bed_days / days_per_place",
        .description_nl = "Het aantal plaatsen is gelijk aan verpleegdagen / days_per_place",
        .options_schema = R"({
  "$schema": "http://json-schema.org/draft-07/schema#",
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "days_per_place": {
      "type": "integer", "minimum": 1, "default": 365,
      "description": "bed-days that make one place, in every year"
    },
    "abs_tolerance": {
      "type": "number", "minimum": 0, "default": 0.05,
      "description": "largest accepted absolute difference between reported and computed places"
    }
  }
})",
        .messages = {{"places-mismatch",
                      "places {places} does not equal bed_days {bed_days} / {days_per_place} = {computed}",
                      "het aantal plaatsen {places} is niet gelijk aan verpleegdagen {bed_days} / {days_per_place} = "
                      "{computed}"}},
    });
}

}  // namespace lmacheck::rules::capacity
