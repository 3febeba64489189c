// Rule sets: validated (format, rule ids, each rule's options) before any
// file is judged; overrides apply by reporting-year range.
#include "model/config_error.hpp"
#include "ruleset/rule_catalog.hpp"
#include "ruleset/rule_set.hpp"
#include "engine_test_support.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace lmacheck {
namespace {

using namespace lmacheck::testing;

std::string ruleset_with_rules(const std::string& rules) {
    return R"({"name": "test", "years": {"from": 2008, "to": 2035}, "rules": )" + rules + "}";
}

// Every file's record of the rules that ran indexes its year's plan with two
// bytes (engine/file_work.hpp): a rule set that would enable more rules than
// that for a year is refused, naming the file, instead of a record pointing
// at the wrong rule.
std::string error_loading_with_rules(std::size_t count) {
    std::vector<RuleInfo> rules;
    for (std::size_t i = 0; i < count; ++i) {
        rules.push_back(RuleInfo{.id = "many.rule-" + std::to_string(i),
                                 .level = 1,
                                 .severity = Severity::warning,
                                 .applies_to = std::nullopt,
                                 .description = "one of many",
                                 .description_nl = "een van vele",
                                 .options_schema = "",
                                 .messages = {{"found", "found", "gevonden"}}});
    }
    const RuleCatalog catalog(std::move(rules), {});
    TempFile file(ruleset_with_rules("{}"), "ruleset.json");
    try {
        RuleSet::load(file.path(), source_dir / "schemas" / "ruleset.schema.json", catalog);
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "";
}

TEST(RuleSet, APlanHoldsAtMostAsManyRulesAsARecordCanIndex) {
    EXPECT_EQ(error_loading_with_rules(RulePlan::max_rules), "");
    const std::string error = error_loading_with_rules(RulePlan::max_rules + 1);
    EXPECT_NE(error.find("enables more than 65535 rules for one year"), std::string::npos) << error;
    EXPECT_NE(error.find("ruleset.json"), std::string::npos) << error;
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

void expect_mentions(const std::string& error, const std::vector<std::string>& parts) {
    EXPECT_FALSE(error.empty()) << "expected a ConfigError";
    for (const std::string& part : parts) EXPECT_NE(error.find(part), std::string::npos) << part << " in\n" << error;
}

// A key given twice in a rule set: which of the two settings would win is a
// guess, so it is an error at the repeated key's line and column.
TEST(RuleSet, DuplicateKeysAreErrorsAtTheirPlace) {
    expect_mentions(config_error_of("{\"name\": \"a\",\n \"name\": \"b\", \"years\": {\"from\": 2008, \"to\": 2035}, "
                                    "\"rules\": {}}"),
                    {"ruleset.json", "\"name\"", "line 2, column 2"});
    expect_mentions(config_error_of(ruleset_with_rules("{\"capacity.occupancy\": {\"options\": {\"min_occupancy\": 0.1, "
                                                       "\"min_occupancy\": 0.9}}}")),
                    {"ruleset.json", "\"min_occupancy\"", "/rules/capacity.occupancy/options", "line 1, column 122"});
    expect_mentions(config_error_of(ruleset_with_rules("{\"fact.team-size\": {\"enabled\": false},\n"
                                                       "\"fact.team-size\": {\"enabled\": true}}")),
                    {"\"fact.team-size\"", "/rules", "line 2, column 1"});
}

// nlohmann stops at a NUL byte; the loader does not.
TEST(RuleSet, ContentAfterTheDocumentIsAnError) {
    using namespace std::string_literals;
    expect_mentions(config_error_of(ruleset_with_rules("{}") + "\0{\"rules\": 1}"s),
                    {"ruleset.json", "unexpected content after the document", "line 1, column 67"});
}

// A number beyond double range was nlohmann's out_of_range exception, which
// the CLI called an "internal error" without naming the file.
TEST(RuleSet, NumberBeyondDoubleRangeNamesTheFileAndPlace) {
    const std::string error = config_error_of(ruleset_with_rules(R"({"capacity.occupancy": {"options": {"max_occupancy": 1e400}}})"));
    expect_mentions(error, {"ruleset.json", "not valid JSON", "line 1, column 117", "number overflow"});
}

// Options the schema allows but the rule refuses (a minimum above the
// maximum): the file, the place of the options and the rule.
TEST(RuleSet, OptionsTheRuleRefusesNameTheFileAndPlace) {
    expect_mentions(config_error_of(ruleset_with_rules(
                        "{\n\"capacity.occupancy\": {\"options\": {\"min_occupancy\": 2, \"max_occupancy\": 1}}}")),
                    {"ruleset.json", "/rules/capacity.occupancy/options (line 2, column 35)", "capacity.occupancy",
                     "could not be configured"});
    // In an override, the override's place.
    expect_mentions(config_error_of(R"({"name": "t", "years": {"from": 2008, "to": 2035}, "rules": {},
  "overrides": [{"years": {"from": 2010, "to": 2011},
                 "rules": {"capacity.occupancy": {"options": {"min_occupancy": 2, "max_occupancy": 1}}}}]})"),
                    {"ruleset.json", "/overrides/0/rules/capacity.occupancy/options (line 3, column 62)"});
}

// Every malformed rule set is a ConfigError naming the file and the place.
TEST(RuleSet, MalformedRuleSetsNameTheFileAndPlace) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {ruleset_with_rules(R"({"capacity.occupancy": {"enabled": "yes"}})"), "/rules/capacity.occupancy/enabled"},
        {ruleset_with_rules(R"({"capacity.occupancy": {"options": {"max_occupancy": 1e309}}})"), "line 1, column 117"},
        {ruleset_with_rules(R"({"capacity.places-from-bed-days": {"options": {"days_per_place": 1e19}}})"),
         "days_per_place"},
        {ruleset_with_rules(
             R"({"capacity.places-from-bed-days": {"options": {"days_per_place": 9223372036854775808}}})"),
         "/rules/capacity.places-from-bed-days/options/days_per_place"},
        {ruleset_with_rules(R"({"capacity.places-from-bed-days": {"options": {"days_per_place": -1}}})"),
         "days_per_place"},
        {ruleset_with_rules(R"({"no.such-rule": {}})"), "/rules/no.such-rule (line 1, column 81)"},
        {ruleset_with_rules(R"({"capacity.occupancy": {"options": 3}})"), "/rules/capacity.occupancy/options"},
        {R"({"name": "t", "years": {"from": -2010, "to": 2035}, "rules": {}})", "/years/from (line 1, column 33)"},
        {R"({"name": "t", "years": {"from": 2035, "to": 2010}, "rules": {}})", "/years (line 1, column 24)"},
        {R"({"name": "t", "years": {"from": 2010.5, "to": 2035}, "rules": {}})", "/years/from"},
        {R"({"name": "t", "years": {"from": 2010, "to": 20350000000000000000000}, "rules": {}})", "/years/to"},
        {R"({"name": "t", "years": {"from": 2008, "to": 2035}, "rules": {},
            "overrides": [{"years": {"from": 2012, "to": 2011}, "rules": {}}]})", "/overrides/0/years (line 2, column 37)"},
        {R"({"name": 7, "years": {"from": 2008, "to": 2035}, "rules": {}})", "/name"},
        {R"([1, 2])", "ruleset.json"},
    };
    for (const auto& [ruleset, place] : cases) {
        SCOPED_TRACE(ruleset);
        const std::string error = config_error_of(ruleset);
        expect_mentions(error, {"ruleset.json", place});
        EXPECT_EQ(error.find("internal error"), std::string::npos) << error;
    }
}

