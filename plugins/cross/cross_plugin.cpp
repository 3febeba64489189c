// Loadable module of the level-3 rules: build/plugins/lmacheck_cross.so.
#include "cross_rules.hpp"

#include "lmacheck/plugin.hpp"

LMACHECK_PLUGIN("cross") {
    using namespace lmacheck::rules::cross;
    registry.add(make_duplicate_submission_rule());
    registry.add(make_sheltered_housing_region_rule());
}
