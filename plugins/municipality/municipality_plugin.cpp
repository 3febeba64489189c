// Loadable module of the municipality rules: build/plugins/lmacheck_municipality.so.
#include "municipality_rules.hpp"

#include "lmacheck/plugin.hpp"

LMACHECK_PLUGIN("municipality") {
    using namespace lmacheck::rules::municipality;
    registry.add(make_sheltered_housing_required_rule());
    registry.add(make_budget_per_place_rule());
    registry.add(make_clients_per_place_rule());
}
