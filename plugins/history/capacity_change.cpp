// history.capacity-change (warning): per financing stream, the total
// `places` changed by more than `max_relative_change` against the previous
// accepted year. Streams are compared by care setting across the 2015 reform
// (awbz_b with wlz, awbz_c with wmo_bw). Skipped when the places are below
// `min_places` in both years. Reported at /capacity_totals/F/places; a
// setting that had places the year before and has no stream now is a change
// too, reported at /capacity_totals (the object that lacks it).
#include "history_rules.hpp"

#include "care_setting.hpp"
#include "lmacheck/json_pointer.hpp"
#include "relative_change.hpp"

#include <map>
#include <string>

namespace lmacheck::rules::history {
namespace {

struct SettingTotal {
    double places = 0;
    std::string streams;  // the stream name(s) of the previous year
};

std::map<CareSetting, SettingTotal> places_by_setting(const nlohmann::json& totals) {
    std::map<CareSetting, SettingTotal> result;
    for (const auto& [stream, total] : totals.items()) {
        const auto setting = care_setting(stream);
        if (!setting) continue;
        SettingTotal& t = result[*setting];
        t.places += total.at("places").get<double>();
        t.streams += (t.streams.empty() ? "" : "+") + stream;
    }
    return result;
}

class CapacityChangeCheck final : public Check {
public:
    explicit CapacityChangeCheck(const Options& options)
        : max_change_(options.number("max_relative_change")), min_places_(options.number("min_places")) {}

    void check(const Submission& submission, Reporter& reporter) const override {
        const PreviousSubmission& previous = *submission.previous();
        std::map<CareSetting, SettingTotal> before = places_by_setting(previous["capacity_totals"]);
        for (const auto& [stream, total] : submission["capacity_totals"].items()) {
            const auto setting = care_setting(stream);
            if (!setting) continue;
            const double places = total.at("places").get<double>();
            const auto earlier = before.find(*setting);
            const SettingTotal was = earlier == before.end() ? SettingTotal{0, "-"} : earlier->second;
            if (earlier != before.end()) before.erase(earlier);
            if (below_min(places) && below_min(was.places)) continue;
            const Change change = relative_change(was.places, places, max_change_);
            if (!change.too_large) continue;
            MessageArgs args{{"stream", stream},
                             {"places", places},
                             {"year", submission.reporting_year()},
                             {"previous_places", was.places},
                             {"previous_year", previous.reporting_year()}};
            if (change.relative) {
                args.emplace_back("previous_stream", was.streams);
                args.emplace_back("change", *change.relative);
                args.emplace_back("max", max_change_);
            }
            reporter.report(pointer("capacity_totals", stream, "places"), change.relative ? "changed" : "new", args,
                            was.places, places);
        }
        for (const auto& [setting, was] : before) {  // settings without a stream this year
            if (below_min(was.places)) continue;
            reporter.report(pointer("capacity_totals"), "ended",
                            {{"previous_stream", was.streams},
                             {"previous_places", was.places},
                             {"previous_year", previous.reporting_year()},
                             {"year", submission.reporting_year()}},
                            was.places, 0);
        }
    }

private:
    bool below_min(double places) const { return places < min_places_ - slack; }

    double max_change_;
    double min_places_;
};

}  // namespace

std::unique_ptr<Rule> make_capacity_change_rule() {
    return std::make_unique<RuleOf<CapacityChangeCheck>>(RuleInfo{
        .id = "history.capacity-change",
        .level = 2,
        .severity = Severity::warning,
        .applies_to = Kind::institution,
        .description = "Per financing stream, total places changed by at most a fraction against the previous "
                       "accepted year",
        .description_nl = "Per financieringsstroom veranderde het totaal aantal plaatsen hooguit een fractie ten "
                          "opzichte van het vorige geaccepteerde jaar",
        .options_schema = R"({
  "$schema": "http://json-schema.org/draft-07/schema#",
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "max_relative_change": {
      "type": "number", "minimum": 0, "default": 0.25,
      "description": "largest accepted |places - previous places| / previous places"
    },
    "min_places": {
      "type": "number", "minimum": 0, "default": 5,
      "description": "streams with fewer places than this in both years are not compared"
    }
  }
})",
        .messages =
            {{"changed",
              "total places of {stream} changed from {previous_places} in {previous_year} ({previous_stream}) to "
              "{places} in {year}: a relative change of {change}, more than the maximum {max}",
              "het totaal aantal plaatsen van {stream} veranderde van {previous_places} in {previous_year} "
              "({previous_stream}) naar {places} in {year}: een relatieve verandering van {change}, meer dan het "
              "maximum {max}"},
             {"new",
              "{stream} has {places} places in {year}, against {previous_places} in its care setting in "
              "{previous_year}",
              "{stream} heeft {places} plaatsen in {year}, tegen {previous_places} in dezelfde zorgsetting in "
              "{previous_year}"},
             {"ended",
              "{previous_stream} had {previous_places} places in {previous_year}; {year} has no stream of that "
              "care setting",
              "{previous_stream} had {previous_places} plaatsen in {previous_year}; {year} heeft geen stroom in "
              "die zorgsetting"}},
    });
}

}  // namespace lmacheck::rules::history
