// Reading a JSON Schema's source alongside an instance: which subschema
// governs the value at a pointer, and how to say in words what it expects.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace lmacheck {

// The subschema that governs the value reached by `tokens` from the root, or
// nullptr when the schema does not say (following properties, items,
// additionalProperties and local "#/definitions/..." references).
const nlohmann::json* subschema_at(const nlohmann::json& root, const std::vector<std::string>& tokens);

// What `schema` accepts, in words: "integer >= 0", "one of `zvw`, `wlz`".
// `dutch` selects the language.
std::string describe_expectation(const nlohmann::json& root, const nlohmann::json& schema, bool dutch);

// The `expected` of a finding on a value `schema` governs: where the schema
// names the values (`const`: that value; `enum`: the array of them) those
// JSON values, as the report contract wants for compared values; otherwise
// the English description of describe_expectation().
nlohmann::json expected_value(const nlohmann::json& root, const nlohmann::json& schema);

// The value as a short JSON text for messages (long values are cut; an array
// or object only by its size). `dutch` selects the language of the latter.
std::string describe_value(const nlohmann::json& value, bool dutch);

// The value itself when it is a scalar; for an array or object a short text
// such as "an array of 3 item(s)", built without walking the container.
nlohmann::json summarize_value(const nlohmann::json& value, bool dutch = false);

// The known property name closest to `key` (at most two edits away), or "".
std::string closest_key(const nlohmann::json& schema, std::string_view key);

}  // namespace lmacheck
