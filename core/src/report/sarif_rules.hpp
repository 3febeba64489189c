// SARIF reportingDescriptor objects (tool.driver.rules) from the rule
// catalog: id, short and full description, help text and default level, in
// the run's language.
#pragma once

#include "model/messages.hpp"
#include "lmacheck/finding.hpp"
#include "ruleset/rule_catalog.hpp"

#include <nlohmann/json.hpp>

#include <string_view>

namespace lmacheck {

// SARIF's level for a severity: error, warning, note.
std::string_view sarif_level(Severity severity);

nlohmann::ordered_json sarif_rule(const CatalogEntry& entry, Language language);

// A rule the catalog does not know (a report rendered without a catalog): its id only.
nlohmann::ordered_json sarif_rule_by_id(std::string_view id);

}  // namespace lmacheck
