// Loadable module of the reference rules: build/plugins/lmacheck_reference.so.
#include "reference_rules.hpp"

#include "lmacheck/plugin.hpp"

LMACHECK_PLUGIN("reference") {
    using namespace lmacheck::rules::reference;
    registry.add(make_municipality_code_rule());
    registry.add(make_province_matches_rule());
    registry.add(make_central_municipality_rule());
}
