// register.fact-certified and register.fact-certified-unreported against a
// hand-made CCAF register: which teams count on 31 December, and what each
// rule reports.
#include "register_rules.hpp"

#include "rule_harness.hpp"

#include <gtest/gtest.h>

namespace {

using namespace lmacheck;
using namespace lmacheck::ruletest;
namespace reg = lmacheck::rules::registers;

// The test reference list plus one register.
class WithRegister final : public ReferenceData {
public:
    explicit WithRegister(json ccaf) : ccaf_(std::move(ccaf)) {}
    const Municipality* municipality(std::string_view code, int year) const override {
        return ruletest::reference().municipality(code, year);
    }
    const json* register_data(std::string_view name) const override { return name == "ccaf" ? &ccaf_ : nullptr; }

private:
    json ccaf_;
};

// Institution 06123456 (valid_institution) has, on 31 December:
//   2018: A, B (C starts 2019-01-01)        -> 2
//   2019: A, B (renewed), C                  -> 3
//   2020: A, C (B ended 2020-06-30)          -> 2
// and another institution's team never counts.
json sample_register() {
    return {{"register", "ccaf"},
            {"teams",
             {{{"agb_code", "06123456"}, {"team", "A"}, {"certified_from", "2016-05-01"}},
              {{"agb_code", "06123456"}, {"team", "B"}, {"certified_from", "2017-01-01"}, {"certified_until", "2019-12-31"}},
              {{"agb_code", "06123456"}, {"team", "B"}, {"certified_from", "2019-12-01"}, {"certified_until", "2020-06-30"}},
              {{"agb_code", "06123456"}, {"team", "C"}, {"certified_from", "2019-01-01"}},
              {{"agb_code", "06999999"}, {"team", "A"}, {"certified_from", "2010-01-01"}}}}};
}

std::vector<Reported> run_with_register(const Rule& rule, int year, int certified) {
    const WithRegister reference(sample_register());
    json document = valid_institution(year);
    document["fact"]["certified_teams"] = certified;
    const auto check = rule.configure(options_for(rule));
    RecordingReporter reporter;
    check->check(Submission(document, Kind::institution, year, reference), reporter);
    return reporter.reports;
}

TEST(RegisterFactCertified, MoreTeamsThanTheRegisterListsIsAnError) {
    const auto rule = reg::make_fact_certified_rule();
    EXPECT_EQ(rule->info().severity, Severity::error);
    EXPECT_EQ(rule->info().registers, std::vector<std::string>{"ccaf"});
    const auto reports = run_with_register(*rule, 2018, 3);
    ASSERT_EQ(reports.size(), 1u);
    EXPECT_EQ(reports[0].path, "/fact/certified_teams");
    EXPECT_EQ(reports[0].message_id, "above");
    EXPECT_EQ(reports[0].arg("listed"), 2);
    EXPECT_EQ(reports[0].arg("reported"), 3);
    EXPECT_EQ(*reports[0].expected, 2);
    EXPECT_EQ(*reports[0].actual, 3);
}

TEST(RegisterFactCertified, TeamsCountOnTheLastDayOfTheYear) {
    const auto above = reg::make_fact_certified_rule();
    const auto below = reg::make_fact_certified_unreported_rule();
    for (const auto& [year, listed] : std::vector<std::pair<int, int>>{{2018, 2}, {2019, 3}, {2020, 2}, {2015, 0}}) {
        SCOPED_TRACE(year);
        EXPECT_TRUE(run_with_register(*above, year, listed).empty());
        EXPECT_TRUE(run_with_register(*below, year, listed).empty());
        EXPECT_EQ(run_with_register(*above, year, listed + 1).size(), 1u);
    }
}

TEST(RegisterFactCertified, FewerTeamsThanTheRegisterListsIsInfo) {
    const auto rule = reg::make_fact_certified_unreported_rule();
    EXPECT_EQ(rule->info().severity, Severity::info);
    const auto reports = run_with_register(*rule, 2019, 1);
    ASSERT_EQ(reports.size(), 1u);
    EXPECT_EQ(reports[0].message_id, "below");
    EXPECT_EQ(reports[0].arg("listed"), 3);
    // the error rule says nothing about fewer
    EXPECT_TRUE(run_with_register(*reg::make_fact_certified_rule(), 2019, 1).empty());
}

// Level 4, against registers, as issue 14 numbers it.
TEST(RegisterFactCertified, LevelFourAndBothLanguages) {
    for (const auto& rule : {reg::make_fact_certified_rule(), reg::make_fact_certified_unreported_rule()}) {
        EXPECT_EQ(rule->info().level, 4) << rule->info().id;
        for (const MessageTemplate& m : rule->info().messages) {
            EXPECT_NE(m.en, m.nl);
            EXPECT_EQ(placeholders(m.en), placeholders(m.nl));
        }
    }
}

}  // namespace
