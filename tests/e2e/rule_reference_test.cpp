// The rule reference: every rule the program loads (the engine's built-in
// rules, the cross-file rules and every plugin's) describes itself and has
// each message template in English and Dutch; `lmacheck rules --format
// markdown` shows all of it, and docs/rules.md is exactly that output.
#include "support/file_bytes.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"
#include "support/test_paths.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace lmacheck::test;

const fs::path lmacheck_exe = LMACHECK_EXE;
using lmacheck::test_paths::source_dir;

ProcessResult rules(const std::string& format) {
    return run_process({lmacheck_exe.string(), "rules", "--format", format});
}

const json& listed_rules() {
    static const json listing = [] {
        const ProcessResult r = rules("json");
        EXPECT_EQ(r.exit_code, 0) << describe(r);
        return json::parse(r.out).at("rules");
    }();
    return listing;
}

// The placeholders of a template. A value the engine words per language
// (schema.structure's {expected_en} and {expected_nl}) counts as one name.
std::set<std::string> placeholders(const std::string& text) {
    std::set<std::string> names;
    for (std::size_t open = text.find('{'); open != std::string::npos; open = text.find('{', open + 1)) {
        const std::size_t close = text.find('}', open);
        if (close == std::string::npos) break;
        std::string name = text.substr(open + 1, close - open - 1);
        if (name.ends_with("_en") || name.ends_with("_nl")) name.resize(name.size() - 3);
        names.insert(name);
    }
    return names;
}

std::string first_difference(const std::string& expected, const std::string& actual) {
    std::istringstream a(expected), b(actual);
    std::string line_a, line_b;
    for (int line = 1;; ++line) {
        const bool more_a = static_cast<bool>(std::getline(a, line_a));
        const bool more_b = static_cast<bool>(std::getline(b, line_b));
        if (!more_a && !more_b) return "(only line endings differ)";
        if (!more_a || !more_b || line_a != line_b) {
            return "line " + std::to_string(line) + ":\n  docs/rules.md: " + (more_a ? line_a : "<end>") +
                   "\n  the program:   " + (more_b ? line_b : "<end>");
        }
    }
}

TEST(RuleReference, ListsTheEngineRulesAndThePluginRules) {
    std::set<std::string> plugins, ids;
    for (const json& rule : listed_rules()) {
        plugins.insert(rule.at("plugin").get<std::string>());
        ids.insert(rule.at("id").get<std::string>());
    }
    EXPECT_TRUE(plugins.contains("core"));
    EXPECT_GT(plugins.size(), 1u) << "plugin rules are listed too";
    for (const char* id : {"document.unreadable", "document.duplicate-key", "schema.structure", "engine.rule-failed",
                           "explanation.unused", "explanation.on-error", "capacity.occupancy"}) {
        EXPECT_TRUE(ids.contains(id)) << id;
    }
}

TEST(RuleReference, EveryRuleIsDescribedInEnglishAndDutch) {
    for (const json& rule : listed_rules()) {
        SCOPED_TRACE(rule.at("id").get<std::string>());
        const std::string en = rule.at("description"), nl = rule.at("description_nl");
        EXPECT_FALSE(en.empty());
        EXPECT_FALSE(nl.empty());
        EXPECT_NE(en, nl) << "the Dutch description is a translation, not a copy";
    }
}

TEST(RuleReference, EveryMessageTemplateIsInEnglishAndDutchWithTheSamePlaceholders) {
    for (const json& rule : listed_rules()) {
        SCOPED_TRACE(rule.at("id").get<std::string>());
        ASSERT_TRUE(rule.contains("messages"));
        EXPECT_FALSE(rule.at("messages").empty()) << "a rule without messages cannot report anything";
        std::set<std::string> ids;
        for (const json& message : rule.at("messages")) {
            const std::string id = message.at("id"), en = message.at("en"), nl = message.at("nl");
            SCOPED_TRACE(id);
            EXPECT_TRUE(ids.insert(id).second) << "message id twice";
            EXPECT_FALSE(en.empty());
            EXPECT_FALSE(nl.empty());
            EXPECT_NE(en, nl);
            EXPECT_EQ(placeholders(en), placeholders(nl));
        }
    }
}

