// cross.sheltered-housing-region (warning): the wmo_bw places institutions
// report at locations in a sheltered-housing region, summed, against the
// `sheltered_housing.places` the region's central municipality reports for
// the same year. Reported at "" of the central municipality's submission,
// relating each institution record it summed (/capacity/N/places).
//
// The institutions are those the monitor holds for that year once the run is
// accepted (RunView::accepted_of_year). A region where none of them reports
// wmo_bw capacity gives no finding: there is nothing to compare yet (and
// before 2015 there is no wmo_bw at all). Regions and the central flag come
// from the reference list of the reporting year; a location with an unknown
// municipality code is skipped (the level-1 rule reports it). Only `wmo_bw`
// counts: before 2015 sheltered housing was AWBZ care (`awbz_c`) that
// municipalities did not commission. Runs after cross.duplicate-submission:
// an institution's duplicate files are rejected, so neither is counted.
#include "cross_rules.hpp"

#include "lmacheck/aggregate.hpp"
#include "lmacheck/json_pointer.hpp"
#include "lmacheck/numeric.hpp"  // the catalog's tolerance slack (rule-catalog.md, "Numbers")

#include <cmath>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace lmacheck::rules::cross {
namespace {

struct RegionSum {
    double places = 0;
    int institutions = 0;          // with wmo_bw capacity in the region
    std::vector<Related> records;  // the wmo_bw records summed
};

using RegionSums = std::unordered_map<std::string, RegionSum>;

const std::string& text(const nlohmann::json& value) { return value.get_ref<const std::string&>(); }

// An institution's facts: each wmo_bw record at a location of a known
// municipality, in record order, as three values of one flat array:
// region, places, and the record's index in /capacity; null when it has none
// (most institutions). Flat, because the engine keeps every institution's
// facts until the level-3 pass: an object per record cost about 400 bytes,
// three values 48. Its locations are looked at only when it has a wmo_bw
// record.
nlohmann::json wmo_bw_records(const Submission& institution) {
    // An array from the start: nlohmann's push_back on a null value sets the
    // type to array before allocating it, so a failed allocation there leaves
    // a value its destructor crashes on.
    nlohmann::json records = nlohmann::json::array();
    std::optional<std::unordered_map<std::string_view, const std::string*>> region_of_location;
    const auto regions_of_locations = [&] {
        std::unordered_map<std::string_view, const std::string*> regions;
        for (const nlohmann::json& location : institution["locations"]) {
            const Municipality* m = institution.reference().municipality(text(location.at("municipality_code")),
                                                                         institution.reporting_year());
            if (m != nullptr) regions.emplace(text(location.at("location_id")), &m->region);
        }
        return regions;
    };
    const nlohmann::json& capacity = institution["capacity"];
    for (std::size_t i = 0; i < capacity.size(); ++i) {
        const nlohmann::json& record = capacity[i];
        if (text(record.at("financing")) != "wmo_bw") continue;
        if (!region_of_location) region_of_location = regions_of_locations();
        const auto region = region_of_location->find(text(record.at("location_id")));
        if (region == region_of_location->end()) continue;
        records.push_back(*region->second);
        records.push_back(record.at("places").get<double>());
        records.push_back(i);
    }
    if (records.empty()) return nullptr;
    return records;
}

// Adds one institution's records to the sums of the regions they lie in.
void add_institution(const RunEntry& institution, RegionSums& sums) {
    const nlohmann::json& facts = institution.facts;
    if (!facts.is_array()) return;
    std::unordered_set<std::string> counted_in;
    for (std::size_t at = 0; at + 2 < facts.size(); at += 3) {
        const std::string& region = text(facts[at]);
        RegionSum& sum = sums[region];
        sum.places += facts[at + 1].get<double>();
        sum.records.push_back(Related{institution.file, pointer("capacity", facts[at + 2].get<std::size_t>(), "places")});
        if (counted_in.insert(region).second) ++sum.institutions;
    }
}

class ShelteredHousingRegionCheck final : public AggregateCheck {
public:
    explicit ShelteredHousingRegionCheck(const Options& options) : max_gap_(options.number("max_relative_gap")) {}

