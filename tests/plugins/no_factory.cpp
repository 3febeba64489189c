// A library with the right build fingerprint but no lmacheck_register_rules:
// not a plugin, and the loader must say so instead of crashing on a null function.
#include "lmacheck/plugin.hpp"

LMACHECK_PLUGIN_EXPORT const char* lmacheck_build_fingerprint() { return LMACHECK_BUILD_FINGERPRINT; }