TEST(RuleReference, MarkdownShowsEveryRuleOptionAndMessage) {
    const ProcessResult r = rules("markdown");
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    const std::string& md = r.out;
    for (const json& rule : listed_rules()) {
        const std::string id = rule.at("id");
        SCOPED_TRACE(id);
        const std::size_t section = md.find("### `" + id + "`\n");
        ASSERT_NE(section, std::string::npos);
        const std::size_t end = md.find("\n### ", section + 1);
        const std::string text = md.substr(section, end == std::string::npos ? std::string::npos : end - section);
        EXPECT_NE(text.find("default severity **" + rule.at("severity").get<std::string>() + "**"), std::string::npos);
        EXPECT_NE(text.find(rule.at("description").get<std::string>()), std::string::npos);
        EXPECT_NE(text.find(rule.at("description_nl").get<std::string>()), std::string::npos);
        for (const auto& [name, value] : rule.at("options").items()) {
            EXPECT_NE(text.find("| `" + name + "` |"), std::string::npos) << name;
            EXPECT_NE(text.find("`" + value.dump() + "`"), std::string::npos) << name << " default " << value;
        }
        for (const json& message : rule.at("messages")) {
            EXPECT_NE(text.find("| `" + message.at("id").get<std::string>() + "` |"), std::string::npos);
        }
    }
}

TEST(RuleReference, DocsRulesMdIsTheProgramsOutput) {
    const ProcessResult r = rules("markdown");
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    const std::string committed = read_bytes(source_dir / "docs/rules.md");
    EXPECT_TRUE(committed == r.out)
        << "docs/rules.md is out of date with the rules the program loads. Regenerate it with\n"
        << "  scripts/update-docs.sh\n"
        << "or, in a configured build directory,\n"
        << "  cmake --build build --target update-docs\n"
        << "and commit the result. First difference at " << first_difference(committed, r.out);
}

// `lmacheck rules ID`: one rule in full, with the values each rule set puts
// in force; `--print-ruleset --year Y`: the rule set in force for a year.

ProcessResult lmacheck(std::vector<std::string> args) {
    args.insert(args.begin(), lmacheck_exe.string());
    return run_process(args);
}

// lma-v1's occupancy range, tightened for 2012..2013 and switched off in 2014.
std::string ruleset_with_overrides() {
    return R"({
  "name": "lma-test",
  "years": { "from": 2008, "to": 2035 },
  "rules": { "capacity.occupancy": { "severity": "error", "options": { "min_occupancy": 0.6 } } },
  "overrides": [
    { "years": { "from": 2012, "to": 2013 },
      "rules": { "capacity.occupancy": { "severity": "info", "options": { "max_occupancy": 0.9 } } } },
    { "years": { "from": 2014, "to": 2014 }, "rules": { "capacity.occupancy": { "enabled": false } } }
  ]
})";
}

TEST(RulesCommand, OneRuleInFullWithTheShippedValuesInForce) {
    const ProcessResult r = lmacheck({"rules", "capacity.occupancy"});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    for (const std::string expected :
         {"capacity.occupancy\n", "Occupancy, bed_days", "Nederlands: ", "Level:       1 (within one submission)",
          "Severity:    warning (default)", "Applies to:  institutions", "Plugin:      capacity",
          "  min_occupancy (number), default 0.5", "  max_occupancy (number), default 1.0",
          "In force:\n  lma-v1 (2008..2035): severity warning; options max_occupancy=1, min_occupancy=0.5\n",
          "Messages ({name} is filled in from the finding):", "Example, in a rule set",
          R"("rules": { "capacity.occupancy": {"severity":"warning","options":{"max_occupancy":1.0,"min_occupancy":0.5}} })",
          R"("explanations": [ { "rule": "capacity.occupancy")"}) {
        EXPECT_NE(r.out.find(expected), std::string::npos) << "missing: " << expected << "\n" << r.out;
    }
    const json& listed = *std::find_if(listed_rules().begin(), listed_rules().end(),
                                       [](const json& rule) { return rule.at("id") == "capacity.occupancy"; });
    for (const json& message : listed.at("messages")) {
        EXPECT_NE(r.out.find("      en: " + message.at("en").get<std::string>()), std::string::npos) << r.out;
        EXPECT_NE(r.out.find("      nl: " + message.at("nl").get<std::string>()), std::string::npos) << r.out;
    }
}

TEST(RulesCommand, ValuesInForceFollowTheRuleSetAndTheYear) {
    const TempDir dir;
    const fs::path ruleset = dir.write("lma-test.json", ruleset_with_overrides());
    const auto in_force = [&](const std::string& year) {
        std::vector<std::string> args{"rules", "capacity.occupancy", "--format", "json", "--ruleset", ruleset.string()};
        if (!year.empty()) args.insert(args.end(), {"--year", year});
        const ProcessResult r = lmacheck(args);
        EXPECT_EQ(r.exit_code, 0) << describe(r);
        return json::parse(r.out).at("in_force");
    };
    EXPECT_EQ(in_force(""), json::parse(R"([{"ruleset": "lma-test", "years": "2008..2035", "enabled": true,
        "severity": "error", "options": {"max_occupancy": 1.0, "min_occupancy": 0.6}}])"));
    EXPECT_EQ(in_force("2012"), json::parse(R"([{"ruleset": "lma-test", "years": "2012", "enabled": true,
        "severity": "info", "options": {"max_occupancy": 0.9, "min_occupancy": 0.6}}])"));
    EXPECT_EQ(in_force("2014"), json::parse(R"([{"ruleset": "lma-test", "years": "2014", "enabled": false}])"));

    const ProcessResult text =
        lmacheck({"rules", "capacity.occupancy", "--ruleset", ruleset.string(), "--year", "2014", "--lang", "nl"});
    ASSERT_EQ(text.exit_code, 0) << describe(text);
    EXPECT_NE(text.out.find("Van kracht:\n  lma-test (2014): uitgeschakeld\n"), std::string::npos) << text.out;
}

