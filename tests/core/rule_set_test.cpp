// Rule sets: validated (format, rule ids, each rule's options) before any
// file is judged; overrides apply by reporting-year range.
#include "engine/config_error.hpp"
#include "engine_test_support.hpp"

#include <gtest/gtest.h>

namespace lmacheck {
namespace {

using namespace lmacheck::testing;

std::string config_error_of(const std::string& ruleset) {
    TempFile file(ruleset, "ruleset.json");
    try {
        Engine engine(engine_options(file.path()));
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "";
}

std::string ruleset_with_rules(const std::string& rules) {
    return R"({"name": "test", "years": {"from": 2008, "to": 2035}, "rules": )" + rules + "}";
}

TEST(RuleSet, ShippedRuleSetLoads) {
    const Engine engine(engine_options());
    ASSERT_EQ(engine.rule_sets().all().size(), 1u);
    EXPECT_EQ(engine.rule_sets().all()[0]->name(), "lma-v1");
}

TEST(RuleSet, UnknownRuleIdIsNamed) {
    const std::string error = config_error_of(ruleset_with_rules(R"({"capacity.occupansy": {"enabled": false}})"));
    EXPECT_NE(error.find("unknown rule id capacity.occupansy"), std::string::npos) << error;
    EXPECT_NE(error.find("ruleset.json"), std::string::npos) << error;
}

TEST(RuleSet, UnknownOptionIsNamed) {
    const std::string error =
        config_error_of(ruleset_with_rules(R"({"capacity.occupancy": {"options": {"max_ocupancy": 1.1}}})"));
    EXPECT_NE(error.find("capacity.occupancy"), std::string::npos) << error;
    EXPECT_NE(error.find("max_ocupancy"), std::string::npos) << error;
}

TEST(RuleSet, WrongOptionTypeIsNamed) {
    const std::string error =
        config_error_of(ruleset_with_rules(R"({"capacity.places-from-bed-days": {"options": {"abs_tolerance": "0.05"}}})"));
    EXPECT_NE(error.find("capacity.places-from-bed-days"), std::string::npos) << error;
    EXPECT_NE(error.find("option abs_tolerance"), std::string::npos) << error;
}

TEST(RuleSet, LevelZeroRulesCannotBeConfigured) {
    const std::string error = config_error_of(ruleset_with_rules(R"({"schema.structure": {"severity": "warning"}})"));
    EXPECT_NE(error.find("schema.structure"), std::string::npos) << error;
    EXPECT_NE(error.find("level 0"), std::string::npos) << error;
}

TEST(RuleSet, ALevelZeroEntryThatLeavesTheRuleAsItIsIsAllowed) {
    EXPECT_EQ(config_error_of(ruleset_with_rules(R"({"document.duplicate-key": {}})")), "");
    EXPECT_EQ(config_error_of(ruleset_with_rules(R"({"engine.rule-failed": {"enabled": true, "severity": "error"}})")), "");
    EXPECT_NE(config_error_of(ruleset_with_rules(R"({"document.duplicate-key": {"enabled": false}})")), "");
}

// The catalog says only that the report's ruleset is the file's name.
TEST(RuleSet, AnyNonEmptyNameBecomesTheReportsRuleset) {
    TempFile file(R"({"name": "Custom_Rules 2024", "years": {"from": 2008, "to": 2035}, "rules": {}})", "ruleset.json");
    const Engine engine(engine_options(file.path()));
    EXPECT_EQ(engine.rule_sets().all()[0]->name(), "Custom_Rules 2024");
    EXPECT_NE(config_error_of(R"({"name": "", "years": {"from": 2008, "to": 2035}, "rules": {}})"), "");
}

TEST(RuleSet, FormatErrorsNameThePath) {
    const std::string error = config_error_of(ruleset_with_rules(R"({"fact.team-size": {"severity": "fatal"}})"));
    EXPECT_NE(error.find("/rules/fact.team-size/severity"), std::string::npos) << error;
}

TEST(RuleSet, OptionsSeveritiesAndOverridesByYear) {
    TempFile file(R"({
      "name": "strict",
      "years": {"from": 2008, "to": 2035},
      "rules": {
        "fact.certified-within-teams": {"severity": "warning"},
        "capacity.occupancy": {"options": {"min_occupancy": 0.95}}
      },
      "overrides": [
        {"years": {"from": 2008, "to": 2014}, "rules": {"capacity.occupancy": {"enabled": false}}},
        {"years": {"from": 2019, "to": 2019}, "rules": {"capacity.occupancy": {"options": {"min_occupancy": 0.1}}}}
      ]
    })",
                  "strict.json");
    const Engine engine(engine_options(file.path()));
    const RuleSet& set = engine.rule_sets().for_year(2016);
    EXPECT_EQ(set.name(), "strict");
    EXPECT_EQ(set.plan_for(2012).find("capacity.occupancy"), nullptr);
    ASSERT_NE(set.plan_for(2016).find("capacity.occupancy"), nullptr);
    EXPECT_EQ(set.plan_for(2016).find("fact.certified-within-teams")->severity, Severity::warning);

    // The severity change shows in a report: an error becomes a warning.
    nlohmann::json doc = sample("valid/institution-2019.json");
    doc["fact"]["certified_teams"] = doc["fact"]["teams"].get<int>() + 1;
    const SubmissionReport report = validate(engine, doc);
    const Finding* finding = find(report, "fact.certified-within-teams", "/fact/certified_teams");
    ASSERT_NE(finding, nullptr);
    EXPECT_EQ(finding->severity, Severity::warning);
    EXPECT_TRUE(report.accepted());

    // min_occupancy 0.95 applies in 2016 and 2020 but the 2019 override lowers it again.
    const SubmissionReport y2019 = validate(engine, sample("valid/institution-2019.json"));
    EXPECT_EQ(y2019.counts.warning, 0);
    const SubmissionReport y2016 = validate(engine, sample("valid/institution-2016.json"));
    bool occupancy_warned = false;
    for (const Finding& f : y2016.findings) occupancy_warned |= f.rule == "capacity.occupancy";
    EXPECT_TRUE(occupancy_warned) << "the valid 2016 sample has occupancies below 0.95";
}

TEST(RuleSet, ExplicitRuleSetThatIsNotJsonIsAConfigError) {
    const std::string error = config_error_of("{ not json");
    EXPECT_NE(error.find("not valid JSON"), std::string::npos) << error;
}

}  // namespace
}  // namespace lmacheck
