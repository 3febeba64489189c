// The submitters of one year an indicator is compared across: what the
// monitor holds for that year once the run is accepted
// (RunView::accepted_of_year), one value each.
#pragma once

#include "indicators.hpp"

#include "lmacheck/aggregate.hpp"

#include <map>
#include <string>
#include <vector>

namespace lmacheck::rules::plausibility {

struct Measured {
    const RunEntry* entry = nullptr;
    double value = 0;
    double size = 0;
};

// For each indicator in the entries' facts, the entries that have it.
inline std::map<std::string, std::vector<Measured>> by_indicator(const std::vector<const RunEntry*>& entries) {
    std::map<std::string, std::vector<Measured>> groups;
    for (const RunEntry* entry : entries) {
        for (const IndicatorValue& measured : indicators_in(entry->facts)) {
            groups[*measured.name].push_back({entry, measured.value, measured.size});
        }
    }
    return groups;
}

inline std::vector<double> values_of(const std::vector<Measured>& group) {
    std::vector<double> values;
    values.reserve(group.size());
    for (const Measured& m : group) values.push_back(m.value);
    return values;
}

inline double total_size(const std::vector<Measured>& group) {
    double total = 0;
    for (const Measured& m : group) total += m.size;
    return total;
}

}  // namespace lmacheck::rules::plausibility
