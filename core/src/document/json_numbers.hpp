// How a parsed number is stored in the DOM, whichever parser read it, so that
// both parse paths (fast_parse.hpp, dom_builder.hpp) build the same value.
#pragma once

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>

namespace lmacheck::document_detail {

// A non-negative integer is stored unsigned, as nlohmann stores `12`; that
// includes `-0`, which nlohmann alone would keep as a signed zero.
inline nlohmann::json number_from_integer(std::int64_t value) {
    if (value >= 0) return nlohmann::json(static_cast<std::uint64_t>(value));
    return nlohmann::json(value);
}

// JSON Schema (draft 7) calls a number with a zero fraction an integer: 12.0
// and 1.2e1 must pass "type": "integer". Such numbers are stored the way 12 is
// (unsigned when non-negative, -0.0 included), as far as 64 bits go; beyond
// that they stay floats rather than lose their magnitude. Both parsers refuse
// non-finite numbers before this is reached.
inline nlohmann::json number_from_double(double value) {
    if (std::trunc(value) == value) {
        constexpr double two_to_64 = 18446744073709551616.0;
        constexpr double minus_two_to_63 = -9223372036854775808.0;
        if (value >= 0.0 && value < two_to_64) return nlohmann::json(static_cast<std::uint64_t>(value));
        if (value < 0.0 && value >= minus_two_to_63) return nlohmann::json(static_cast<std::int64_t>(value));
    }
    return nlohmann::json(value);
}

}  // namespace lmacheck::document_detail
