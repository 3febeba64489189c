// Loadable module of the financing rules: build/plugins/lmacheck_financing.so.
#include "financing_rules.hpp"

#include "lmacheck/plugin.hpp"

LMACHECK_PLUGIN("financing") {
    registry.add(lmacheck::rules::financing::make_valid_for_year_rule());
}
