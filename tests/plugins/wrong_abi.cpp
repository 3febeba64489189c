// A plugin built for another ABI version. The macro cannot express the
// defect, so the exports are written by hand. The loader must refuse the
// library after calling lmacheck_abi_version() and nothing else: the factory
// aborts the process if it is ever called.
#include "lmacheck/plugin.hpp"

#include <cstdlib>

LMACHECK_PLUGIN_EXPORT std::uint32_t lmacheck_abi_version() { return ::lmacheck::plugin_abi_version + 1; }

LMACHECK_PLUGIN_EXPORT const char* lmacheck_plugin_name() { std::abort(); }

LMACHECK_PLUGIN_EXPORT void lmacheck_register_rules(::lmacheck::RuleRegistry& /*registry*/) { std::abort(); }
