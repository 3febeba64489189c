// `lmacheck rules`: the loaded rules with id, severity, level, plugin,
// one-line description and options with defaults.
#pragma once

#include "engine/messages.hpp"
#include "ruleset/rule_catalog.hpp"

#include <string>

namespace lmacheck {

std::string rules_as_text(const RuleCatalog& catalog, Language language);
std::string rules_as_json(const RuleCatalog& catalog);

}  // namespace lmacheck
