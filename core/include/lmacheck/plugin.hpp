// What a rule plugin exports. A plugin is a shared library that defines:
//
//   LMACHECK_PLUGIN("capacity") {
//       registry.add(make_places_from_bed_days_rule());
//   }
//
// The loader calls lmacheck_abi_version() before anything else and refuses a
// library whose version differs. Plugins do no work in static initialisers:
// those run when the library is opened, before the ABI check can refuse it.
#pragma once

#include "lmacheck/rule.hpp"

#include <cstdint>

namespace lmacheck {

// Bumped on any change to the headers in core/include/lmacheck/.
// 2: Submission::previous() (level-2 rules).
inline constexpr std::uint32_t plugin_abi_version = 2;

}  // namespace lmacheck

#define LMACHECK_PLUGIN_EXPORT extern "C" __attribute__((visibility("default")))

#define LMACHECK_PLUGIN(NAME)                                                                  \
    LMACHECK_PLUGIN_EXPORT std::uint32_t lmacheck_abi_version() {                               \
        return ::lmacheck::plugin_abi_version;                                                  \
    }                                                                                          \
    LMACHECK_PLUGIN_EXPORT const char* lmacheck_plugin_name() { return NAME; }                  \
    LMACHECK_PLUGIN_EXPORT void lmacheck_register_rules(::lmacheck::RuleRegistry& registry)
