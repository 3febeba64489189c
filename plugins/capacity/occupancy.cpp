// capacity.occupancy (warning): the occupancy `bed_days / (beds_year_end x days
// in the reporting year)` lies between `min_occupancy` and `max_occupancy`.
// Reported at /capacity/N/bed_days. Unlike places, occupancy counts the real
// days of the year (366 in a leap year). Skipped where beds_year_end is 0: a
// site closed during the year has bed-days but no beds on 31 December.
#include "capacity_rules.hpp"

#include "lmacheck/json_pointer.hpp"
#include "lmacheck/numeric.hpp"

#include <cstddef>

namespace lmacheck::rules::capacity {
namespace {

class OccupancyCheck final : public Check {
public:
    explicit OccupancyCheck(const Options& options)
        : range_{options.number("min_occupancy"), options.number("max_occupancy"), "occupancy-below-min",
                 "occupancy-above-max"} {}

    void check(const Submission& submission, Reporter& reporter) const override {
        const long long days = submission.days_in_reporting_year();
        const auto& capacity = submission["capacity"];
        for (std::size_t i = 0; i < capacity.size(); ++i) {
            const auto& record = capacity[i];
            const long long beds = count(record.at("beds_year_end"));
            if (beds == 0) continue;
            const long long bed_days = count(record.at("bed_days"));
            const double occupancy =
                static_cast<double>(bed_days) / (static_cast<double>(beds) * static_cast<double>(days));
            range_.check(reporter, pointer("capacity", i, "bed_days"), occupancy,
                         {{"occupancy", occupancy}, {"bed_days", bed_days}, {"beds_year_end", beds}, {"days", days}});
        }
    }

private:
    Range range_;
};

}  // namespace

std::unique_ptr<Rule> make_occupancy_rule() {
    return std::make_unique<RuleOf<OccupancyCheck>>(RuleInfo{
        .id = "capacity.occupancy",
        .level = 1,
        .severity = Severity::warning,
        .applies_to = Kind::institution,
        .description = "Occupancy, bed_days / (beds_year_end x days in the year), is within range",
        .description_nl =
            "De bezettingsgraad, verpleegdagen / (bedden op 31 december x dagen in het jaar), ligt binnen de grenzen",
        .options_schema = R"({
  "$schema": "http://json-schema.org/draft-07/schema#",
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "max_occupancy": {
      "type": "number", "minimum": 0, "default": 1.0,
      "description": "highest accepted occupancy"
    },
    "min_occupancy": {
      "type": "number", "minimum": 0, "default": 0.5,
      "description": "lowest accepted occupancy"
    }
  }
})",
        .messages =
            {{"occupancy-above-max",
              "occupancy {occupancy} (bed_days {bed_days} / ({beds_year_end} beds x {days} days)) "
              "is above the maximum {max}",
              "bezettingsgraad {occupancy} (verpleegdagen {bed_days} / ({beds_year_end} bedden x {days} dagen)) "
              "ligt boven het maximum {max}"},
             {"occupancy-below-min",
              "occupancy {occupancy} (bed_days {bed_days} / ({beds_year_end} beds x {days} days)) "
              "is below the minimum {min}",
              "bezettingsgraad {occupancy} (verpleegdagen {bed_days} / ({beds_year_end} bedden x {days} dagen)) "
              "ligt onder het minimum {min}"}},
    });
}

}  // namespace lmacheck::rules::capacity