TEST(RulesCommand, LevelZeroRuleAlwaysRunsAsAnError) {
    const ProcessResult r = lmacheck({"rules", "schema.structure"});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_NE(r.out.find("  lma-v1 (2008..2035): always runs, as an error\n"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Example: none;"), std::string::npos) << r.out;
}

TEST(RulesCommand, AnUnknownRuleIdIsAnErrorWithASuggestion) {
    const ProcessResult r = lmacheck({"rules", "capacity.ocupancy"});
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    EXPECT_EQ(r.out, "");
    EXPECT_NE(r.err.find("no loaded rule is called capacity.ocupancy; did you mean capacity.occupancy?"),
              std::string::npos)
        << describe(r);
}

TEST(RulesCommand, PrintRulesetShowsTheYearsSettingsAndLoadsBackTheSame) {
    const TempDir dir;
    const fs::path ruleset = dir.write("lma-test.json", ruleset_with_overrides());
    const ProcessResult printed = lmacheck({"rules", "--print-ruleset", "--year", "2012", "--ruleset", ruleset.string()});
    ASSERT_EQ(printed.exit_code, 0) << describe(printed);
    const json set = json::parse(printed.out);
    EXPECT_EQ(set.at("name"), "lma-test");
    EXPECT_EQ(set.at("years"), json::parse(R"({"from": 2012, "to": 2012})"));
    EXPECT_EQ(set.at("rules").at("capacity.occupancy"), json::parse(R"({"enabled": true, "severity": "info",
        "options": {"max_occupancy": 0.9, "min_occupancy": 0.6}})"));
    EXPECT_FALSE(set.at("rules").contains("schema.structure")) << "a rule set cannot name a level-0 rule";
    const auto configurable = std::count_if(listed_rules().begin(), listed_rules().end(),
                                            [](const json& rule) { return rule.at("level") != 0; });
    EXPECT_EQ(static_cast<std::ptrdiff_t>(set.at("rules").size()), configurable) << "every configurable rule";

    // What it prints is a rule set: loaded back, it prints the same settings
    // (as JSON values: a rule set's 3.0 is read as the integer 3).
    const fs::path saved = dir.write("printed.json", printed.out);
    const ProcessResult again = lmacheck({"rules", "--print-ruleset", "--year", "2012", "--ruleset", saved.string()});
    ASSERT_EQ(again.exit_code, 0) << describe(again);
    EXPECT_EQ(json::parse(again.out), set);

    const ProcessResult off = lmacheck({"rules", "--print-ruleset", "--year", "2014", "--ruleset", ruleset.string()});
    ASSERT_EQ(off.exit_code, 0) << describe(off);
    EXPECT_EQ(json::parse(off.out).at("rules").at("capacity.occupancy"), json::parse(R"({"enabled": false})"));
}

TEST(RulesCommand, PrintRulesetOfTheShippedSetForAYear) {
    const ProcessResult r = lmacheck({"rules", "--print-ruleset", "--year", "2019"});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    const json set = json::parse(r.out);
    EXPECT_EQ(set.at("name"), "lma-v1");
    EXPECT_EQ(set.at("rules").at("capacity.occupancy"), json::parse(R"({"enabled": true, "severity": "warning",
        "options": {"max_occupancy": 1.0, "min_occupancy": 0.5}})"));
}

TEST(RulesCommand, PrintRulesetNeedsAYearThatARuleSetCovers) {
    const ProcessResult without_year = lmacheck({"rules", "--print-ruleset"});
    EXPECT_EQ(without_year.exit_code, 2) << describe(without_year);
    EXPECT_NE(without_year.err.find("--print-ruleset needs --year"), std::string::npos) << describe(without_year);
    const ProcessResult uncovered = lmacheck({"rules", "--print-ruleset", "--year", "2007"});
    EXPECT_EQ(uncovered.exit_code, 2) << describe(uncovered);
    EXPECT_NE(uncovered.err.find("no rule set covers reporting year 2007 (lma-v1 2008..2035)"), std::string::npos)
        << describe(uncovered);
    EXPECT_EQ(uncovered.out, "");
}

}  // namespace

