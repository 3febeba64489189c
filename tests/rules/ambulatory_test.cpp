// dbc.category-sum and ambulatory.basis-ggz-from-2014 (the ambulatory plugin).
#include "ambulatory_rules.hpp"
#include "rule_harness.hpp"

#include <gtest/gtest.h>

namespace {

using namespace lmacheck::ruletest;
using lmacheck::rules::ambulatory::make_basis_ggz_from_2014_rule;
using lmacheck::rules::ambulatory::make_dbc_category_sum_rule;

json& dbc(json& document) {
    return document["ambulatory"]["dbc_trajectories"];
}

// --- dbc.category-sum ------------------------------------------------------

TEST(DbcCategorySum, SilentWhenEverythingAddsUp) {
    EXPECT_EQ(hits(run(make_dbc_category_sum_rule(), valid_institution())), Hits{});
}

TEST(DbcCategorySum, AllZeroAddsUp) {
    json document = valid_institution();
    for (auto& [name, value] : dbc(document)["minute_categories"].items()) value = 0;
    for (auto& [name, value] : dbc(document)["subtotals"].items()) value = 0;
    dbc(document)["total"] = 0;
    EXPECT_EQ(hits(run(make_dbc_category_sum_rule(), document)), Hits{});
}

TEST(DbcCategorySum, AWrongFineCategoryGivesTheSubtotalsFindingOnly) {
    json document = valid_institution();
    dbc(document)["minute_categories"]["min_250_799"] = 201;
    const auto reports = run(make_dbc_category_sum_rule(), document);
    ASSERT_EQ(hits(reports), (Hits{{"/ambulatory/dbc_trajectories/subtotals/min_0_1799", "subtotal-mismatch"}}));
    EXPECT_EQ(reports[0].expected, json(601));
    EXPECT_EQ(reports[0].actual, json(600));
    EXPECT_EQ(reports[0].arg("category"), "min_0_1799");
    EXPECT_EQ(reports[0].arg("categories"), "min_0_249 + min_250_799 + min_800_1799");
    EXPECT_EQ(reports[0].arg("sum"), json(601));
}

TEST(DbcCategorySum, EachCoarseCategoryHasItsOwnFineCategories) {
    json document = valid_institution();
    dbc(document)["minute_categories"]["min_3000_5999"] = 101;
    dbc(document)["minute_categories"]["min_28000_plus"] = 6;
    EXPECT_EQ(hits(run(make_dbc_category_sum_rule(), document)),
              (Hits{{"/ambulatory/dbc_trajectories/subtotals/min_1800_5999", "subtotal-mismatch"},
                    {"/ambulatory/dbc_trajectories/subtotals/min_6000_plus", "subtotal-mismatch"}}));
}

TEST(DbcCategorySum, AWrongSubtotalGivesTwoFindings) {
    json document = valid_institution();
    dbc(document)["subtotals"]["min_1800_5999"] = 251;  // the total 935 was computed from the right 250
    const auto reports = run(make_dbc_category_sum_rule(), document);
    ASSERT_EQ(hits(reports), (Hits{{"/ambulatory/dbc_trajectories/subtotals/min_1800_5999", "subtotal-mismatch"},
                                   {"/ambulatory/dbc_trajectories/total", "total-mismatch"}}));
    EXPECT_EQ(reports[0].expected, json(250));
    EXPECT_EQ(reports[0].actual, json(251));
    EXPECT_EQ(reports[1].expected, json(936));  // the sum of the reported subtotals
    EXPECT_EQ(reports[1].actual, json(935));
}

TEST(DbcCategorySum, TheTotalIsComparedWithTheReportedSubtotals) {
    json document = valid_institution();
    dbc(document)["subtotals"]["min_1800_5999"] = 251;
    dbc(document)["total"] = 936;
    EXPECT_EQ(hits(run(make_dbc_category_sum_rule(), document)),
              (Hits{{"/ambulatory/dbc_trajectories/subtotals/min_1800_5999", "subtotal-mismatch"}}));
}

TEST(DbcCategorySum, AWrongTotalAlone) {
    json document = valid_institution();
    dbc(document)["total"] = 900;
    const auto reports = run(make_dbc_category_sum_rule(), document);
    ASSERT_EQ(hits(reports), (Hits{{"/ambulatory/dbc_trajectories/total", "total-mismatch"}}));
    EXPECT_EQ(reports[0].expected, json(935));
    EXPECT_EQ(reports[0].actual, json(900));
    EXPECT_EQ(reports[0].arg("reported"), json(900));
    EXPECT_EQ(reports[0].arg("sum"), json(935));
}

// --- ambulatory.basis-ggz-from-2014 ----------------------------------------

TEST(AmbulatoryBasisGgzFrom2014, SilentFrom2014) {
    json document = valid_institution(2014);
    ASSERT_EQ(document["ambulatory"]["basis_ggz_trajectories"], 400);
    EXPECT_EQ(hits(run(make_basis_ggz_from_2014_rule(), document)), Hits{});
}

TEST(AmbulatoryBasisGgzFrom2014, ReportsTrajectoriesIn2013) {
    json document = valid_institution(2013);
    document["ambulatory"]["basis_ggz_trajectories"] = 400;
    const auto reports = run(make_basis_ggz_from_2014_rule(), document);
    ASSERT_EQ(hits(reports), (Hits{{"/ambulatory/basis_ggz_trajectories", "before-first-year"}}));
    EXPECT_EQ(reports[0].expected, json(0));
    EXPECT_EQ(reports[0].actual, json(400));
    EXPECT_EQ(reports[0].arg("trajectories"), json(400));
    EXPECT_EQ(reports[0].arg("year"), json(2013));
    EXPECT_EQ(reports[0].arg("first_year"), json(2014));
}

TEST(AmbulatoryBasisGgzFrom2014, AbsentOrZeroBefore2014IsValid) {
    json document = valid_institution(2013);
    ASSERT_FALSE(document["ambulatory"].contains("basis_ggz_trajectories"));
    EXPECT_EQ(hits(run(make_basis_ggz_from_2014_rule(), document)), Hits{});
    document["ambulatory"]["basis_ggz_trajectories"] = 0;
    EXPECT_EQ(hits(run(make_basis_ggz_from_2014_rule(), document)), Hits{});
    document["reporting_year"] = 2008;
    document["ambulatory"]["basis_ggz_trajectories"] = 1;
    EXPECT_EQ(hits(run(make_basis_ggz_from_2014_rule(), document)),
              (Hits{{"/ambulatory/basis_ggz_trajectories", "before-first-year"}}));
}

TEST(AmbulatoryBasisGgzFrom2014, TheFirstYearIsAnOption) {
    const auto rule = make_basis_ggz_from_2014_rule();
    json document = valid_institution(2014);
    EXPECT_EQ(hits(run(rule, document, {{"first_year", 2015}})),
              (Hits{{"/ambulatory/basis_ggz_trajectories", "before-first-year"}}));
    document["reporting_year"] = 2013;
    EXPECT_EQ(hits(run(rule, document, {{"first_year", 2013}})), Hits{});
}

}  // namespace