// A copy of the repository's data directory (schemas/ and rules/) that a test
// may change.
class DataDirTest : public ::testing::Test {
protected:
    DataDirTest() {
        std::filesystem::copy(source_dir / "schemas", dir_ / "schemas", std::filesystem::copy_options::recursive);
        std::filesystem::copy(source_dir / "rules", dir_ / "rules", std::filesystem::copy_options::recursive);
    }

    std::string config_error() const {
        EngineOptions options = engine_options();
        options.data_dir = dir_.path();
        try {
            Engine engine(options);
        } catch (const ConfigError& e) {
            return e.what();
        }
        return "";
    }

    test::TempDir dir_;
};

TEST_F(DataDirTest, TheCopyLoads) { EXPECT_EQ(config_error(), ""); }

// Two shipped rule sets for one year would make the choice depend on names.
TEST_F(DataDirTest, TwoShippedRuleSetsCoveringOneYearAreRefused) {
    dir_.write("rules/later.json", R"({"name": "later", "years": {"from": 2030, "to": 2040}, "rules": {}})");
    EXPECT_NE(config_error(), "") << "2040 is beyond the schema's years";
    dir_.write("rules/later.json", R"({"name": "later", "years": {"from": 2030, "to": 2035}, "rules": {}})");
    expect_mentions(config_error(), {"lma-v1.json", "later.json", "2030-2035"});
    dir_.write("rules/later.json", R"({"name": "later", "years": {"from": 2035, "to": 2035}, "rules": {}})");
    expect_mentions(config_error(), {"lma-v1.json", "later.json", "year 2035"});
}

