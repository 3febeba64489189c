// Numbers, equality and string lengths as JSON Schema (draft 7) measures
// them, exactly.
// Valijson measures both its own way: it compares every number as a double,
// reading an unsigned integer of 2^63 and above through int64_t (so it wraps
// negative: 2^63 passes `"maximum": 100` and fails `"minimum": 0`), and it
// counts a string's length only up to its first NUL byte. Both judges of the
// schema layer use these instead (docs/decisions.md, Findings).
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string_view>

namespace lmacheck {

// The order of two JSON numbers (signed, unsigned or floating-point, in any
// mix), by their exact values: negative when a < b, 0 when equal, positive
// when a > b. Both must be numbers.
int compare_numbers(const nlohmann::json& a, const nlohmann::json& b);

// Whether two JSON values are equal as JSON Schema compares them (for
// `enum` and `const`): numbers by their exact values (1 equals 1.0; valijson
// compares doubles and so took 2^53 + 1 for 2^53, and -1 for 2^64 - 1),
// arrays item by item, objects key by key, anything else by type and value.
bool equal_values(const nlohmann::json& a, const nlohmann::json& b);

// A string's length in Unicode code points (the bytes that do not continue a
// UTF-8 sequence), every one counted, NUL included.
std::uint64_t code_points(std::string_view text);

}  // namespace lmacheck
