// Loadable module of the level-2 rules: build/plugins/lmacheck_history.so.
#include "history_rules.hpp"

#include "lmacheck/plugin.hpp"

LMACHECK_PLUGIN("history") {
    using namespace lmacheck::rules::history;
    registry.add(make_capacity_change_rule());
    registry.add(make_dbc_total_change_rule());
    registry.add(make_fact_teams_drop_rule());
}
