// A plugin of the right ABI version whose factory throws while registering.
#include "lmacheck/plugin.hpp"

#include <stdexcept>

LMACHECK_PLUGIN("throwing-factory") {
    (void)registry;
    throw std::runtime_error("factory exploded");
}