TEST_F(DataDirTest, DuplicateKeysInTheReferenceListAreRefused) {
    dir_.write("rules/reference/municipalities.json",
               R"([{"code": "GM0363", "name": "Amsterdam", "province": "NH", "region": "Amsterdam", "central": true,
  "valid_from": 2008, "valid_to": 2035, "valid_to": 2040}])");
    expect_mentions(config_error(), {"reference list", "municipalities.json", "\"valid_to\"", "/0", "line 2, column 41"});
}

TEST_F(DataDirTest, ReferenceListMistakesNameTheEntryAndItsPlace) {
    const std::string entry =
        R"({"code": "GM0363", "name": "Amsterdam", "province": "NH", "region": "Amsterdam", "central": true, )";
    dir_.write("rules/reference/municipalities.json",
               "[" + entry + R"("valid_from": 2008, "valid_to": 2035},)" + "\n " + entry +
                   R"("valid_from": 2030, "valid_to": 2031}])");
    expect_mentions(config_error(), {"municipalities.json", "entry /1 (line 2, column 2)", "GM0363", "overlaps"});
    dir_.write("rules/reference/municipalities.json", "[" + entry + R"("valid_from": 2035, "valid_to": 2008}])");
    expect_mentions(config_error(), {"municipalities.json", "entry /0 (line 1, column 2)", "valid_from after valid_to"});
}

TEST_F(DataDirTest, DuplicateKeysInASchemaAreRefused) {
    std::string schema = read_bytes(source_dir / "schemas/envelope-1.0.schema.json");
    const std::size_t brace = schema.find('{');
    schema.insert(brace + 1, "\"type\": \"array\", \"type\": \"object\",");
    dir_.write("schemas/envelope-1.0.schema.json", schema);
    expect_mentions(config_error(), {"schema file", "envelope-1.0.schema.json", "\"type\"", "line 1, column 19"});
}

TEST_F(DataDirTest, ContentAfterASchemaIsRefused) {
    using namespace std::string_literals;
    dir_.write("schemas/envelope-1.0.schema.json", read_bytes(source_dir / "schemas/envelope-1.0.schema.json") + "\0{}"s);
    expect_mentions(config_error(), {"schema file", "envelope-1.0.schema.json", "unexpected content after the document"});
}

// A schema that refers back to itself crashed the program (stack overflow);
// now it is refused when it loads, naming the file and the cycle.
TEST_F(DataDirTest, SchemaReferenceCyclesAreRefused) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {R"({"$ref": "#"})", "# -> #"},
        {R"({"$ref": "#/definitions/a", "definitions": {"a": {"$ref": "#/definitions/b"}, "b": {"$ref": "#/definitions/a"}}})",
         "#/definitions/a -> #/definitions/b -> #/definitions/a"},
        {R"({"type": "object", "properties": {"kind": {"$ref": "#/properties/kind"}}})",
         "#/properties/kind -> #/properties/kind"},
        {R"({"type": "object", "properties": {"x": {"items": {"allOf": [{"$ref": "#"}]}}}})",
         "#/properties/x/items/allOf/0 -> #"},
        // A reference to another document is this one for the parser (none
        // is fetched): fuzz_config found {"$ref": "/"} overflowing the stack.
        {R"({"$ref": "/"})", "# -> #"},
        {R"({"$ref": "other.json"})", "# -> #"},
        {R"({"$ref": "#/definitions/a", "definitions": {"a": {"$ref": "x.json#/definitions/a"}}})",
         "#/definitions/a -> #/definitions/a"},
    };
    for (const auto& [schema, cycle] : cases) {
        SCOPED_TRACE(schema);
        dir_.write("schemas/envelope-1.0.schema.json", schema);
        expect_mentions(config_error(), {"envelope-1.0.schema.json", "cycle of $ref", cycle});
    }
    // A "$ref" that is data (an enum value, a property named "$ref") is no reference.
    dir_.write("schemas/envelope-1.0.schema.json",
               R"({"type": "object", "properties": {"$ref": {"enum": [{"$ref": "#"}]}, "a": {"default": {"$ref": "#"}}}})");
    EXPECT_EQ(config_error(), "");
}

}  // namespace
}  // namespace lmacheck
