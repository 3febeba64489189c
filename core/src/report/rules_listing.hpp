// `lmacheck rules`: the loaded rules with id, severity, level, plugin,
// one-line description and options with defaults, as text, JSON or Markdown.
#pragma once

#include "model/messages.hpp"
#include "ruleset/rule_catalog.hpp"

#include <string>

namespace lmacheck {

std::string rules_as_text(const RuleCatalog& catalog, Language language);
// Also holds each rule's options schema and message templates in both
// languages, so tools (and tests) can check them without the source.
std::string rules_as_json(const RuleCatalog& catalog);
// The rule reference (docs/rules.md is this output): per rule its metadata,
// descriptions in English and Dutch, options table and message templates.
std::string rules_as_markdown(const RuleCatalog& catalog);

}  // namespace lmacheck
