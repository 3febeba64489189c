// Submitters' explanations: a warning whose rule id and path equal an
// explanation's is explained (kept, not counted as a warning). Errors cannot
// be explained. Reports explanation.unused and explanation.on-error.
#pragma once

#include "engine/messages.hpp"
#include "lmacheck/finding.hpp"
#include "ruleset/rule_catalog.hpp"
#include "ruleset/rule_set.hpp"

#include <nlohmann/json.hpp>

#include <vector>

namespace lmacheck {

// `ran` are the level-1 rules that ran on this document. Marks explained
// warnings in `findings` and appends the explanation findings.
void apply_explanations(const nlohmann::json& document, const RulePlan& plan, const std::vector<const PlannedRule*>& ran,
                        const RuleCatalog& catalog, Language language, std::vector<Finding>& findings);

}  // namespace lmacheck
