// A library with the right ABI version but no lmacheck_register_rules: not a
// plugin, and the loader must say so instead of crashing on a null function.
#include "lmacheck/plugin.hpp"

LMACHECK_PLUGIN_EXPORT std::uint32_t lmacheck_abi_version() { return ::lmacheck::plugin_abi_version; }