    // An institution: its wmo_bw records by region. A municipality: its
    // sheltered-housing places, null when it reports none.
    nlohmann::json collect(const Submission& submission) const override {
        if (submission.kind() == Kind::institution) return wmo_bw_records(submission);
        if (!submission.has("sheltered_housing")) return nullptr;
        return submission["sheltered_housing"].at("places").get<double>();
    }

    void check_run(const RunView& run, RunReporter& reporter) const override {
        // The sums of every region of a year, computed once for all its
        // central municipalities (not once per municipality and institution).
        std::unordered_map<int, RegionSums> sums_by_year;
        for (const RunEntry* target : run.targets()) {
            auto [sums, first] = sums_by_year.try_emplace(target->reporting_year);
            if (first) {
                for (const RunEntry* institution : run.accepted_of_year(Kind::institution, target->reporting_year)) {
                    add_institution(*institution, sums->second);
                }
            }
            check_one(run, *target, sums->second, reporter);
        }
    }

private:
    void check_one(const RunView& run, const RunEntry& target, const RegionSums& sums, RunReporter& reporter) const {
        const int year = target.reporting_year;
        const Municipality* self = run.reference().municipality(target.submitter_id, year);
        if (self == nullptr || !self->central || !target.facts.is_number()) return;

        const auto found = sums.find(self->region);
        if (found == sums.end() || found->second.institutions == 0) return;
        const RegionSum& sum = found->second;

        const double places = target.facts.get<double>();
        MessageArgs args{{"institution_places", sum.places}, {"institutions", sum.institutions},
                         {"region", self->region},           {"year", year},
                         {"places", places}};
        std::vector<Related> related = sum.records;
        if (places <= 0) {
            if (sum.places <= slack) return;
            reporter.report(target, "places-zero", args, std::move(related), sum.places, places);
            return;
        }
        const double gap = std::abs(sum.places - places) / places;
        if (gap <= max_gap_ + slack) return;
        args.emplace_back("gap", gap);
        args.emplace_back("max", max_gap_);
        reporter.report(target, "gap", args, std::move(related), sum.places, places);
    }

    double max_gap_;
};

}  // namespace

std::unique_ptr<Rule> make_sheltered_housing_region_rule() {
    return std::make_unique<RuleOf<ShelteredHousingRegionCheck>>(RuleInfo{
        .id = "cross.sheltered-housing-region",
        .level = 3,
        .severity = Severity::warning,
        .applies_to = Kind::municipality,
        .description = "A central municipality's sheltered-housing places match the wmo_bw places institutions "
                       "report in its region",
        .description_nl = "De plaatsen beschermd wonen van een centrumgemeente komen overeen met de wmo_bw-plaatsen "
                          "die instellingen in haar regio melden",
        .options_schema = R"({
  "$schema": "http://json-schema.org/draft-07/schema#",
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "max_relative_gap": {
      "type": "number", "minimum": 0, "default": 0.20,
      "description": "largest accepted |institutions' places - municipality's places| / municipality's places"
    }
  }
})",
        .messages =
            {{"gap",
              "{institutions} institution(s) report {institution_places} wmo_bw places at locations in region "
              "{region} for {year}, this submission {places} sheltered_housing places: a gap of {gap} of its "
              "places, more than the maximum {max}",
              "{institutions} instelling(en) melden {institution_places} wmo_bw-plaatsen op locaties in regio "
              "{region} voor {year}, deze inzending {places} plaatsen beschermd wonen: een verschil van {gap} van "
              "haar plaatsen, meer dan het maximum {max}"},
             {"places-zero",
              "{institutions} institution(s) report {institution_places} wmo_bw places at locations in region "
              "{region} for {year}, this submission {places} sheltered_housing places",
              "{institutions} instelling(en) melden {institution_places} wmo_bw-plaatsen op locaties in regio "
              "{region} voor {year}, deze inzending {places} plaatsen beschermd wonen"}},
        .after = {"cross.duplicate-submission"},
    });
}

}  // namespace lmacheck::rules::cross
