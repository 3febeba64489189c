// Rules the engine itself implements: level 0 (the document, its schema, a
// rule that failed) and the explanation checks. They are listed by
// `lmacheck rules` like plugin rules, as plugin "core".
#pragma once

#include "lmacheck/rule.hpp"

#include <vector>

namespace lmacheck {

namespace builtin {
inline constexpr const char* document_unreadable = "document.unreadable";
inline constexpr const char* duplicate_key = "document.duplicate-key";
inline constexpr const char* schema_structure = "schema.structure";
inline constexpr const char* rule_failed = "engine.rule-failed";
inline constexpr const char* explanation_unused = "explanation.unused";
inline constexpr const char* explanation_on_error = "explanation.on-error";
inline constexpr const char* explanation_unknown_rule = "explanation.unknown-rule";
inline constexpr const char* explanation_bad_path = "explanation.bad-path";
}  // namespace builtin

std::vector<RuleInfo> builtin_rules();

}  // namespace lmacheck
