// SARIF reportingDescriptor objects (tool.driver.rules) from the rule
// catalog: id, short and full description, help text and default level, in
// the run's language.
#pragma once

#include "model/messages.hpp"
#include "lmacheck/finding.hpp"
#include "ruleset/rule_catalog.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace lmacheck {

// The anchor of a rule's section of docs/rules.md ("### `ID`", as GitHub
// makes it: capacity.occupancy -> capacityoccupancy), and the rule's
// helpUri: LMACHECK_RULES_DOC_URI (a build setting) + "#" + the anchor.
std::string rule_doc_anchor(std::string_view id);
std::string rule_help_uri(std::string_view id);

// SARIF's level for a severity: error, warning, note.
std::string_view sarif_level(Severity severity);

nlohmann::ordered_json sarif_rule(const CatalogEntry& entry, Language language);

// A rule the catalog does not know (a report rendered without a catalog): its id only.
nlohmann::ordered_json sarif_rule_by_id(std::string_view id);

}  // namespace lmacheck
