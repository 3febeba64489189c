// One entry of a rule set's `expressions` array, read and checked: every key
// known, every required one present, every pointer valid, every expression
// compiled. A problem throws ConfigError naming the rule-set file, the rule
// id, the key and (for an expression) the character position.
#pragma once

#include "expression/document_walk.hpp"
#include "lmacheck/finding.hpp"
#include "lmacheck/submission.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace lmacheck::expression {

enum class Comparison { equal, not_equal, less, less_equal, greater, greater_equal };

// A `let` name's value: a pointer, an aggregate over a `*`, or the previous
// submission's value.
struct Binding {
    enum class Source { value, sum, count, min, max, previous };
    std::string name;
    Source source = Source::value;
    PointerSpec pointer;
    // Aggregates: the field of each item (a pointer relative to the item)
    // and the text it must equal; "{key}" and "{index}" are the match's.
    std::vector<std::pair<std::vector<std::string>, std::string>> where;
};

struct RuleDefinition {
    std::string id;
    std::string file;  // the rule-set file, as the messages name it
    std::optional<Kind> applies_to;
    Severity severity = Severity::error;
    std::string description_en;
    std::string description_nl;
    std::optional<PointerSpec> for_each;
    std::vector<Binding> bindings;
    bool missing_is_zero = false;
    std::string when;  // empty: every match
    std::string left;
    Comparison op = Comparison::equal;
    std::string right;
    double tolerance = 0;
    std::optional<PointerSpec> path;
    std::string message_en;
    std::string message_nl;

    bool uses_previous() const;
    std::vector<std::string> names() const;
};

// Reads `entry`, the `index`-th of `file`'s expressions.
RuleDefinition read_definition(const nlohmann::json& entry, const std::string& file, std::size_t index);

std::string_view to_string(Comparison op);

}  // namespace lmacheck::expression
