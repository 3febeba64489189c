// The plugin's module: its name and the rules it registers. No work happens
// before lmacheck_register_rules is called (no static initialisers).
#include "lmacheck/plugin.hpp"

#include <memory>

namespace example {
std::unique_ptr<lmacheck::Rule> make_fact_caseload_rule();
}

LMACHECK_PLUGIN("example") {
    registry.add(example::make_fact_caseload_rule());
}
