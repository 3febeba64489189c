// The expression rules of rule-set files (their `expressions` arrays), read
// before the rule catalog is built so that they join it as rules like the
// plugins' ones. The rule-set file is their plugin: `lmacheck rules` shows its
// name, and only that rule set runs them.
#pragma once

#include "plugins/plugin_loader.hpp"
#include "ruleset/rule_catalog.hpp"

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace lmacheck {

// Reads each file's expressions (the file checked against the rule-set
// schema first). `taken` maps the ids already loaded to their plugin; an
// expression rule with one of them, or with the id of an earlier expression
// rule, is refused. Throws ConfigError naming the file, the rule, the key
// and, for an expression, the character position.
std::vector<LoadedRule> load_expression_rules(const std::vector<std::filesystem::path>& files,
                                              const std::filesystem::path& schema_file,
                                              std::map<std::string, std::string> taken);

// True when `entry` is an expression rule that a rule-set file other than
// `file` defines.
bool defined_in_other_rule_set(const CatalogEntry& entry, const std::filesystem::path& file);

// The shipped rule sets: the *.json files directly in `rules_dir`, in name order.
std::vector<std::filesystem::path> shipped_rule_set_files(const std::filesystem::path& rules_dir);

}  // namespace lmacheck
