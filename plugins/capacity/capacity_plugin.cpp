// Loadable module of the capacity rules: build/plugins/lmacheck_capacity.so.
#include "capacity_rules.hpp"

#include "lmacheck/plugin.hpp"

LMACHECK_PLUGIN("capacity") {
    using namespace lmacheck::rules::capacity;
    registry.add(make_location_duplicate_id_rule());
    registry.add(make_unknown_location_rule());
    registry.add(make_duplicate_record_rule());
    registry.add(make_places_from_bed_days_rule());
    registry.add(make_occupancy_rule());
    registry.add(make_totals_match_locations_rule());
}
