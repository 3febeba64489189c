// Loadable module of the FACT rules: build/plugins/lmacheck_fact.so.
#include "fact_rules.hpp"

#include "lmacheck/plugin.hpp"

LMACHECK_PLUGIN("fact") {
    using namespace lmacheck::rules::fact;
    registry.add(make_certified_within_teams_rule());
    registry.add(make_empty_teams_rule());
    registry.add(make_team_size_rule());
}
