// The statistics of the plausibility rules against values computed by hand
// (each expectation's arithmetic is in its comment).
#include "statistics.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace {

using namespace lmacheck::rules::plausibility;

TEST(PlausibilityStatistics, MedianOfOddAndEvenCounts) {
    EXPECT_DOUBLE_EQ(median({3, 1, 2}), 2);
    EXPECT_DOUBLE_EQ(median({4, 1, 3, 2}), 2.5);  // (2 + 3) / 2
    EXPECT_DOUBLE_EQ(median({7}), 7);
}

TEST(PlausibilityStatistics, QuantilesInterpolateAsRType7) {
    // sorted 1 2 3 4: Q1 at position 3 x 0.25 = 0.75 -> 1 + 0.75 x (2 - 1)
    EXPECT_DOUBLE_EQ(quantile({4, 3, 2, 1}, 0.25), 1.75);
    EXPECT_DOUBLE_EQ(quantile({4, 3, 2, 1}, 0.75), 3.25);  // position 2.25 -> 3 + 0.25 x 1
    EXPECT_DOUBLE_EQ(quantile({4, 3, 2, 1}, 0), 1);
    EXPECT_DOUBLE_EQ(quantile({4, 3, 2, 1}, 1), 4);
}

TEST(PlausibilityStatistics, NoValuesIsAnError) {
    EXPECT_THROW(median({}), std::invalid_argument);
    EXPECT_THROW(robust_spread({}), std::invalid_argument);
}

TEST(PlausibilityStatistics, ModifiedZScoreWithMad) {
    // 1 2 3 4 100: median 3, deviations 2 1 0 1 97 -> MAD 1
    const RobustSpread spread = robust_spread({1, 2, 3, 4, 100});
    EXPECT_DOUBLE_EQ(spread.median, 3);
    EXPECT_DOUBLE_EQ(spread.mad, 1);
    EXPECT_DOUBLE_EQ(spread.iqr, 2);  // Q1 = 2 (position 1), Q3 = 4 (position 3)
    EXPECT_FALSE(spread.uses_iqr());
    EXPECT_NEAR(*spread.z(100), 65.4265, 1e-9);  // 0.6745 x 97 / 1
    EXPECT_NEAR(*spread.z(1), -1.349, 1e-9);     // 0.6745 x -2 / 1
}

TEST(PlausibilityStatistics, ModifiedZScoreFallsBackOnIqrWhereMadIsZero) {
    // 1 3 3 3: median 3, deviations 2 0 0 0 -> MAD 0;
    // Q1 at position 0.75 = 1 + 0.75 x 2 = 2.5, Q3 at 2.25 = 3: IQR 0.5,
    // so the scale is IQR / 2 = 0.25 and z(1) = 0.6745 x -2 / 0.25 = -5.396
    const RobustSpread spread = robust_spread({1, 3, 3, 3});
    EXPECT_DOUBLE_EQ(spread.mad, 0);
    EXPECT_DOUBLE_EQ(spread.iqr, 0.5);
    EXPECT_TRUE(spread.uses_iqr());
    EXPECT_NEAR(*spread.z(1), -5.396, 1e-9);
    EXPECT_NEAR(*spread.z(3), 0, 1e-12);
}

TEST(PlausibilityStatistics, NoSpreadGivesNoScore) {
    // 5 5 5 5 9: MAD 0 and Q1 = Q3 = 5
    const RobustSpread spread = robust_spread({5, 5, 5, 5, 9});
    EXPECT_FALSE(spread.z(9).has_value());
}

TEST(PlausibilityStatistics, CentredRatioIsSymmetric) {
    EXPECT_DOUBLE_EQ(hb_centred_ratio(2, 1), 1);     // 2 / 1 - 1
    EXPECT_DOUBLE_EQ(hb_centred_ratio(0.5, 1), -1);  // 1 - 1 / 0.5
    EXPECT_DOUBLE_EQ(hb_centred_ratio(1, 1), 0);
    EXPECT_DOUBLE_EQ(hb_centred_ratio(1.5, 1.2), 0.25);  // 1.5 / 1.2 - 1
    EXPECT_DOUBLE_EQ(hb_centred_ratio(1, 1.25), -0.25);  // 1 - 1.25 / 1
    EXPECT_THROW(hb_centred_ratio(0, 1), std::invalid_argument);
}

