// An expression rule as the engine sees it: a Rule like a plugin's, whose
// Check evaluates the compiled expressions per match of `for_each`.
#pragma once

#include "expression/rule_definition.hpp"
#include "lmacheck/rule.hpp"

#include <memory>
#include <string>

namespace lmacheck::expression {

class ExpressionRule final : public Rule {
public:
    explicit ExpressionRule(RuleDefinition definition);
    const RuleInfo& info() const override { return info_; }
    // Expression rules take no options (the rule set's own entry is the place
    // to change them).
    std::unique_ptr<Check> configure(const Options& options) const override;
    // The rule-set file that defines the rule: only that rule set runs it.
    const std::string& file() const { return definition_->file; }

private:
    std::shared_ptr<const RuleDefinition> definition_;
    RuleInfo info_;
};

// The message id every expression rule reports with.
inline constexpr const char* finding_message = "check-failed";

}  // namespace lmacheck::expression
