// The numeric conventions every rule shares (plugins/support/rule_support.hpp).
#include "rule_support.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <stdexcept>

namespace {

using nlohmann::json;
using namespace lmacheck::rules;

TEST(RuleSupport, ToleranceIsInclusiveDespiteBinaryRounding) {
    EXPECT_TRUE(within_tolerance(10.05, 10.0, 0.05));  // |10.05 - 10| is 0.0500000000000007
    EXPECT_TRUE(within_tolerance(9.95, 10.0, 0.05));
    EXPECT_FALSE(within_tolerance(10.0501, 10.0, 0.05));
    EXPECT_TRUE(within_tolerance(3.0, 3.0, 0.0));
    EXPECT_FALSE(within_tolerance(3.00001, 3.0, 0.0));
}

TEST(RuleSupport, CountsReadIntegersAndIntegralDoublesExactly) {
    EXPECT_EQ(count(json(12)), 12);
    EXPECT_EQ(count(json(12u)), 12);
    EXPECT_EQ(count(json(12.0)), 12);
    EXPECT_EQ(count(json(9007199254740993ull)), 9007199254740993LL);  // beyond a double's 53 bits
    EXPECT_THROW(count(json(std::numeric_limits<std::uint64_t>::max())), std::out_of_range);
    EXPECT_THROW(count(json(1e300)), std::out_of_range);
}

TEST(RuleSupport, SumsOfCountsDoNotWrap) {
    EXPECT_EQ(add_counts(2, 3), 5);
    EXPECT_THROW(add_counts(std::numeric_limits<long long>::max(), 1), std::overflow_error);
}

TEST(RuleSupport, BoundsReadAsJsonNumbers) {
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

TEST(RuleSupport, RangeReportsEachSideWithItsBound) {
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

}  // namespace
