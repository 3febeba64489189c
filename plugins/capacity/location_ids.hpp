// The location ids a submission declares, shared by the rules that resolve a
// capacity record's location_id.
#pragma once

#include "lmacheck/submission.hpp"

#include <string>
#include <string_view>
#include <unordered_set>

namespace lmacheck::rules::capacity {

// Views into the submission's document: valid while the submission is.
inline std::unordered_set<std::string_view> location_ids(const Submission& submission) {
    const auto& locations = submission["locations"];
    std::unordered_set<std::string_view> ids;
    ids.reserve(locations.size());
    for (const auto& location : locations) {
        ids.insert(location.at("location_id").get_ref<const std::string&>());
    }
    return ids;
}

}  // namespace lmacheck::rules::capacity
