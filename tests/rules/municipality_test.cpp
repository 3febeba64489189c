// municipality.* rules (the municipality plugin).
#include "municipality_rules.hpp"
#include "rule_harness.hpp"

#include <gtest/gtest.h>

namespace {

using namespace lmacheck::ruletest;
namespace municipality = lmacheck::rules::municipality;

json without_sheltered_housing(const std::string& code, bool central) {
    json document = valid_municipality();
    document["submitter"]["municipality_code"] = code;
    document["submitter"]["central_municipality"] = central;
    document.erase("sheltered_housing");
    return document;
}

json with_sheltered_housing(double places, long long clients, double budget_eur) {
    json document = valid_municipality();
    document["sheltered_housing"]["places"] = places;
    document["sheltered_housing"]["clients"] = clients;
    document["sheltered_housing"]["budget_eur"] = budget_eur;
    return document;
}

// --- municipality.sheltered-housing-required -------------------------------

TEST(MunicipalityShelteredHousingRequired, SilentWhenReported) {
    EXPECT_EQ(hits(run(municipality::make_sheltered_housing_required_rule(), valid_municipality())), Hits{});
}

TEST(MunicipalityShelteredHousingRequired, ReportsACentralMunicipalityWithoutIt) {
    const auto reports =
        run(municipality::make_sheltered_housing_required_rule(), without_sheltered_housing("GM0363", true));
    ASSERT_EQ(hits(reports), (Hits{{"", "missing-by-reference"}}));
    EXPECT_EQ(reports[0].arg("name"), "Amsterdam");
    EXPECT_EQ(reports[0].arg("code"), "GM0363");
    EXPECT_EQ(reports[0].arg("year"), json(2017));
    EXPECT_EQ(reports[0].expected, json("present"));
    EXPECT_EQ(reports[0].actual, json("absent"));
}

TEST(MunicipalityShelteredHousingRequired, TheReferenceListDecidesForAKnownCode) {
    const auto rule = municipality::make_sheltered_housing_required_rule();
    // 's-Hertogenbosch is central even if it says otherwise
    // (reference.central-municipality reports the wrong flag).
    EXPECT_EQ(hits(run(rule, without_sheltered_housing("GM0796", false))), (Hits{{"", "missing-by-reference"}}));
    // Amstelveen is not central even if it says so.
    EXPECT_EQ(hits(run(rule, without_sheltered_housing("GM0362", true))), Hits{});
    EXPECT_EQ(hits(run(rule, without_sheltered_housing("GM0362", false))), Hits{});
}

TEST(MunicipalityShelteredHousingRequired, TheSubmittersClaimDecidesForAnUnknownCode) {
    const auto rule = municipality::make_sheltered_housing_required_rule();
    const auto reports = run(rule, without_sheltered_housing("GM9999", true));
    ASSERT_EQ(hits(reports), (Hits{{"", "missing-by-claim"}}));
    EXPECT_EQ(reports[0].arg("code"), "GM9999");
    EXPECT_EQ(hits(run(rule, without_sheltered_housing("GM9999", false))), Hits{});
}

// --- municipality.budget-per-place -----------------------------------------

TEST(MunicipalityBudgetPerPlace, SilentWithinRange) {
    EXPECT_EQ(hits(run(municipality::make_budget_per_place_rule(), valid_municipality())), Hits{});
}

TEST(MunicipalityBudgetPerPlace, ReportsBudgetBelowTheMinimum) {
    const auto reports =
        run(municipality::make_budget_per_place_rule(), with_sheltered_housing(1000, 1500, 10'000'000));
    ASSERT_EQ(hits(reports), (Hits{{"/sheltered_housing/budget_eur", "budget-per-place-below-min"}}));
    EXPECT_EQ(reports[0].expected, json(">= 20000.0"));
    EXPECT_DOUBLE_EQ(reports[0].actual->get<double>(), 10000.0);
    EXPECT_EQ(reports[0].arg("min"), json(20000.0));
    EXPECT_DOUBLE_EQ(reports[0].arg("budget_eur").get<double>(), 10'000'000.0);
}

TEST(MunicipalityBudgetPerPlace, ReportsBudgetAboveTheMaximum) {
    const auto reports = run(municipality::make_budget_per_place_rule(), with_sheltered_housing(100, 150, 20'000'000));
    ASSERT_EQ(hits(reports), (Hits{{"/sheltered_housing/budget_eur", "budget-per-place-above-max"}}));
    EXPECT_EQ(reports[0].expected, json("<= 150000.0"));
    EXPECT_DOUBLE_EQ(reports[0].actual->get<double>(), 200000.0);
}

TEST(MunicipalityBudgetPerPlace, BoundsAreInclusive) {
    const auto rule = municipality::make_budget_per_place_rule();
    EXPECT_EQ(hits(run(rule, with_sheltered_housing(1000, 1500, 20'000'000))), Hits{});
    EXPECT_EQ(hits(run(rule, with_sheltered_housing(1000, 1500, 150'000'000))), Hits{});
    EXPECT_EQ(hits(run(rule, with_sheltered_housing(3, 3, 60'000.0))), Hits{});  // exactly 20000 per place
    EXPECT_EQ(hits(run(rule, with_sheltered_housing(1000, 1500, 19'999'999))),
              (Hits{{"/sheltered_housing/budget_eur", "budget-per-place-below-min"}}));
    EXPECT_EQ(hits(run(rule, with_sheltered_housing(1000, 1500, 150'000'001))),
              (Hits{{"/sheltered_housing/budget_eur", "budget-per-place-above-max"}}));
}

TEST(MunicipalityBudgetPerPlace, SkippedWithoutPlacesOrWithoutShelteredHousing) {
    const auto rule = municipality::make_budget_per_place_rule();
    EXPECT_EQ(hits(run(rule, with_sheltered_housing(0, 10, 1'000'000))), Hits{});
    EXPECT_EQ(hits(run(rule, without_sheltered_housing("GM0363", true))), Hits{});
}

TEST(MunicipalityBudgetPerPlace, BoundsAreOptions) {
    const auto rule = municipality::make_budget_per_place_rule();
    const json document = with_sheltered_housing(1000, 1500, 10'000'000);
    EXPECT_EQ(hits(run(rule, document, {{"min_eur", 10000}})), Hits{});
    EXPECT_EQ(hits(run(rule, valid_municipality(), {{"max_eur", 50000}})),
              (Hits{{"/sheltered_housing/budget_eur", "budget-per-place-above-max"}}));
}

// --- municipality.clients-per-place ----------------------------------------

TEST(MunicipalityClientsPerPlace, SilentWithinRange) {
    EXPECT_EQ(hits(run(municipality::make_clients_per_place_rule(), valid_municipality())), Hits{});
}

TEST(MunicipalityClientsPerPlace, ReportsRatiosOutsideTheRange) {
    const auto rule = municipality::make_clients_per_place_rule();
    auto reports = run(rule, with_sheltered_housing(1000, 400, 60'000'000));
    ASSERT_EQ(hits(reports), (Hits{{"/sheltered_housing/clients", "clients-per-place-below-min"}}));
    EXPECT_EQ(reports[0].expected, json(">= 0.5"));
    EXPECT_DOUBLE_EQ(reports[0].actual->get<double>(), 0.4);
    EXPECT_EQ(reports[0].arg("clients"), json(400));

    reports = run(rule, with_sheltered_housing(1000, 3500, 60'000'000));
    ASSERT_EQ(hits(reports), (Hits{{"/sheltered_housing/clients", "clients-per-place-above-max"}}));
    EXPECT_EQ(reports[0].expected, json("<= 3.0"));
    EXPECT_DOUBLE_EQ(reports[0].actual->get<double>(), 3.5);
}

TEST(MunicipalityClientsPerPlace, BoundsAreInclusive) {
    const auto rule = municipality::make_clients_per_place_rule();
    EXPECT_EQ(hits(run(rule, with_sheltered_housing(1000, 500, 60'000'000))), Hits{});
    EXPECT_EQ(hits(run(rule, with_sheltered_housing(1000, 3000, 60'000'000))), Hits{});
    EXPECT_EQ(hits(run(rule, with_sheltered_housing(0.3, 0, 60'000))),
              (Hits{{"/sheltered_housing/clients", "clients-per-place-below-min"}}));
    EXPECT_EQ(hits(run(rule, with_sheltered_housing(1000, 499, 60'000'000))),
              (Hits{{"/sheltered_housing/clients", "clients-per-place-below-min"}}));
    EXPECT_EQ(hits(run(rule, with_sheltered_housing(1000, 3001, 60'000'000))),
              (Hits{{"/sheltered_housing/clients", "clients-per-place-above-max"}}));
}

TEST(MunicipalityClientsPerPlace, SkippedWithoutPlacesOrWithoutShelteredHousing) {
    const auto rule = municipality::make_clients_per_place_rule();
    EXPECT_EQ(hits(run(rule, with_sheltered_housing(0, 10, 0))), Hits{});
    EXPECT_EQ(hits(run(rule, without_sheltered_housing("GM0363", true))), Hits{});
}

TEST(MunicipalityClientsPerPlace, BoundsAreOptions) {
    const auto rule = municipality::make_clients_per_place_rule();
    const json document = with_sheltered_housing(1000, 3500, 60'000'000);
    EXPECT_EQ(hits(run(rule, document, {{"max", 4.0}})), Hits{});
    EXPECT_EQ(hits(run(rule, valid_municipality(), {{"min", 2.0}})),
              (Hits{{"/sheltered_housing/clients", "clients-per-place-below-min"}}));
}

}  // namespace
