// The robust statistics of the plausibility rules, as small pure functions
// (unit-tested against values computed by hand, tests/plausibility/).
//
// Quantiles are R's default (type 7): the p-quantile of n sorted values
// interpolates linearly at position (n - 1) x p, counted from 0.
#pragma once

#include <optional>
#include <vector>

namespace lmacheck::rules::plausibility {

// Throws std::invalid_argument on an empty list (every function here does).
double median(std::vector<double> values);
double quantile(std::vector<double> values, double p);

// The median absolute deviation from the median (unscaled).
double median_absolute_deviation(const std::vector<double>& values);

// The spread a modified z-score divides by, and which one it is.
struct RobustSpread {
    double median = 0;
    double mad = 0;  // median absolute deviation
    double iqr = 0;  // interquartile range, type 7
    // The modified z-score of x (Iglewicz and Hoaglin): 0.6745 x (x - median)
    // / MAD; where MAD is 0 (more than half the values equal), IQR / 2 in
    // place of MAD, since for a normal distribution MAD = IQR / 2 (both
    // 0.6745 sigma). nullopt when IQR is 0 as well: the group has no spread
    // to measure a distance with.
    std::optional<double> z(double x) const;
    bool uses_iqr() const { return mad <= 0; }
};

RobustSpread robust_spread(const std::vector<double>& values);

// The Hidiroglou-Berthelot method for the change of one indicator between two
// periods (Hidiroglou and Berthelot 1986, as Statistics Norway uses it).
struct HbParameters {
    double u = 0.5;   // size weight exponent, 0..1
    double a = 0.05;  // minimum half-width relative to the median effect
    double c = 4;     // width of the acceptance interval
};

// The centred ratio s: 1 - median / ratio below the median ratio,
// ratio / median - 1 at or above it (symmetric around 0).
double hb_centred_ratio(double ratio, double median_ratio);

// The effect E = s x size^U of a ratio current / previous, where `size` is
// the larger of the submitter's sizes in the two years. For a count the size
// is the value itself; a share is weighed by its denominator.
double hb_effect(double ratio, double median_ratio, double size, double u);

// The acceptance interval of the effects of a group:
// [E_M - C x max(E_M - E_Q1, F), E_M + C x max(E_Q3 - E_M, F)] with the
// floor F = A x max(|E_M|, S_M^U), S_M the median of the sizes the effects
// were weighed with. |A x E_M| alone is the textbook floor, but the effects
// are centred, so E_M is near 0 and the floor with it; where most submitters
// report the same value both years the quartiles of the effects are 0 too
// and the interval would have width 0, flagging every change. A x S_M^U is
// the effect of a centred ratio A for a submitter of median size: with the
// defaults such a submitter may move C x A = 20 % off the median ratio.
struct HbBounds {
    double median_effect = 0;
    double lower = 0;
    double upper = 0;
};

HbBounds hb_bounds(const std::vector<double>& effects, const std::vector<double>& sizes,
                   const HbParameters& parameters);

}  // namespace lmacheck::rules::plausibility
