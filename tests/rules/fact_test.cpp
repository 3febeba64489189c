// fact.* rules (the FACT plugin).
#include "fact_rules.hpp"
#include "rule_harness.hpp"

#include <gtest/gtest.h>

namespace {

using namespace lmacheck::ruletest;
namespace fact = lmacheck::rules::fact;

json with_fact(long long teams, long long certified, double fte, long long clients) {
    json document = valid_institution();
    document["fact"] = {{"teams", teams}, {"certified_teams", certified}, {"fte", fte}, {"clients", clients}};
    return document;
}

// --- fact.certified-within-teams -------------------------------------------

TEST(FactCertifiedWithinTeams, SilentUpToTheNumberOfTeams) {
    const auto rule = fact::make_certified_within_teams_rule();
    EXPECT_EQ(hits(run(rule, valid_institution())), Hits{});
    EXPECT_EQ(hits(run(rule, with_fact(4, 4, 40, 800))), Hits{});
    EXPECT_EQ(hits(run(rule, with_fact(0, 0, 0, 0))), Hits{});
}

TEST(FactCertifiedWithinTeams, ReportsMoreCertifiedTeamsThanTeams) {
    const auto rule = fact::make_certified_within_teams_rule();
    const auto reports = run(rule, with_fact(4, 5, 40, 800));
    ASSERT_EQ(hits(reports), (Hits{{"/fact/certified_teams", "more-certified-than-teams"}}));
    EXPECT_EQ(reports[0].expected, json("<= 4"));
    EXPECT_EQ(reports[0].actual, json(5));
    EXPECT_EQ(reports[0].arg("teams"), json(4));
    EXPECT_EQ(reports[0].arg("certified_teams"), json(5));
    EXPECT_EQ(hits(run(rule, with_fact(0, 1, 0, 0))), (Hits{{"/fact/certified_teams", "more-certified-than-teams"}}));
}

// --- fact.empty-teams ------------------------------------------------------

TEST(FactEmptyTeams, SilentWithTeamsOrWithNothing) {
    const auto rule = fact::make_empty_teams_rule();
    EXPECT_EQ(hits(run(rule, valid_institution())), Hits{});
    EXPECT_EQ(hits(run(rule, with_fact(0, 0, 0, 0))), Hits{});
    EXPECT_EQ(hits(run(rule, with_fact(1, 0, 0, 0))), Hits{});  // a team without staff is fact.team-size's concern
}

TEST(FactEmptyTeams, OneFindingPerNonZeroField) {
    const auto rule = fact::make_empty_teams_rule();
    auto reports = run(rule, with_fact(0, 0, 2.5, 0));
    ASSERT_EQ(hits(reports), (Hits{{"/fact/fte", "fte-without-teams"}}));
    EXPECT_EQ(reports[0].expected, json(0));
    EXPECT_EQ(reports[0].actual, json(2.5));

    reports = run(rule, with_fact(0, 0, 0, 12));
    ASSERT_EQ(hits(reports), (Hits{{"/fact/clients", "clients-without-teams"}}));
    EXPECT_EQ(reports[0].actual, json(12));
    EXPECT_EQ(reports[0].arg("clients"), json(12));

    EXPECT_EQ(hits(run(rule, with_fact(0, 0, 0.1, 1))),
              (Hits{{"/fact/fte", "fte-without-teams"}, {"/fact/clients", "clients-without-teams"}}));
}

// --- fact.team-size --------------------------------------------------------

TEST(FactTeamSize, SilentWithinRange) {
    EXPECT_EQ(hits(run(fact::make_team_size_rule(), valid_institution())), Hits{});  // 10 fte, 200 clients a team
}

TEST(FactTeamSize, SkippedWithoutTeams) {
    EXPECT_EQ(hits(run(fact::make_team_size_rule(), with_fact(0, 0, 40, 800))), Hits{});
}

TEST(FactTeamSize, ReportsFtePerTeam) {
    const auto rule = fact::make_team_size_rule();
    auto reports = run(rule, with_fact(4, 0, 8, 800));
    ASSERT_EQ(hits(reports), (Hits{{"/fact/fte", "fte-per-team-below-min"}}));
    EXPECT_EQ(reports[0].expected, json(">= 3.0"));
    EXPECT_DOUBLE_EQ(reports[0].actual->get<double>(), 2.0);
    EXPECT_EQ(reports[0].arg("teams"), json(4));
    EXPECT_EQ(reports[0].arg("min"), json(3.0));

    reports = run(rule, with_fact(2, 0, 60, 400));
    ASSERT_EQ(hits(reports), (Hits{{"/fact/fte", "fte-per-team-above-max"}}));
    EXPECT_EQ(reports[0].expected, json("<= 25.0"));
    EXPECT_DOUBLE_EQ(reports[0].actual->get<double>(), 30.0);
}

TEST(FactTeamSize, ReportsClientsPerTeam) {
    const auto rule = fact::make_team_size_rule();
    auto reports = run(rule, with_fact(4, 0, 40, 120));
    ASSERT_EQ(hits(reports), (Hits{{"/fact/clients", "clients-per-team-below-min"}}));
    EXPECT_EQ(reports[0].expected, json(">= 50.0"));
    EXPECT_DOUBLE_EQ(reports[0].actual->get<double>(), 30.0);

    reports = run(rule, with_fact(4, 0, 40, 2000));
    ASSERT_EQ(hits(reports), (Hits{{"/fact/clients", "clients-per-team-above-max"}}));
    EXPECT_EQ(reports[0].expected, json("<= 400.0"));
    EXPECT_DOUBLE_EQ(reports[0].actual->get<double>(), 500.0);
}

TEST(FactTeamSize, BothRatiosAreCheckedIndependently) {
    EXPECT_EQ(hits(run(fact::make_team_size_rule(), with_fact(1, 0, 1, 1000))),
              (Hits{{"/fact/fte", "fte-per-team-below-min"}, {"/fact/clients", "clients-per-team-above-max"}}));
}

TEST(FactTeamSize, BoundsAreInclusive) {
    const auto rule = fact::make_team_size_rule();
    EXPECT_EQ(hits(run(rule, with_fact(4, 0, 12, 200))), Hits{});        // 3 fte, 50 clients
    EXPECT_EQ(hits(run(rule, with_fact(4, 0, 100, 1600))), Hits{});      // 25 fte, 400 clients
    EXPECT_EQ(hits(run(rule, with_fact(3, 0, 9, 150))), Hits{});         // 3 fte, 50 clients
    EXPECT_EQ(hits(run(rule, with_fact(3, 0, 0.9 * 10, 150))), Hits{});  // 0.9 * 10 is 9 only within rounding
    EXPECT_EQ(hits(run(rule, with_fact(4, 0, 11.99, 199))),
              (Hits{{"/fact/fte", "fte-per-team-below-min"}, {"/fact/clients", "clients-per-team-below-min"}}));
    EXPECT_EQ(hits(run(rule, with_fact(4, 0, 100.01, 1601))),
              (Hits{{"/fact/fte", "fte-per-team-above-max"}, {"/fact/clients", "clients-per-team-above-max"}}));
}

TEST(FactTeamSize, BoundsAreOptions) {
    const auto rule = fact::make_team_size_rule();
    const json document = with_fact(4, 0, 8, 120);  // 2 fte, 30 clients a team
    EXPECT_EQ(run(rule, document).size(), 2u);
    EXPECT_EQ(hits(run(rule, document, {{"min_fte_per_team", 2}, {"min_clients_per_team", 30}})), Hits{});
    EXPECT_EQ(hits(run(rule, valid_institution(), {{"max_fte_per_team", 9.5}})),
              (Hits{{"/fact/fte", "fte-per-team-above-max"}}));
    EXPECT_EQ(hits(run(rule, valid_institution(), {{"max_clients_per_team", 150}})),
              (Hits{{"/fact/clients", "clients-per-team-above-max"}}));
}

}  // namespace
