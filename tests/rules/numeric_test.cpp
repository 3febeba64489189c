// The numeric conventions every rule shares (lmacheck/numeric.hpp).
#include "lmacheck/numeric.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <stdexcept>

namespace {

using nlohmann::json;
using namespace lmacheck;

TEST(Numeric, ToleranceIsInclusiveDespiteBinaryRounding) {
    EXPECT_TRUE(within_tolerance(10.05, 10.0, 0.05));  // |10.05 - 10| is 0.0500000000000007
    EXPECT_TRUE(within_tolerance(9.95, 10.0, 0.05));
    EXPECT_FALSE(within_tolerance(10.0501, 10.0, 0.05));
    EXPECT_TRUE(within_tolerance(3.0, 3.0, 0.0));
    EXPECT_FALSE(within_tolerance(3.00001, 3.0, 0.0));
}

// Exactly at tolerance + 1e-9 passes, a hair beyond fails; the same on both sides.
TEST(Numeric, ToleranceBoundaryIsTheSlack) {
    EXPECT_EQ(slack, 1e-9);
    EXPECT_TRUE(within_tolerance(100.0 + 0.5e-9, 100.0, 0.0));
    EXPECT_FALSE(within_tolerance(100.0 + 2e-9, 100.0, 0.0));
    EXPECT_TRUE(within_tolerance(100.0 - 0.5e-9, 100.0, 0.0));
    EXPECT_FALSE(within_tolerance(100.0 - 2e-9, 100.0, 0.0));
    EXPECT_FALSE(within_tolerance(std::numeric_limits<double>::quiet_NaN(), 1.0, 0.05));
}

TEST(Numeric, CountsReadIntegersAndIntegralDoublesExactly) {
    EXPECT_EQ(count(json(12)), 12);
    EXPECT_EQ(count(json(12u)), 12);
    EXPECT_EQ(count(json(12.0)), 12);
    EXPECT_EQ(count(json(9007199254740993ull)), 9007199254740993LL);  // beyond a double's 53 bits
    EXPECT_THROW(count(json(std::numeric_limits<std::uint64_t>::max())), std::out_of_range);
    EXPECT_THROW(count(json(1e300)), std::out_of_range);
}

// The largest count that fits is read; one beyond, in either representation, is refused.
TEST(Numeric, CountLimitsAreSixtyFourBits) {
    constexpr long long largest = std::numeric_limits<long long>::max();
    EXPECT_EQ(count(json(largest)), largest);
    EXPECT_EQ(count(json(static_cast<std::uint64_t>(largest))), largest);
    EXPECT_THROW(count(json(static_cast<std::uint64_t>(largest) + 1)), std::out_of_range);
    EXPECT_EQ(count(json(std::numeric_limits<long long>::min())), std::numeric_limits<long long>::min());
    EXPECT_EQ(count(json(-12.0)), -12);
    EXPECT_EQ(count(json(9.1e18)), 9100000000000000000LL);
    EXPECT_THROW(count(json(9.3e18)), std::out_of_range);
    EXPECT_THROW(count(json(-9.3e18)), std::out_of_range);
    EXPECT_THROW(count(json(std::numeric_limits<double>::quiet_NaN())), std::out_of_range);
}

TEST(Numeric, SumsOfCountsDoNotWrap) {
    EXPECT_EQ(add_counts(2, 3), 5);
    EXPECT_THROW(add_counts(std::numeric_limits<long long>::max(), 1), std::overflow_error);
    EXPECT_EQ(add_counts(std::numeric_limits<long long>::max() - 1, 1), std::numeric_limits<long long>::max());
    EXPECT_THROW(add_counts(std::numeric_limits<long long>::min(), -1), std::overflow_error);
}

TEST(Numeric, BoundsReadAsJsonNumbers) {
    EXPECT_EQ(bound("<=", 1.0), "<= 1.0");
    EXPECT_EQ(bound(">=", 0.5), ">= 0.5");
    EXPECT_EQ(bound("<=", 210LL), "<= 210");
}

class Recorder final : public lmacheck::Reporter {
public:
    void report(std::string path, std::string_view message_id, const lmacheck::MessageArgs& args,
                std::optional<json> expected, std::optional<json> actual) override {
        last = {{"path", path}, {"id", message_id}, {"expected", *expected}, {"actual", *actual}};
        for (const auto& [name, value] : args) last["args"][name] = value;
        ++calls;
    }
    json last;
    int calls = 0;
};

TEST(Numeric, RangeReportsEachSideWithItsBound) {
    const Range range{0.5, 1.0, "below", "above"};
    Recorder recorder;
    range.check(recorder, "/x", 0.5 - 1e-10, {{"value", 0.5}});
    range.check(recorder, "/x", 1.0 + 1e-10, {{"value", 1.0}});
    EXPECT_EQ(recorder.calls, 0);

    range.check(recorder, "/x", 1.25, {{"value", 1.25}});
    EXPECT_EQ(recorder.last, (json{{"path", "/x"},
                                   {"id", "above"},
                                   {"expected", "<= 1.0"},
                                   {"actual", 1.25},
                                   {"args", {{"value", 1.25}, {"max", 1.0}}}}));
    range.check(recorder, "/y", 0.25, {{"value", 0.25}});
    EXPECT_EQ(recorder.last, (json{{"path", "/y"},
                                   {"id", "below"},
                                   {"expected", ">= 0.5"},
                                   {"actual", 0.25},
                                   {"args", {{"value", 0.25}, {"min", 0.5}}}}));
    EXPECT_EQ(recorder.calls, 2);
}

// A range of one value is allowed; crossed bounds are refused when the rule set loads.
TEST(Numeric, RangeBoundsMayMeetButNotCross) {
    const Range point{1.0, 1.0, "below", "above"};
    Recorder recorder;
    point.check(recorder, "/x", 1.0, {});
    point.check(recorder, "/x", 1.0 + 0.5e-9, {});
    point.check(recorder, "/x", 1.0 - 0.5e-9, {});
    EXPECT_EQ(recorder.calls, 0);
    point.check(recorder, "/x", 1.0 + 2e-9, {});
    EXPECT_EQ(recorder.calls, 1);
    EXPECT_THROW((Range{1.0, 0.5, "below", "above"}), std::invalid_argument);
}

}  // namespace
