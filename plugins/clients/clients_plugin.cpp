// Loadable module of the clients rules: build/plugins/lmacheck_clients.so.
#include "clients_rules.hpp"

#include "lmacheck/plugin.hpp"

LMACHECK_PLUGIN("clients") {
    registry.add(lmacheck::rules::clients::make_partition_rule());
}
