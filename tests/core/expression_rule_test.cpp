// Expression rules (docs/rules.md, "Expression rules"): every loader error
// with its file, rule id, key and position; the evaluation over the document
// (for_each, let, aggregates with where, missing, when, tolerance); the rule
// as the engine treats every rule (listing, severity, years, languages).
#include "expression/arithmetic.hpp"
#include "model/config_error.hpp"
#include "engine_test_support.hpp"
#include "report/rules_listing.hpp"

#include <gtest/gtest.h>
#include <muParserError.h>

#include <string>
#include <vector>

namespace lmacheck {
namespace {

using namespace lmacheck::testing;
using Json = nlohmann::json;

std::string ruleset_with(const std::string& expressions, const std::string& rules = "{}",
                         const std::string& overrides = "[]") {
    return R"({"name": "test", "years": {"from": 2008, "to": 2035}, "rules": )" + rules +
           R"(, "overrides": )" + overrides + R"(, "expressions": )" + expressions + "}";
}

// A complete rule whose keys `changes` replaces or adds (null removes one).
Json rule_with(const Json& changes = Json::object()) {
    Json rule = {{"id", "local.certified"},
                 {"severity", "warning"},
                 {"description", {{"en", "Certified teams within teams"}, {"nl", "Gecertificeerde teams binnen teams"}}},
                 {"let", {{"certified", "/fact/certified_teams"}, {"teams", "/fact/teams"}}},
                 {"check", {{"left", "certified"}, {"op", "<="}, {"right", "teams"}}},
                 {"path", "/fact/certified_teams"},
                 {"message", {{"en", "{certified} certified of {teams}"}, {"nl", "{certified} gecertificeerd van {teams}"}}}};
    for (const auto& [key, value] : changes.items()) {
        if (value.is_null()) {
            rule.erase(key);
        } else {
            rule[key] = value;
        }
    }
    return rule;
}

std::string error_of(const Json& rule) { return config_error_of(ruleset_with(Json::array({rule}).dump())); }

#define EXPECT_HAS(text, part) EXPECT_NE((text).find(part), std::string::npos) << (text)

// Every message names the file and the rule; each test adds the key and what.
void expect_names_rule(const std::string& error) {
    EXPECT_HAS(error, "ruleset.json");
    EXPECT_HAS(error, "local.certified");
}

TEST(ExpressionRuleLoad, AGoodRuleLoads) { EXPECT_EQ(error_of(rule_with()), ""); }

TEST(ExpressionRuleLoad, UnknownKeyIsNamed) {
    const std::string error = error_of(rule_with({{"chek", "x"}}));
    expect_names_rule(error);
    EXPECT_HAS(error, "chek: unknown key");
    EXPECT_HAS(error_of(rule_with({{"check", {{"left", "1"}, {"op", "<"}, {"right", "2"}, {"tolerence", 1}}}})),
               "check/tolerence: unknown key");
}

TEST(ExpressionRuleLoad, EachMissingKeyIsNamed) {
    for (const char* key : {"severity", "description", "check", "message"}) {
        const std::string error = error_of(rule_with({{key, nullptr}}));
        expect_names_rule(error);
        EXPECT_HAS(error, std::string(key) + ": is missing");
    }
    EXPECT_HAS(error_of(rule_with({{"id", nullptr}})), "/expressions/0: id: is missing");
    EXPECT_HAS(error_of(rule_with({{"check", {{"left", "1"}, {"op", "<"}}}})), "check/right: is missing");
    EXPECT_HAS(error_of(rule_with({{"message", {{"en", "x"}}}})), "message/nl: is missing");
}

TEST(ExpressionRuleLoad, AParseErrorNamesKeyAndCharacter) {
    const std::string error = error_of(rule_with({{"check", {{"left", "certified +"}, {"op", "<="}, {"right", "teams"}}}}));
    expect_names_rule(error);
    EXPECT_HAS(error, "check/left: does not parse");
    EXPECT_HAS(error, "Unexpected end of expression (at character 12)");
    const std::string parenthesis =
        error_of(rule_with({{"check", {{"left", "certified"}, {"op", "<="}, {"right", "(teams * 2"}}}}));
    EXPECT_HAS(parenthesis, "check/right: does not parse");
    // The end of the text: one past its last character.
    EXPECT_HAS(parenthesis, "Missing parenthesis (at character 11)");
    const std::string when = error_of(rule_with({{"when", "teams >> 1"}}));
    EXPECT_HAS(when, "when: does not parse: Unexpected operator \">\" (at character 8)");
}

// std::regex over a long template overflowed the stack (a crash, not exit 2).
TEST(ExpressionRuleLoad, AVeryLongMessageIsRefusedNotACrash) {
    const std::string long_message = "{" + std::string(1'000'000, 'a');
    const std::string error = error_of(rule_with({{"message", {{"en", long_message}, {"nl", "x"}}}}));
    expect_names_rule(error);
    EXPECT_HAS(error, "message/en: is longer than 2000 characters");
    // Just below the cap, an unclosed brace is plain text and a placeholder after it is still checked.
    const std::string unclosed = "{" + std::string(1900, 'a') + " {certified} {nope}";
    EXPECT_HAS(error_of(rule_with({{"message", {{"en", "x"}, {"nl", unclosed}}}})),
               "message/nl: {nope} names no `let` name (nor left, right, key, index) (at character 1915)");
}

// mu::ParserError is no std::exception: thrown from Eval at run time it left
// the engine with "unknown exception" and no match named.
TEST(ExpressionRuleEval, AMuparserErrorAtRunTimeBecomesAStdException) {
    try {
        expression::translate_parser_errors([]() -> double { throw mu::ParserError("stack corrupt"); });
        FAIL() << "nothing thrown";
    } catch (const std::runtime_error& e) {
        EXPECT_HAS(std::string(e.what()), "muparser: stack corrupt");
    } catch (...) {
        FAIL() << "a mu::ParserError escaped untranslated";
    }
    EXPECT_EQ(expression::translate_parser_errors([] { return 2.5; }), 2.5);
}

// Positions count characters (UTF-8 code points), not bytes: an expression
// may hold a non-ASCII character, if only as an error.
TEST(ExpressionRuleLoad, PositionsCountCharactersNotBytes) {
    // "é" is two bytes, "€" three; the `=` is the 12th character, the 15th byte.
    EXPECT_HAS(error_of(rule_with({{"when", "\u00e9\u20ac + teams = 1"}})),
               "when: `=` is no operator here: compare with `==` (at character 12)");
    // muparser stops at the first byte it cannot read, so its errors never
    // follow a non-ASCII character.
    EXPECT_HAS(error_of(rule_with({{"when", "teams > \u20ac"}})), "when: does not parse: Unexpected token");
    EXPECT_HAS(error_of(rule_with({{"message", {{"en", "\u00e9\u00e9 {nope}"}, {"nl", "x"}}}})),
               "message/en: {nope} names no `let` name (nor left, right, key, index) (at character 4)");
}

TEST(ExpressionRuleLoad, ANameNotBoundByLetIsNamedWithItsPosition) {
    const std::string error = error_of(rule_with({{"check", {{"left", "certified"}, {"op", "<="}, {"right", "2 * temas"}}}}));
    expect_names_rule(error);
    EXPECT_HAS(error, "check/right: the name temas is not bound by `let` (at character 5)");
    // A function the contract does not list is no function here either.
    EXPECT_HAS(error_of(rule_with({{"when", "sin(teams) > 0"}})), "when: does not parse");
}

TEST(ExpressionRuleLoad, AnInvalidPointerIsNamed) {
    const std::string error = error_of(rule_with({{"let", {{"certified", "/fact/~2x"}, {"teams", "/fact/teams"}}}}));
    expect_names_rule(error);
    EXPECT_HAS(error, "let/certified: '/fact/~2x' is not a valid JSON Pointer");
    EXPECT_HAS(error_of(rule_with({{"for_each", "/capacity/~"}})), "for_each: '/capacity/~' is not a valid JSON Pointer");
    EXPECT_HAS(error_of(rule_with({{"path", "a~b"}})), "path: 'a~b' is not a valid JSON Pointer");
}

TEST(ExpressionRuleLoad, AStarOutsideAnAggregateIsRefused) {
    const std::string error = error_of(rule_with({{"let", {{"certified", "/capacity/*/places"}, {"teams", "/fact/teams"}}}}));
    expect_names_rule(error);
    EXPECT_HAS(error, "let/certified: `*` is allowed only in an aggregate");
    EXPECT_HAS(error_of(rule_with({{"for_each", "/capacity/*/x/*"}})), "for_each: may hold one `*`");
}

TEST(ExpressionRuleLoad, NestedAggregatesAreRefused) {
    const Json nested = {{"sum", {{"sum", "/capacity/*/places"}}}};
    const std::string error = error_of(rule_with({{"let", {{"certified", nested}, {"teams", "/fact/teams"}}}}));
    expect_names_rule(error);
    EXPECT_HAS(error, "let/certified/sum: nested aggregates are not allowed");
    EXPECT_HAS(error_of(rule_with({{"let", {{"certified", {{"sum", "/capacity/places"}}}, {"teams", "/fact/teams"}}}})),
               "exactly one `*`");
    EXPECT_HAS(error_of(rule_with({{"let", {{"certified", {{"sum", "/a/*"}, {"max", "/a/*"}}}, {"teams", "/t"}}}})),
               "exactly one of sum, count, min, max");
}

TEST(ExpressionRuleLoad, AnIdThatIsTakenIsRefused) {
    const std::string plugin = error_of(rule_with({{"id", "fact.certified-within-teams"}}));
    EXPECT_HAS(plugin, "expression rule fact.certified-within-teams (/expressions/0): id: is taken by plugin fact");
    const std::string twice = config_error_of(ruleset_with(Json::array({rule_with(), rule_with()}).dump()));
    EXPECT_HAS(twice, "local.certified (/expressions/1): id: is taken by expression rule of rule set");
    EXPECT_HAS(error_of(rule_with({{"id", "Local Check"}})), "id: 'Local Check' is not of the form area.name");
    EXPECT_HAS(error_of(rule_with({{"id", "engine.rule-failed"}})), "is taken by the engine's rule");
}

TEST(ExpressionRuleLoad, OtherBadValuesAreNamed) {
    EXPECT_HAS(error_of(rule_with({{"severity", "fatal"}})), "severity: must be error, warning or info");
    EXPECT_HAS(error_of(rule_with({{"applies_to", "hospital"}})), "applies_to: must be institution or municipality");
    EXPECT_HAS(error_of(rule_with({{"missing", "ignore"}})), "missing: must be skip or zero");
    EXPECT_HAS(error_of(rule_with({{"check", {{"left", "1"}, {"op", "=<"}, {"right", "2"}}}})), "check/op: '=<' is none of");
    EXPECT_HAS(error_of(rule_with({{"check", {{"left", "1"}, {"op", "=="}, {"right", "2"}, {"tolerance", -1}}}})),
               "check/tolerance: must be a number of at least 0");
    EXPECT_HAS(error_of(rule_with({{"check", {{"left", "1"}, {"op", "<"}, {"right", "2"}, {"tolerance", 1}}}})),
               "check/tolerance: applies only to == and !=");
    EXPECT_HAS(error_of(rule_with({{"message", {{"en", "{certified} of {tems}"}, {"nl", "x"}}}})),
               "message/en: {tems} names no `let` name");
    EXPECT_HAS(error_of(rule_with({{"let", {{"sqrt", "/fact/teams"}}}})), "let/sqrt: 'sqrt' is reserved");
    EXPECT_HAS(error_of(rule_with({{"let", {{"left", "/fact/teams"}}}})), "let/left: 'left' is reserved");
    EXPECT_HAS(error_of(rule_with({{"when", ""}})), "when: the expression is empty");
}

// muparser reads `=` as an assignment to a variable, and `,` as a list of
// results; neither is arithmetic over the submission.
TEST(ExpressionRuleLoad, AssignmentAndSeveralResultsAreRefused) {
    EXPECT_HAS(error_of(rule_with({{"when", "teams = 0"}})), "when: `=` is no operator here: compare with `==` (at character 7)");
    EXPECT_HAS(error_of(rule_with({{"when", "teams, certified"}})), "when: the expression has several results");
    EXPECT_HAS(error_of(rule_with({{"when", "teams, certified"}})), "(at character 6)");
    // The comma to blame is the one outside the function call's parentheses.
    EXPECT_HAS(error_of(rule_with({{"when", "min(teams, certified), teams"}})),
               "when: the expression has several results: `,` separates only a function's arguments (at character 22)");
}

TEST(ExpressionRuleLoad, LengthAndNestingAreBounded) {
    const std::string long_text = "teams" + std::string(1000, ' ');
    EXPECT_HAS(error_of(rule_with({{"when", long_text}})), "when: the expression is longer than 1000 characters");
    const std::string deep = std::string(65, '(') + "teams" + std::string(65, ')');
    EXPECT_HAS(error_of(rule_with({{"when", deep}})), "when: parentheses nest deeper than 64 (at character 65)");
    const std::string fine = std::string(64, '(') + "teams" + std::string(64, ')');
    EXPECT_EQ(error_of(rule_with({{"when", fine}})), "");
}

// --- evaluation ---

struct ExprRun {
    explicit ExprRun(const Json& rules, const std::string& settings = "{}", const std::string& overrides = "[]",
                 Language language = Language::en)
        : file(ruleset_with(rules.dump(), settings, overrides), "ruleset.json"), engine([&] {
              EngineOptions options = engine_options(file.path());
              options.language = language;
              return options;
          }()) {}
    std::vector<Finding> findings(const Json& document, const std::string& rule = "local.certified") const {
        std::vector<Finding> out;
        for (const Finding& f : validate(engine, document).findings) {
            if (f.rule == rule) out.push_back(f);
        }
        return out;
    }
    TempFile file;
    Engine engine;
};

Json institution() { return sample("valid/institution-2019.json"); }

TEST(ExpressionRuleRun, AFindingHasPathExpectedActualAndMessage) {
    const ExprRun run(Json::array({rule_with()}));
    Json document = institution();
    EXPECT_TRUE(run.findings(document).empty());
    document["fact"]["certified_teams"] = 8;
    const auto findings = run.findings(document);
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_EQ(findings[0].path, "/fact/certified_teams");
    EXPECT_EQ(findings[0].severity, Severity::warning);
    EXPECT_EQ(findings[0].level, 1);
    EXPECT_EQ(*findings[0].expected, "<= 6");
    EXPECT_EQ(*findings[0].actual, 8);
    EXPECT_EQ(findings[0].message, "8 certified of 6");
}

TEST(ExpressionRuleRun, MessagesInDutch) {
    const ExprRun run(Json::array({rule_with()}), "{}", "[]", Language::nl);
    Json document = institution();
    document["fact"]["certified_teams"] = 8;
    const auto findings = run.findings(document);
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_EQ(findings[0].message, "8 gecertificeerd van 6");
}

Json fte_equals(double right, double tolerance, const std::string& op = "==") {
    return rule_with({{"let", {{"fte", "/fact/fte"}}},
                      {"check", {{"left", "fte"}, {"op", op}, {"right", nlohmann::json(right).dump()}, {"tolerance", tolerance}}},
                      {"path", "/fact/fte"},
                      {"message", {{"en", "{left} against {right}"}, {"nl", "{left} tegen {right}"}}}});
}

TEST(ExpressionRuleRun, ToleranceIsInclusiveWithTheCatalogsSlack) {
    Json document = institution();
    document["fact"]["fte"] = 10.05;  // 10.05 - 10.0 is 0.0500000000000007 in binary
    EXPECT_TRUE(ExprRun(Json::array({fte_equals(10.0, 0.05)})).findings(document).empty());
    document["fact"]["fte"] = 10.0500001;
    const auto beyond = ExprRun(Json::array({fte_equals(10.0, 0.05)})).findings(document);
    ASSERT_EQ(beyond.size(), 1u);
    EXPECT_EQ(*beyond[0].expected, "== 10");
    EXPECT_EQ(*beyond[0].actual, 10.0500001);
    // Without a tolerance, equality is exact up to the slack.
    document["fact"]["fte"] = 10.0 + 1e-10;
    EXPECT_TRUE(ExprRun(Json::array({fte_equals(10.0, 0)})).findings(document).empty());
    // != wants a difference beyond the tolerance.
    document["fact"]["fte"] = 10.05;
    EXPECT_EQ(ExprRun(Json::array({fte_equals(10.0, 0.05, "!=")})).findings(document).size(), 1u);
    document["fact"]["fte"] = 10.06;
    EXPECT_TRUE(ExprRun(Json::array({fte_equals(10.0, 0.05, "!=")})).findings(document).empty());
}

TEST(ExpressionRuleRun, MissingSkipsTheMatchOrCountsAsZero) {
    const Json absent = rule_with({{"let", {{"value", "/fact/not_there"}}},
                                   {"check", {{"left", "value"}, {"op", ">="}, {"right", "1"}}},
                                   {"path", nullptr},
                                   {"message", {{"en", "value {value}"}, {"nl", "waarde {value}"}}}});
    EXPECT_TRUE(ExprRun(Json::array({absent})).findings(institution()).empty());
    Json zero = absent;
    zero["missing"] = "zero";
    const auto findings = ExprRun(Json::array({zero})).findings(institution());
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_EQ(findings[0].path, "");
    EXPECT_EQ(*findings[0].actual, 0);
    // A string has no numeric value: it is missing too.
    Json text = absent;
    text["let"] = {{"value", "/submitter/name"}};
    EXPECT_TRUE(ExprRun(Json::array({text})).findings(institution()).empty());
}

TEST(ExpressionRuleRun, ForEachOverArrayItemsIsRelativeToTheMatch) {
    const Json rule = rule_with({{"for_each", "/capacity/*"},
                                 {"let", {{"places", "places"}, {"beds", "beds_year_end"}}},
                                 {"when", "beds > 0"},
                                 {"check", {{"left", "places"}, {"op", "<="}, {"right", "beds * 1.5"}}},
                                 {"path", "places"},
                                 {"message", {{"en", "item {index}: {places} on {beds}"}, {"nl", "{index}"}}}});
    Json document = institution();
    document["capacity"][1]["places"] = 36.5;  // on 24 beds: above 36
    const auto findings = ExprRun(Json::array({rule})).findings(document);
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_EQ(findings[0].path, "/capacity/1/places");
    EXPECT_EQ(findings[0].message, "item 1: 36.50 on 24");
    EXPECT_EQ(*findings[0].expected, "<= 36");
}

TEST(ExpressionRuleRun, ForEachOverObjectMembersGivesKeyAndWhereFilters) {
    // Per financing stream in capacity_totals: beds equal the sum over the
    // capacity records of that stream.
    const Json rule = rule_with({{"for_each", "/capacity_totals/*"},
                                 {"let", {{"beds", "beds_year_end"},
                                          {"sum", {{"sum", "/capacity/*/beds_year_end"}, {"where", {{"financing", "{key}"}}}}},
                                          {"records", {{"count", "/capacity/*"}, {"where", {{"financing", "{key}"}}}}}}},
                                 {"when", "records > 0"},
                                 {"check", {{"left", "beds"}, {"op", "=="}, {"right", "sum"}}},
                                 {"path", "beds_year_end"},
                                 {"message", {{"en", "{key}: {beds} against {sum} over {records}"}, {"nl", "{key}"}}}});
    Json document = institution();
    EXPECT_TRUE(ExprRun(Json::array({rule})).findings(document).empty());
    document["capacity_totals"]["wmo_bw"]["beds_year_end"] = 57;
    const auto findings = ExprRun(Json::array({rule})).findings(document);
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_EQ(findings[0].path, "/capacity_totals/wmo_bw/beds_year_end");
    EXPECT_EQ(findings[0].message, "wmo_bw: 57 against 56 over 2");
    EXPECT_EQ(*findings[0].expected, "== 56");
}

TEST(ExpressionRuleRun, WhereWithAFixedTextAndMinMax) {
    const Json rule = rule_with({{"let", {{"low", {{"min", "/capacity/*/places"}, {"where", {{"financing", "wmo_bw"}}}}},
                                          {"high", {{"max", "/capacity/*/places"}, {"where", {{"financing", "wmo_bw"}}}}}}},
                                 {"check", {{"left", "high - low"}, {"op", "<"}, {"right", "0"}}},
                                 {"path", nullptr},
                                 {"message", {{"en", "{low} {high}"}, {"nl", "{low} {high}"}}}});
    const auto findings = ExprRun(Json::array({rule})).findings(institution());
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_EQ(findings[0].message, "18.12 34");  // the two wmo_bw records: 34.0 and 18.12
    // The same over a pointer relative to the match (here the document).
    Json relative = rule;
    relative["let"]["low"]["min"] = "capacity/*/places";
    relative["let"]["high"]["max"] = "capacity/*/places";
    const auto again = ExprRun(Json::array({relative})).findings(institution());
    ASSERT_EQ(again.size(), 1u);
    EXPECT_EQ(again[0].message, "18.12 34");
    // No item passes the filter: min and max are missing, the match skipped.
    Json none = rule;
    none["let"]["low"]["where"]["financing"] = "nothing";
    EXPECT_TRUE(ExprRun(Json::array({none})).findings(institution()).empty());
}

// An aggregate whose container does not resolve is missing like any `let`
// pointer (it gave sum 0 / count 0 and the match was checked); an empty
// array is there and sums to 0.
TEST(ExpressionRuleRun, AnAggregateOverAnAbsentContainerIsMissing) {
    for (const std::string prefix : {"/", ""}) {  // absolute, and relative to the (root) match
        const Json rule = rule_with({{"let", {{"total", {{"sum", prefix + "not_there/*/places"}}},
                                              {"n", {{"count", prefix + "not_there/*"}}}}},
                                     {"check", {{"left", "total + n"}, {"op", ">="}, {"right", "1"}}},
                                     {"path", nullptr},
                                     {"message", {{"en", "{total} {n}"}, {"nl", "{total} {n}"}}}});
        EXPECT_TRUE(ExprRun(Json::array({rule})).findings(institution()).empty()) << prefix;
        Json zero = rule;
        zero["missing"] = "zero";
        const auto findings = ExprRun(Json::array({zero})).findings(institution());
        ASSERT_EQ(findings.size(), 1u) << prefix;
        EXPECT_EQ(findings[0].message, "0 0");
        // An empty array is there: sum and count are 0, the match is checked.
        Json empty = rule;
        empty["let"]["total"]["sum"] = prefix + "capacity/*/places";
        empty["let"]["n"]["count"] = prefix + "capacity/*";
        Json document = institution();
        document["capacity"] = Json::array();
        ASSERT_EQ(ExprRun(Json::array({empty})).findings(document).size(), 1u) << prefix;
    }
}

TEST(ExpressionRuleRun, ANonFiniteResultIsRuleFailedAndOtherRulesRun) {
    const Json broken = rule_with({{"id", "local.broken"},
                                   {"for_each", "/capacity/*"},
                                   {"let", {{"beds", "beds_year_end"}}},
                                   {"check", {{"left", "1 / (beds - beds)"}, {"op", ">"}, {"right", "0"}}},
                                   {"path", nullptr},
                                   {"message", {{"en", "x"}, {"nl", "x"}}}});
    Json document = institution();
    document["fact"]["certified_teams"] = 8;
    const ExprRun run(Json::array({broken, rule_with()}));
    const SubmissionReport report = validate(run.engine, document);
    const Finding* failed = find(report, "engine.rule-failed", "");
    ASSERT_NE(failed, nullptr);
    EXPECT_HAS(failed->message, "local.broken");
    EXPECT_HAS(failed->message, "check.left `1 / (beds - beds)` is not a finite number at /capacity/0");
    EXPECT_NE(find(report, "local.certified", "/fact/certified_teams"), nullptr);
}

TEST(ExpressionRuleRun, SeverityAndYearsComeFromTheRuleSet) {
    Json document = institution();
    document["fact"]["certified_teams"] = 8;
    const ExprRun raised(Json::array({rule_with()}), R"({"local.certified": {"severity": "error"}})");
    ASSERT_EQ(raised.findings(document).size(), 1u);
    EXPECT_EQ(raised.findings(document)[0].severity, Severity::error);
    const ExprRun off(Json::array({rule_with()}), "{}",
                  R"([{"years": {"from": 2019, "to": 2019}, "rules": {"local.certified": {"enabled": false}}}])");
    EXPECT_TRUE(off.findings(document).empty());
    document["reporting_year"] = 2020;
    document["submitted_at"] = "2021-03-01T10:00:00+01:00";
    EXPECT_EQ(off.findings(document).size(), 1u);
}

TEST(ExpressionRuleRun, AppliesToOneKind) {
    Json document = institution();
    document["fact"]["certified_teams"] = 8;
    EXPECT_TRUE(ExprRun(Json::array({rule_with({{"applies_to", "municipality"}})})).findings(document).empty());
    EXPECT_EQ(ExprRun(Json::array({rule_with({{"applies_to", "institution"}})})).findings(document).size(), 1u);
}

TEST(ExpressionRuleRun, PreviousMakesTheRuleLevelTwo) {
    const ExprRun run(Json::array({rule_with({{"let", {{"now", "/fact/teams"}, {"was", {{"previous", "/fact/teams"}}}}},
                                          {"check", {{"left", "now"}, {"op", ">="}, {"right", "was"}}},
                                          {"message", {{"en", "{now} {was}"}, {"nl", "{now} {was}"}}}})}));
    const CatalogEntry* entry = run.engine.catalog().find("local.certified");
    ASSERT_NE(entry, nullptr);
    EXPECT_EQ(entry->info.level, 2);
    EXPECT_EQ(entry->plugin, "ruleset.json");
}

TEST(ExpressionRuleRun, ASubmitterExplainsAWarning) {
    Json document = institution();
    document["fact"]["certified_teams"] = 8;
    document["explanations"] = Json::array(
        {{{"rule", "local.certified"}, {"path", "/fact/certified_teams"}, {"text", "Two teams were certified twice."}}});
    const auto findings = ExprRun(Json::array({rule_with()})).findings(document);
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_TRUE(findings[0].explained);
}

// Shipped rule sets are chosen by year: an expression rule runs only under
// the rule set that defines it, and another set cannot configure it.
TEST(ExpressionRuleRun, OnlyItsOwnRuleSetRunsIt) {
    test::TempDir data;
    data.write("rules/reference/municipalities.json", read_bytes(source_dir / "rules/reference/municipalities.json"));
    for (const auto& entry : std::filesystem::directory_iterator(source_dir / "schemas")) {
        data.write(std::filesystem::path("schemas") / entry.path().filename(), read_bytes(entry.path()));
    }
    Json early = Json::parse(read_bytes(source_dir / "rules" / "lma-v1.json"));
    early["years"] = {{"from", 2008}, {"to", 2018}};
    early["expressions"] = Json::array({rule_with({{"id", "local.early"}})});
    data.write("rules/a-early.json", early.dump());
    Json late = {{"name", "late"}, {"years", {{"from", 2019}, {"to", 2035}}}, {"rules", Json::object()},
                 {"expressions", Json::array({rule_with({{"id", "local.late"}})})}};
    data.write("rules/b-late.json", late.dump());
    EngineOptions options = engine_options();
    options.data_dir = data.path();
    const Engine engine(options);
    EXPECT_EQ(engine.catalog().find("local.early")->plugin, "a-early.json");
    Json document = institution();
    document["fact"]["certified_teams"] = 8;
    const SubmissionReport report = validate(engine, document);
    EXPECT_NE(find(report, "local.late", "/fact/certified_teams"), nullptr);
    EXPECT_EQ(find(report, "local.early", "/fact/certified_teams"), nullptr);

    late["rules"] = {{"local.early", {{"severity", "error"}}}};
    data.write("rules/b-late.json", late.dump());
    try {
        const Engine refused(options);
        ADD_FAILURE() << "a rule set configured another set's expression rule";
    } catch (const ConfigError& e) {
        EXPECT_HAS(std::string(e.what()), "rule local.early is an expression rule of rule set a-early.json, not of this one");
    }
}

TEST(ExpressionRuleList, RulesListShowsTheRuleSetFileAsPlugin) {
    const ExprRun run(Json::array({rule_with()}));
    const std::string text = rules_as_text(run.engine.catalog(), Language::en);
    EXPECT_HAS(text, "local.certified");
    EXPECT_HAS(text, "ruleset.json");
    const std::string markdown = rules_as_markdown(run.engine.catalog());
    EXPECT_HAS(markdown, "local.certified");
    EXPECT_HAS(markdown, "Gecertificeerde teams binnen teams");
    EXPECT_HAS(markdown, "{certified} gecertificeerd van {teams}");
}

}  // namespace
}  // namespace lmacheck
