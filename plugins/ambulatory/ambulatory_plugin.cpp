// Loadable module of the ambulatory rules: build/plugins/lmacheck_ambulatory.so.
#include "ambulatory_rules.hpp"

#include "lmacheck/plugin.hpp"

LMACHECK_PLUGIN("ambulatory") {
    using namespace lmacheck::rules::ambulatory;
    registry.add(make_dbc_category_sum_rule());
    registry.add(make_basis_ggz_from_2014_rule());
}
