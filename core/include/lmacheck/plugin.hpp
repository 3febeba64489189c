// What a rule plugin exports. A plugin is a shared library that defines:
//
//   LMACHECK_PLUGIN("capacity") {
//       registry.add(make_places_from_bed_days_rule());
//   }
//
// The loader calls lmacheck_build_fingerprint() before anything else and
// refuses (exit 2, naming the file and both fingerprints) a library built
// with another SDK version, another nlohmann_json or JSON_DIAGNOSTICS, or
// another standard-library ABI (lmacheck/version.hpp). Plugins do no work in
// static initialisers: those run when the library is opened, before the
// fingerprint can be checked.
//
// The rules a plugin registers are shared by every thread of a run: the
// engine calls Check::check() on one Check object from several threads at
// once, so a Check must not change after its constructor (lmacheck/rule.hpp).
// A check that cannot do its work throws; the engine reports that as the
// finding engine.rule-failed and the run goes on. docs/plugins.md has the
// whole contract and how to build a plugin outside this tree.
#pragma once

#include "lmacheck/rule.hpp"
#include "lmacheck/version.hpp"

#define LMACHECK_PLUGIN_EXPORT extern "C" __attribute__((visibility("default")))

#define LMACHECK_PLUGIN(NAME)                                                                  \
    LMACHECK_PLUGIN_EXPORT const char* lmacheck_build_fingerprint() {                          \
        return LMACHECK_BUILD_FINGERPRINT;                                                      \
    }                                                                                          \
    LMACHECK_PLUGIN_EXPORT const char* lmacheck_plugin_name() { return NAME; }                  \
    LMACHECK_PLUGIN_EXPORT void lmacheck_register_rules(::lmacheck::RuleRegistry& registry)
