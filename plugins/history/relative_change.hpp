// "Changed by more than the fraction" (rule-catalog.md, level 2): the
// relative change |current - previous| / previous, strictly greater than the
// maximum (with the catalog's 1e-9 slack). From a previous value of 0 any
// rise is a change beyond every maximum.
#pragma once

#include "lmacheck/numeric.hpp"

#include <cmath>
#include <optional>

namespace lmacheck::rules::history {

struct Change {
    bool too_large = false;
    std::optional<double> relative;  // nullopt when the previous value was 0
};

inline Change relative_change(double previous, double current, double max_relative_change) {
    if (previous <= 0) return Change{current > slack, std::nullopt};
    const double relative = std::abs(current - previous) / previous;
    return Change{relative > max_relative_change + slack, relative};
}

}  // namespace lmacheck::rules::history
