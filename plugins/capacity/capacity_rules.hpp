// The capacity plugin: locations and intramural capacity (rule-catalog.md, level 1).
#pragma once

#include "lmacheck/rule.hpp"

#include <memory>

namespace lmacheck::rules::capacity {

std::unique_ptr<Rule> make_location_duplicate_id_rule();   // location.duplicate-id
std::unique_ptr<Rule> make_unknown_location_rule();        // capacity.unknown-location
std::unique_ptr<Rule> make_duplicate_record_rule();        // capacity.duplicate-record
std::unique_ptr<Rule> make_places_from_bed_days_rule();    // capacity.places-from-bed-days
std::unique_ptr<Rule> make_occupancy_rule();               // capacity.occupancy
std::unique_ptr<Rule> make_totals_match_locations_rule();  // capacity.totals-match-locations

}  // namespace lmacheck::rules::capacity