TEST(PlausibilityStatistics, EffectIsTheCentredRatioWeighedBySize) {
    EXPECT_NEAR(hb_effect(2, 1, 200, 0.5), 14.142135623730951, 1e-12);  // 1 x sqrt(200)
    EXPECT_DOUBLE_EQ(hb_effect(0.5, 1, 100, 0.5), -10);                  // -1 x sqrt(100)
    EXPECT_DOUBLE_EQ(hb_effect(2, 1, 200, 0), 1);                        // U 0: no weight
    EXPECT_DOUBLE_EQ(hb_effect(2, 1, 8, 1), 8);                          // U 1: 1 x 8
    // a share of 0.1 -> 0.2 weighed by a denominator of 6400, not by itself
    EXPECT_DOUBLE_EQ(hb_effect(2, 1, 6400, 0.5), 80);
    EXPECT_THROW(hb_effect(0, 1, 8, 0.5), std::invalid_argument);
    EXPECT_THROW(hb_effect(2, 1, -1, 0.5), std::invalid_argument);
}

TEST(PlausibilityStatistics, BoundsFromQuartilesOfTheEffects) {
    // -2 -1 0 1 2: E_M 0, Q1 -1, Q3 1, |A x E_M| 0 -> [0 - 4 x 1, 0 + 4 x 1]
    const std::vector<double> unit_sizes(5, 1.0);  // S_M^U = 1: the size floor A x 1 is below every width here
    const HbBounds wide = hb_bounds({2, -1, 0, 1, -2}, unit_sizes, HbParameters{0.5, 0.05, 4});
    EXPECT_DOUBLE_EQ(wide.median_effect, 0);
    EXPECT_DOUBLE_EQ(wide.lower, -4);
    EXPECT_DOUBLE_EQ(wide.upper, 4);
    // 10 10 10 10 11: quartiles equal the median, so |A x E_M| = 0.5 sets
    // the width: [10 - 4 x 0.5, 10 + 4 x 0.5]
    const HbBounds narrow = hb_bounds({10, 10, 10, 10, 11}, unit_sizes, HbParameters{0.5, 0.05, 4});
    EXPECT_DOUBLE_EQ(narrow.lower, 8);
    EXPECT_DOUBLE_EQ(narrow.upper, 12);
    // skewed: 0 1 2 3 10 -> E_M 2, Q1 1, Q3 3: [2 - 3 x 1, 2 + 3 x 1] with C 3
    const HbBounds skewed = hb_bounds({0, 1, 2, 3, 10}, unit_sizes, HbParameters{0.5, 0.05, 3});
    EXPECT_DOUBLE_EQ(skewed.lower, -1);
    EXPECT_DOUBLE_EQ(skewed.upper, 5);
}

// Most submitters unchanged: the effects' median and quartiles are all 0, and
// so is |A x E_M|. The floor A x S_M^U keeps the interval open: sizes with
// median 400, U 0.5 -> 0.05 x 20 = 1 on each side, times C 4.
TEST(PlausibilityStatistics, BoundsNeverCollapseToZeroWidth) {
    const std::vector<double> effects{0, 0, 0, 0, 0, 0, 0, 0, 0.5, -0.5, 7};
    const std::vector<double> sizes{100, 400, 400, 400, 400, 400, 900, 900, 900, 900, 900};
    const HbBounds bounds = hb_bounds(effects, sizes, HbParameters{0.5, 0.05, 4});
    EXPECT_DOUBLE_EQ(bounds.median_effect, 0);
    EXPECT_DOUBLE_EQ(bounds.lower, -4);
    EXPECT_DOUBLE_EQ(bounds.upper, 4);
    // U 0: the floor is A itself, a centred ratio
    const HbBounds unweighted = hb_bounds(effects, sizes, HbParameters{0, 0.05, 4});
    EXPECT_DOUBLE_EQ(unweighted.upper, 0.2);
    // a median effect far from 0 keeps the textbook floor |A x E_M|
    const HbBounds far = hb_bounds({100, 100, 100}, {1, 1, 1}, HbParameters{0.5, 0.05, 4});
    EXPECT_DOUBLE_EQ(far.lower, 80);
    EXPECT_DOUBLE_EQ(far.upper, 120);
}

}  // namespace
