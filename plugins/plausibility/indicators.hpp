// What the plausibility rules measure in one submission: each indicator's
// value and the size that weighs it (the submitter's part of the national
// total), so that the engine keeps these few numbers, not the document.
//
// The engine keeps every file's facts until the level-3 pass, so they are
// packed: a JSON binary value of 17-byte records, each an indicator's index
// into indicator_names() (one byte) and its value and size (two doubles).
// As objects of objects, { "<indicator>": { "value", "size" } }, they were
// the largest part of a 20-year run's peak memory: about 400 bytes an
// indicator, against 48 as an array of numbers and 17 packed
// (docs/performance.md).
#pragma once

#include "lmacheck/submission.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lmacheck::rules::plausibility {

// Every indicator either rule measures, sorted: facts list their indicators
// in this order, the order the rules judge (and word skip reasons) in.
const std::vector<std::string>& indicator_names();

// One indicator of one submission.
struct IndicatorValue {
    std::size_t index = 0;              // in indicator_names()
    const std::string* name = nullptr;  // indicator_names()[index]
    double value = 0;
    double size = 0;
};

// A submission's indicators while they are measured, and packed as facts.
class Indicators {
public:
    // `name` must be one of indicator_names() (std::logic_error otherwise).
    void put(const std::string& name, double value, double size);
    // Only the named ones.
    Indicators only(const std::set<std::string>& names) const;
    nlohmann::json to_facts() const;

private:
    std::map<std::size_t, std::pair<double, double>> values_;  // by index in indicator_names()
};

// The indicators packed in `facts`, in indicator_names() order; none when
// `facts` is not such an array (a check that failed to collect).
std::vector<IndicatorValue> indicators_in(const nlohmann::json& facts);
// The one named, if `facts` has it.
std::optional<IndicatorValue> find_indicator(const nlohmann::json& facts, const std::string& name);
// The one at `index` in indicator_names(), if `facts` has it: no name to
// look up, for the rules' loops over every submitter.
std::optional<IndicatorValue> find_indicator(const nlohmann::json& facts, std::size_t index);
// The index of `name` in indicator_names(), if it is one.
std::optional<std::size_t> indicator_index(const std::string& name);

// Size-free indicators for plausibility.outlier, each its own peer group per
// year (and per care setting where the name says so: "occupancy/clinical").
// An indicator whose denominator is 0 is left out.
Indicators ratio_indicators(const Submission& submission);

// Indicators whose change from year to year plausibility.change follows.
// Shares (intensive_dbc_share) are weighed by their denominator.
Indicators change_indicators(const Submission& submission);

// The names change_indicators() can give, for the option's enum and default.
const std::vector<std::string>& change_indicator_names();

// "occupancy/clinical" -> "occupancy (clinical)", for messages.
std::string describe_indicator(std::string_view key);

}  // namespace lmacheck::rules::plausibility
