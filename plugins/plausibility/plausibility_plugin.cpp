// Loadable module of the plausibility rules: build/plugins/lmacheck_plausibility.so.
#include "plausibility_rules.hpp"

#include "lmacheck/plugin.hpp"

LMACHECK_PLUGIN("plausibility") {
    using namespace lmacheck::rules::plausibility;
    registry.add(make_outlier_rule());
    registry.add(make_change_rule());
}
