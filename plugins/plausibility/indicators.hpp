// What the plausibility rules measure in one submission: each indicator's
// value and the size that weighs it (the submitter's part of the national
// total). Collected as JSON facts, { "<indicator>": { "value", "size" } },
// so that the engine keeps these few numbers, not the document.
#pragma once

#include "lmacheck/submission.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace lmacheck::rules::plausibility {

// Size-free indicators for plausibility.outlier, each its own peer group per
// year (and per care setting where the name says so: "occupancy/clinical").
// An indicator whose denominator is 0 is left out.
nlohmann::json ratio_indicators(const Submission& submission);

// Indicators whose change from year to year plausibility.change follows.
// Shares (intensive_dbc_share) are weighed by their denominator.
nlohmann::json change_indicators(const Submission& submission);

// The names change_indicators() can give, for the option's enum and default.
const std::vector<std::string>& change_indicator_names();

// "occupancy/clinical" -> "occupancy (clinical)", for messages.
std::string describe_indicator(std::string_view key);

}  // namespace lmacheck::rules::plausibility
