#include "schema/exact_measure.hpp"

#include <algorithm>
#include <cmath>

namespace lmacheck {
namespace {

// A JSON integer as sign and magnitude: every int64_t and uint64_t fits.
struct Whole {
    bool negative = false;
    std::uint64_t magnitude = 0;
};

Whole whole_of(const nlohmann::json& value) {
    if (value.is_number_unsigned()) return {false, value.get<std::uint64_t>()};
    const std::int64_t number = value.get<std::int64_t>();
    // -(number + 1) + 1 avoids negating INT64_MIN.
    if (number < 0) return {true, static_cast<std::uint64_t>(-(number + 1)) + 1};
    return {false, static_cast<std::uint64_t>(number)};
}

int compare_wholes(const Whole& a, const Whole& b) {
    if (a.negative != b.negative) return a.negative ? -1 : 1;
    if (a.magnitude == b.magnitude) return 0;
    const bool smaller_magnitude = a.magnitude < b.magnitude;
    return smaller_magnitude != a.negative ? -1 : 1;  // for negatives, the larger magnitude is smaller
}

int compare_whole_with_double(const Whole& a, double b) {
    // Every JSON integer lies in [-2^63, 2^64): a double outside that range
    // is beyond all of them (and the loader refuses infinities and NaN).
    if (b >= 18446744073709551616.0) return -1;
    if (b < -9223372036854775808.0) return 1;
    const double truncated = std::trunc(b);  // exact, and inside the range
    const Whole whole = truncated < 0 ? Whole{true, static_cast<std::uint64_t>(-truncated)}
                                      : Whole{false, static_cast<std::uint64_t>(truncated)};
    if (const int order = compare_wholes(a, whole); order != 0) return order;
    const double fraction = b - truncated;  // exact
    return fraction > 0 ? -1 : (fraction < 0 ? 1 : 0);
}

}  // namespace

int compare_numbers(const nlohmann::json& a, const nlohmann::json& b) {
    if (a.is_number_float() && b.is_number_float()) {
        const double x = a.get<double>();
        const double y = b.get<double>();
        return x < y ? -1 : (x > y ? 1 : 0);
    }
    if (a.is_number_float()) return -compare_whole_with_double(whole_of(b), a.get<double>());
    if (b.is_number_float()) return compare_whole_with_double(whole_of(a), b.get<double>());
    return compare_wholes(whole_of(a), whole_of(b));
}

bool equal_values(const nlohmann::json& a, const nlohmann::json& b) {
    if (a.is_number() && b.is_number()) return compare_numbers(a, b) == 0;
    if (a.type() != b.type()) return false;
    if (a.is_array()) {
        return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), equal_values);
    }
    if (a.is_object()) {
        if (a.size() != b.size()) return false;
        for (const auto& [key, value] : a.items()) {
            const auto other = b.find(key);
            if (other == b.end() || !equal_values(value, *other)) return false;
        }
        return true;
    }
    return a == b;
}

std::uint64_t code_points(std::string_view text) {
    std::uint64_t count = 0;
    for (const char c : text) {
        if ((static_cast<unsigned char>(c) & 0xC0u) != 0x80u) ++count;
    }
    return count;
}

}  // namespace lmacheck
