// history.* rules (the history plugin, level 2): each compares a submission
// with the submitter's previous accepted one, given here directly.
#include "history_rules.hpp"
#include "rule_harness.hpp"

#include "lmacheck/submission.hpp"
#include "support/rule_catalog.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

namespace {

using namespace lmacheck;
using namespace lmacheck::ruletest;
namespace history = lmacheck::rules::history;

// Runs `rule` on `current` with `previous` as the previous accepted
// submission, and checks what every report must satisfy: a declared message
// whose placeholders are the arguments, a path in the document, and the
// previous and current values as expected and actual.
std::vector<Reported> run_against(const std::unique_ptr<Rule>& rule, const json& current, const json& previous,
                                  const json& overrides = json::object()) {
    const auto check = rule->configure(options_for(*rule, overrides));
    const PreviousSubmission was(previous, previous.at("reporting_year").get<int>());
    const Submission submission(current, Kind::institution, current.at("reporting_year").get<int>(), reference(), &was);
    RecordingReporter reporter;
    check->check(submission, reporter);
    for (const Reported& r : reporter.reports) {
        const auto& messages = rule->info().messages;
        const auto message = std::find_if(messages.begin(), messages.end(),
                                          [&](const MessageTemplate& m) { return m.id == r.message_id; });
        if (message == messages.end()) {
            ADD_FAILURE() << "undeclared message " << r.message_id;
            continue;
        }
        std::set<std::string> given;
        for (const auto& [name, value] : r.args) given.insert(name);
        for (const std::string* text : {&message->en, &message->nl}) {
            const auto names = placeholders(*text);
            EXPECT_EQ(std::set<std::string>(names.begin(), names.end()), given) << *text;
        }
        EXPECT_TRUE(current.contains(json::json_pointer(r.path))) << r.path;
        EXPECT_TRUE(r.expected.has_value() && r.actual.has_value()) << r.message_id;
    }
    return std::move(reporter.reports);
}

// Sets a stream's total places (the rules read the totals only).
json with_places(json document, const std::string& stream, double places) {
    document["capacity_totals"][stream]["places"] = places;
    return document;
}

// --- history.capacity-change -----------------------------------------------

TEST(HistoryCapacityChange, SilentWhenPlacesHoldSteady) {
    const auto rule = history::make_capacity_change_rule();
    EXPECT_EQ(hits(run_against(rule, valid_institution(2017), valid_institution(2016))), Hits{});
}

TEST(HistoryCapacityChange, ReportsAStreamThatChangedByMoreThanTheFraction) {
    const auto rule = history::make_capacity_change_rule();
    // wlz 9.0 -> 12.0: a third more.
    const auto reports = run_against(rule, with_places(valid_institution(2017), "wlz", 12.0), valid_institution(2016));
    ASSERT_EQ(hits(reports), (Hits{{"/capacity_totals/wlz/places", "changed"}}));
    EXPECT_EQ(reports[0].expected, json(9.0));
    EXPECT_EQ(reports[0].actual, json(12.0));
    EXPECT_NEAR(reports[0].arg("change").get<double>(), 1.0 / 3.0, 1e-12);
    EXPECT_EQ(reports[0].arg("previous_year"), json(2016));
    EXPECT_EQ(reports[0].arg("year"), json(2017));
    // A drop counts as much as a rise.
    EXPECT_EQ(hits(run_against(rule, with_places(valid_institution(2017), "wmo_bw", 10.0), valid_institution(2016))),
              (Hits{{"/capacity_totals/wmo_bw/places", "changed"}}));
}

TEST(HistoryCapacityChange, AChangeOfExactlyTheFractionIsNotMoreThanIt) {
    const auto rule = history::make_capacity_change_rule();
    // 9.0 -> 11.25 is +0.25 exactly; 11.26 is more.
    EXPECT_EQ(hits(run_against(rule, with_places(valid_institution(2017), "wlz", 11.25), valid_institution(2016))),
              Hits{});
    EXPECT_EQ(hits(run_against(rule, with_places(valid_institution(2017), "wlz", 11.26), valid_institution(2016))),
              (Hits{{"/capacity_totals/wlz/places", "changed"}}));
}

TEST(HistoryCapacityChange, MaxRelativeChangeIsAnOption) {
    const auto rule = history::make_capacity_change_rule();
    const json current = with_places(valid_institution(2017), "wlz", 12.0);
    EXPECT_EQ(hits(run_against(rule, current, valid_institution(2016), {{"max_relative_change", 0.5}})), Hits{});
    EXPECT_EQ(hits(run_against(rule, with_places(valid_institution(2017), "wlz", 9.5), valid_institution(2016),
                               {{"max_relative_change", 0.05}})),
              (Hits{{"/capacity_totals/wlz/places", "changed"}}));
}

TEST(HistoryCapacityChange, SkippedOnlyWhenBelowMinPlacesInBothYears) {
    const auto rule = history::make_capacity_change_rule();
    const json small_before = with_places(valid_institution(2016), "wlz", 3.0);
    // 3 -> 4.9: +63%, but below 5 in both years.
    EXPECT_EQ(hits(run_against(rule, with_places(valid_institution(2017), "wlz", 4.9), small_before)), Hits{});
    // 3 -> 6: at or above 5 this year, so compared.
    EXPECT_EQ(hits(run_against(rule, with_places(valid_institution(2017), "wlz", 6.0), small_before)),
              (Hits{{"/capacity_totals/wlz/places", "changed"}}));
    // 8 -> 4: above 5 last year, so compared.
    EXPECT_EQ(hits(run_against(rule, with_places(valid_institution(2017), "wlz", 4.0),
                               with_places(valid_institution(2016), "wlz", 8.0))),
              (Hits{{"/capacity_totals/wlz/places", "changed"}}));
    // With min_places 10, 8 -> 4 is below it in both years.
    EXPECT_EQ(hits(run_against(rule, with_places(valid_institution(2017), "wlz", 4.0),
                               with_places(valid_institution(2016), "wlz", 8.0), {{"min_places", 10}})),
              Hits{});
}

TEST(HistoryCapacityChange, ComparesStreamsBySettingAcrossThe2015Reform) {
    const auto rule = history::make_capacity_change_rule();
    // 2014 has awbz_b and awbz_c, 2015 wlz and wmo_bw, with the same places.
    EXPECT_EQ(hits(run_against(rule, valid_institution(2015), valid_institution(2014))), Hits{});
    const auto reports =
        run_against(rule, with_places(valid_institution(2015), "wmo_bw", 40.0), valid_institution(2014));
    ASSERT_EQ(hits(reports), (Hits{{"/capacity_totals/wmo_bw/places", "changed"}}));
    EXPECT_EQ(reports[0].arg("previous_stream"), json("awbz_c"));
    EXPECT_EQ(reports[0].expected, json(25.0));
}

TEST(HistoryCapacityChange, AStreamNewInItsSettingIsAChange) {
    const auto rule = history::make_capacity_change_rule();
    json before = valid_institution(2016);
    before["capacity_totals"].erase("wlz");
    const auto reports = run_against(rule, valid_institution(2017), before);
    ASSERT_EQ(hits(reports), (Hits{{"/capacity_totals/wlz/places", "new"}}));
    EXPECT_EQ(reports[0].expected, json(0.0));
    EXPECT_EQ(reports[0].actual, json(9.0));
}

TEST(HistoryCapacityChange, ASettingThatDisappearedIsReportedAtTheTotals) {
    const auto rule = history::make_capacity_change_rule();
    json now = valid_institution(2017);
    now["capacity_totals"].erase("wmo_bw");
    const auto reports = run_against(rule, now, valid_institution(2016));
    ASSERT_EQ(hits(reports), (Hits{{"/capacity_totals", "ended"}}));
    EXPECT_EQ(reports[0].arg("previous_stream"), json("wmo_bw"));
    EXPECT_EQ(reports[0].expected, json(25.0));
    // Below min_places last year: nothing to report.
    EXPECT_EQ(hits(run_against(rule, now, with_places(valid_institution(2016), "wmo_bw", 4.0))), Hits{});
}

// --- history.dbc-total-change ----------------------------------------------

json with_dbc_total(json document, long long total) {
    document["ambulatory"]["dbc_trajectories"]["total"] = total;
    return document;
}

TEST(HistoryDbcTotalChange, SilentWithinTheFraction) {
    const auto rule = history::make_dbc_total_change_rule();
    EXPECT_EQ(hits(run_against(rule, valid_institution(2017), valid_institution(2016))), Hits{});
    // 935 -> 1215: +29.9%
    EXPECT_EQ(hits(run_against(rule, with_dbc_total(valid_institution(2017), 1215), valid_institution(2016))), Hits{});
}

TEST(HistoryDbcTotalChange, ReportsAChangeOfMoreThanTheFraction) {
    const auto rule = history::make_dbc_total_change_rule();
    const auto reports = run_against(rule, with_dbc_total(valid_institution(2017), 600), valid_institution(2016));
    ASSERT_EQ(hits(reports), (Hits{{"/ambulatory/dbc_trajectories/total", "changed"}}));
    EXPECT_EQ(reports[0].expected, json(935));
    EXPECT_EQ(reports[0].actual, json(600));
    EXPECT_NEAR(reports[0].arg("change").get<double>(), 335.0 / 935.0, 1e-12);
    EXPECT_EQ(reports[0].arg("max"), json(0.30));
    EXPECT_EQ(hits(run_against(rule, with_dbc_total(valid_institution(2017), 600), valid_institution(2016),
                               {{"max_relative_change", 0.4}})),
              Hits{});
}

TEST(HistoryDbcTotalChange, ARiseFromZeroIsReported) {
    const auto rule = history::make_dbc_total_change_rule();
    const json zero = with_dbc_total(valid_institution(2016), 0);
    EXPECT_EQ(hits(run_against(rule, valid_institution(2017), zero)),
              (Hits{{"/ambulatory/dbc_trajectories/total", "from-zero"}}));
    EXPECT_EQ(hits(run_against(rule, with_dbc_total(valid_institution(2017), 0), zero)), Hits{});
}

// --- history.fact-teams-drop -----------------------------------------------

json with_certified_teams(json document, long long certified) {
    document["fact"]["certified_teams"] = certified;
    return document;
}

TEST(HistoryFactTeamsDrop, ReportsFewerCertifiedTeams) {
    const auto rule = history::make_fact_teams_drop_rule();
    const auto reports = run_against(rule, with_certified_teams(valid_institution(2017), 2), valid_institution(2016));
    ASSERT_EQ(hits(reports), (Hits{{"/fact/certified_teams", "fewer"}}));
    EXPECT_EQ(reports[0].expected, json(3));
    EXPECT_EQ(reports[0].actual, json(2));
    EXPECT_EQ(reports[0].arg("previous_year"), json(2016));
}

TEST(HistoryFactTeamsDrop, SilentForTheSameOrMore) {
    const auto rule = history::make_fact_teams_drop_rule();
    EXPECT_EQ(hits(run_against(rule, valid_institution(2017), valid_institution(2016))), Hits{});
    EXPECT_EQ(hits(run_against(rule, with_certified_teams(valid_institution(2017), 4), valid_institution(2016))),
              Hits{});
}

// --- metadata ----------------------------------------------------------------

// As the catalog has them (tests/support): level-2 warnings for institutions.
TEST(HistoryRules, AreLevelTwoWarningsForInstitutions) {
    std::vector<std::unique_ptr<Rule>> rules;
    rules.push_back(history::make_capacity_change_rule());
    rules.push_back(history::make_dbc_total_change_rule());
    rules.push_back(history::make_fact_teams_drop_rule());
    for (const auto& rule : rules) {
        const RuleInfo& info = rule->info();
        SCOPED_TRACE(info.id);
        const lmacheck::test::CatalogRule* row = lmacheck::test::catalog_rule(info.id);
        ASSERT_NE(row, nullptr) << "not a rule of the catalog";
        EXPECT_EQ(info.level, row->level);
        EXPECT_EQ(to_string(info.severity), row->severity);
        EXPECT_EQ(info.applies_to ? std::string(to_string(*info.applies_to)) : "", row->applies_to);
    }
}

}  // namespace
