// A plugin as lmacheck built them before SDK 1.0.0: it exports the old
// integer lmacheck_abi_version and the factory, but no build fingerprint. The
// loader must refuse it by name without calling anything: every export
// aborts the process.
#include "lmacheck/rule.hpp"

#include <cstdint>
#include <cstdlib>

#define OLD_PLUGIN_EXPORT extern "C" __attribute__((visibility("default")))

OLD_PLUGIN_EXPORT std::uint32_t lmacheck_abi_version() { std::abort(); }

OLD_PLUGIN_EXPORT const char* lmacheck_plugin_name() { std::abort(); }

OLD_PLUGIN_EXPORT void lmacheck_register_rules(::lmacheck::RuleRegistry& /*registry*/) { std::abort(); }
