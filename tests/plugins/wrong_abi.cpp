// A plugin built with another build fingerprint: tests/plugins/CMakeLists.txt
// compiles it with JSON_DIAGNOSTICS=1, which gives every nlohmann::json value
// an extra member, so its fingerprint differs from lmacheck's in
// "diagnostics 1". The exports are written by hand so that everything but the
// fingerprint aborts the process: the loader must refuse the library after
// calling lmacheck_build_fingerprint() and nothing else.
#include "lmacheck/plugin.hpp"

#include <cstdlib>

#if !JSON_DIAGNOSTICS
#error "this test plugin is meant to be compiled with JSON_DIAGNOSTICS=1"
#endif

LMACHECK_PLUGIN_EXPORT const char* lmacheck_build_fingerprint() { return LMACHECK_BUILD_FINGERPRINT; }

LMACHECK_PLUGIN_EXPORT const char* lmacheck_plugin_name() { std::abort(); }

LMACHECK_PLUGIN_EXPORT void lmacheck_register_rules(::lmacheck::RuleRegistry& /*registry*/) { std::abort(); }
