// Submitters' explanations: a warning whose rule id and path equal an
// explanation's is explained (kept, not counted as a warning). Errors cannot
// be explained. Reports explanation.unused and explanation.on-error, and
// explanation.unknown-rule and explanation.bad-path for an explanation that
// can never match (a rule no loaded rule has, a path that is no JSON Pointer).
#pragma once

#include "model/messages.hpp"
#include "lmacheck/finding.hpp"
#include "ruleset/rule_catalog.hpp"
#include "ruleset/rule_set.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <vector>

namespace lmacheck {

// `explanations` is the document's array of them, `positions` where each
// sits; `ran` are the rules of levels 1 to 4 that looked at this document.
// Marks explained warnings in `findings` and appends the explanation
// findings (with their positions).
void apply_explanations(const nlohmann::json& explanations, const std::vector<std::optional<SourcePosition>>& positions,
                        const RulePlan& plan, const std::vector<const PlannedRule*>& ran, const RuleCatalog& catalog,
                        Language language, std::vector<Finding>& findings);

}  // namespace lmacheck
