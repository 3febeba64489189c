// The rules of rule-catalog.md (levels 0 to 3), written out once for every
// test that checks the program's rules against the catalog: the catalog is
// the contract, so the list is not read from the code under test.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace lmacheck::test {

struct CatalogRule {
    std::string id;
    int level;
    std::string severity;    // the default: "error", "warning" or "info"
    std::string applies_to;  // "institution", "municipality", or "" for every submission
    nlohmann::json options;  // the option defaults (an empty object when none)
    bool from_plugin;        // false: built into the engine (document.*, schema.*, engine.*, explanation.*,
                             // history.resubmission)
};

// Every rule, in the catalog's order.
const std::vector<CatalogRule>& catalog_rules();

// The ids of the catalog rules that plugins provide, in the catalog's order.
std::vector<std::string> catalog_plugin_rule_ids();

// The catalog rule `id`; nullptr when the catalog has none.
const CatalogRule* catalog_rule(const std::string& id);

}  // namespace lmacheck::test
