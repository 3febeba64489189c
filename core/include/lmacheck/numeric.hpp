// The catalog's number conventions, shared by every rule and by the engine:
// how counts are read, how sums of counts refuse to wrap, how values derived
// by division are compared (a tolerance plus a 1e-9 slack), and how a bound
// appears in a finding's `expected`. Kept in one place so that no rule (in
// this tree or outside it) picks its own slack, rounding or bound text.
#pragma once

#include "lmacheck/rule.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace lmacheck {

// Absorbs binary floating-point error (10.05 - 10.0 is 0.0500000000000007), so
// that a value exactly at a tolerance or a bound passes, as the catalog promises.
inline constexpr double slack = 1e-9;

// |reported - computed| <= tolerance + 1e-9: how values derived by division compare.
inline bool within_tolerance(double reported, double computed, double tolerance) {
    return std::abs(reported - computed) <= tolerance + slack;
}

// Reads a count. The schema guarantees an integer, but draft 7 also accepts a
// number with a zero fraction (12.0), which the parser keeps as a double; both
// read exactly. A value beyond 64 bits makes the rule fail (engine.rule-failed)
// rather than compare garbage.
inline long long count(const nlohmann::json& value) {
    if (value.is_number_unsigned()) {
        if (value.get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<long long>::max())) {
            throw std::out_of_range("count " + value.dump() + " does not fit in 64 bits");
        }
        return value.get<long long>();
    }
    if (value.is_number_integer()) return value.get<long long>();
    const double d = value.get<double>();
    if (!(d > -9.2e18 && d < 9.2e18)) {
        throw std::out_of_range("count " + value.dump() + " does not fit in 64 bits");
    }
    return static_cast<long long>(d);
}

// Sums of counts compare exactly, so an overflow must not wrap silently.
inline long long add_counts(long long sum, long long value) {
    long long result = 0;
    if (__builtin_add_overflow(sum, value, &result)) {
        throw std::overflow_error("a sum of counts does not fit in 64 bits");
    }
    return result;
}

// The `expected` value of a bound check, e.g. "<= 1.0" or ">= 42", with the
// bound in JSON number notation (a double keeps its ".0", a count has none).
inline std::string bound(std::string_view op, const nlohmann::json& value) {
    return std::string(op) + " " + value.dump();
}

// An inclusive range [min, max] from a rule's options, with the message for
// each side. The message gets the caller's arguments plus {min} or {max};
// `expected` is ">= min" or "<= max", `actual` the value. The bounds carry the
// same 1e-9 slack as tolerances.
struct Range {
    // A range whose bounds cross would flag every value; refuse it when the
    // rule set loads (the engine turns this into exit 2 naming the rule).
    Range(double min_value, double max_value, std::string_view below, std::string_view above)
        : min(min_value), max(max_value), below_message(below), above_message(above) {
        if (min > max) {
            throw std::invalid_argument("the minimum " + nlohmann::json(min).dump() + " is above the maximum " +
                                        nlohmann::json(max).dump());
        }
    }

    double min = 0;
    double max = 0;
    std::string_view below_message;
    std::string_view above_message;

    void check(Reporter& reporter, std::string path, double value, MessageArgs args) const {
        if (value < min - slack) {
            args.emplace_back("min", min);
            reporter.report(std::move(path), below_message, args, bound(">=", min), value);
        } else if (value > max + slack) {
            args.emplace_back("max", max);
            reporter.report(std::move(path), above_message, args, bound("<=", max), value);
        }
    }
};

}  // namespace lmacheck
