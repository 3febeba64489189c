#include "statistics.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace lmacheck::rules::plausibility {
namespace {

void require_values(const std::vector<double>& values) {
    if (values.empty()) throw std::invalid_argument("a statistic of no values");
}

std::vector<double> sorted(std::vector<double> values) {
    require_values(values);
    std::sort(values.begin(), values.end());
    return values;
}

// The p-quantile of values sorted already: several quantiles of one group
// sort it once (the level-3 pass computes thousands of them).
double quantile_of_sorted(const std::vector<double>& values, double p) {
    const double position = static_cast<double>(values.size() - 1) * p;
    const auto below = static_cast<std::size_t>(std::floor(position));
    const std::size_t above = std::min(below + 1, values.size() - 1);
    const double fraction = position - static_cast<double>(below);
    return values[below] + fraction * (values[above] - values[below]);
}

// The median absolute deviation of values (in any order) from `centre`.
double mad_around(const std::vector<double>& values, double centre) {
    std::vector<double> deviations;
    deviations.reserve(values.size());
    for (double v : values) deviations.push_back(std::abs(v - centre));
    return quantile_of_sorted(sorted(std::move(deviations)), 0.5);
}

}  // namespace

double quantile(std::vector<double> values, double p) { return quantile_of_sorted(sorted(std::move(values)), p); }

double median(std::vector<double> values) { return quantile(std::move(values), 0.5); }

double median_absolute_deviation(const std::vector<double>& values) { return mad_around(values, median(values)); }

RobustSpread robust_spread(const std::vector<double>& values) {
    const std::vector<double> in_order = sorted(values);
    RobustSpread spread;
    spread.median = quantile_of_sorted(in_order, 0.5);
    spread.mad = mad_around(values, spread.median);
    spread.iqr = quantile_of_sorted(in_order, 0.75) - quantile_of_sorted(in_order, 0.25);
    return spread;
}

std::optional<double> RobustSpread::z(double x) const {
    const double scale = mad > 0 ? mad : iqr / 2;
    if (scale <= 0) return std::nullopt;
    return 0.6745 * (x - median) / scale;
}

double hb_centred_ratio(double ratio, double median_ratio) {
    if (ratio <= 0 || median_ratio <= 0) throw std::invalid_argument("a Hidiroglou-Berthelot ratio must be positive");
    return ratio < median_ratio ? 1 - median_ratio / ratio : ratio / median_ratio - 1;
}

double hb_effect(double ratio, double median_ratio, double size, double u) {
    if (size < 0) throw std::invalid_argument("a Hidiroglou-Berthelot size must not be negative");
    return hb_centred_ratio(ratio, median_ratio) * std::pow(size, u);
}

HbBounds hb_bounds(const std::vector<double>& effects, const std::vector<double>& sizes,
                   const HbParameters& parameters) {
    const std::vector<double> in_order = sorted(effects);
    const double e_m = quantile_of_sorted(in_order, 0.5);
    const double typical_weight = std::pow(median(sizes), parameters.u);
    const double floor_width = parameters.a * std::max(std::abs(e_m), typical_weight);
    const double below = std::max(e_m - quantile_of_sorted(in_order, 0.25), floor_width);
    const double above = std::max(quantile_of_sorted(in_order, 0.75) - e_m, floor_width);
    return HbBounds{e_m, e_m - parameters.c * below, e_m + parameters.c * above};
}

}  // namespace lmacheck::rules::plausibility
