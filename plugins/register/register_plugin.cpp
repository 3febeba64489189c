// Loadable module of the register rules: build/plugins/lmacheck_register.so.
#include "register_rules.hpp"

#include "lmacheck/plugin.hpp"

LMACHECK_PLUGIN("register") {
    using namespace lmacheck::rules::registers;
    registry.add(make_fact_certified_rule());
    registry.add(make_fact_certified_unreported_rule());
}
