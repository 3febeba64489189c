// A JSON Schema whose local "$ref"s lead back to a schema they are part of
// ({"$ref": "#"}, or a -> b -> a) sends every recursive walk of it (valijson's
// parser and validator, the explanations of schema_walk) into endless
// recursion, that is a stack overflow. lmacheck's schemas need no recursion,
// so any such cycle is refused when a schema loads.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace lmacheck {

// The first cycle of local references, as "#/definitions/a -> #/definitions/b
// -> #/definitions/a" (each "$ref" on the way, then the schema it leads back
// into), or nullopt when there is none. Iterative: a deep schema or a long
// chain of references costs heap, not stack. References that do not resolve
// are left to the schema parser to complain about.
std::optional<std::string> find_ref_cycle(const nlohmann::json& schema);

// Keywords whose values are data, not schemas: an object in there that holds
// a "$ref" or a "maximum" key is just a value.
bool is_data_keyword(std::string_view key);

// Keywords whose values map names to schemas: the names are not keywords (a
// property named "format" is no format).
bool is_schema_map(std::string_view key);

}  // namespace lmacheck
