// financing.valid-for-year (the financing plugin).
#include "financing_rules.hpp"
#include "rule_harness.hpp"

#include <gtest/gtest.h>

namespace {

using namespace lmacheck::ruletest;
using lmacheck::rules::financing::make_valid_for_year_rule;

// A valid institution of `year` whose second record has `financing`.
json with_stream(int year, const std::string& financing) {
    json document = valid_institution(year);
    document["capacity"][1]["financing"] = financing;
    return document;
}

TEST(FinancingValidForYear, SilentOnTheStreamsOfTheYear) {
    EXPECT_EQ(hits(run(make_valid_for_year_rule(), valid_institution(2014))), Hits{});
    EXPECT_EQ(hits(run(make_valid_for_year_rule(), valid_institution(2015))), Hits{});
}

TEST(FinancingValidForYear, AwbzIsValidUpTo2014) {
    const auto rule = make_valid_for_year_rule();
    EXPECT_EQ(hits(run(rule, with_stream(2008, "awbz_b"))), Hits{});
    EXPECT_EQ(hits(run(rule, with_stream(2014, "awbz_b"))), Hits{});
    EXPECT_EQ(hits(run(rule, with_stream(2014, "awbz_c"))), Hits{});

    const auto reports = run(rule, with_stream(2015, "awbz_b"));
    ASSERT_EQ(hits(reports), (Hits{{"/capacity/1/financing", "awbz-ended"}}));
    EXPECT_EQ(reports[0].arg("financing"), "awbz_b");
    EXPECT_EQ(reports[0].arg("last_year"), json(2014));
    EXPECT_EQ(reports[0].arg("year"), json(2015));
    EXPECT_EQ(reports[0].expected, (json{"zvw", "wlz", "wmo_bw"}));
    EXPECT_EQ(reports[0].actual, json("awbz_b"));

    EXPECT_EQ(hits(run(rule, with_stream(2015, "awbz_c"))), (Hits{{"/capacity/1/financing", "awbz-ended"}}));
}

TEST(FinancingValidForYear, WlzAndWmoAreValidFrom2015) {
    const auto rule = make_valid_for_year_rule();
    EXPECT_EQ(hits(run(rule, with_stream(2015, "wlz"))), Hits{});
    EXPECT_EQ(hits(run(rule, with_stream(2015, "wmo_bw"))), Hits{});
    EXPECT_EQ(hits(run(rule, with_stream(2035, "wlz"))), Hits{});

    const auto reports = run(rule, with_stream(2014, "wlz"));
    ASSERT_EQ(hits(reports), (Hits{{"/capacity/1/financing", "not-yet-introduced"}}));
    EXPECT_EQ(reports[0].arg("first_year"), json(2015));
    EXPECT_EQ(reports[0].arg("year"), json(2014));
    EXPECT_EQ(reports[0].expected, (json{"zvw", "awbz_b", "awbz_c"}));
    EXPECT_EQ(reports[0].actual, json("wlz"));

    EXPECT_EQ(hits(run(rule, with_stream(2014, "wmo_bw"))), (Hits{{"/capacity/1/financing", "not-yet-introduced"}}));
}

TEST(FinancingValidForYear, ZvwIsValidInEveryYear) {
    const auto rule = make_valid_for_year_rule();
    for (int year : {2008, 2014, 2015, 2035}) EXPECT_EQ(hits(run(rule, with_stream(year, "zvw"))), Hits{}) << year;
}

TEST(FinancingValidForYear, OneFindingPerRecord) {
    json document = valid_institution(2016);
    document["capacity"][0]["financing"] = "awbz_b";
    document["capacity"][2]["financing"] = "awbz_c";
    EXPECT_EQ(hits(run(make_valid_for_year_rule(), document)),
              (Hits{{"/capacity/0/financing", "awbz-ended"}, {"/capacity/2/financing", "awbz-ended"}}));
}

TEST(FinancingValidForYear, TheTotalsKeysGiveNoExtraFinding) {
    json document = valid_institution(2016);
    document["capacity_totals"]["awbz_b"] = {{"beds_year_end", 1}, {"bed_days", 1}, {"places", 0}, {"clients", 1}};
    EXPECT_EQ(hits(run(make_valid_for_year_rule(), document)), Hits{});
}

TEST(FinancingValidForYear, TheLastAwbzYearIsAnOption) {
    const auto rule = make_valid_for_year_rule();
    const json overrides = {{"awbz_last_year", 2015}};
    json awbz = valid_institution(2014);  // awbz_b and awbz_c records
    awbz["reporting_year"] = 2015;
    EXPECT_EQ(run(rule, awbz).size(), 2u);
    EXPECT_EQ(hits(run(rule, awbz, overrides)), Hits{});
    awbz["reporting_year"] = 2016;
    EXPECT_EQ(hits(run(rule, awbz, overrides)),
              (Hits{{"/capacity/1/financing", "awbz-ended"}, {"/capacity/2/financing", "awbz-ended"}}));

    const json successors = valid_institution(2015);  // wlz and wmo_bw records
    EXPECT_EQ(hits(run(rule, successors)), Hits{});
    const auto reports = run(rule, successors, overrides);
    ASSERT_EQ(hits(reports),
              (Hits{{"/capacity/1/financing", "not-yet-introduced"}, {"/capacity/2/financing", "not-yet-introduced"}}));
    EXPECT_EQ(reports[0].arg("first_year"), json(2016));
}

}  // namespace
