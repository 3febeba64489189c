// The rule reference: every rule the program loads (the engine's built-in
// rules, the cross-file rules and every plugin's) describes itself and has
// each message template in English and Dutch; `lmacheck rules --format
// markdown` shows all of it, and docs/rules.md is exactly that output.
#include "support/file_bytes.hpp"
#include "support/subprocess.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <set>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace lmacheck::test;

const fs::path lmacheck_exe = LMACHECK_EXE;
const fs::path source_dir = LMACHECK_SOURCE_DIR;

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

}  // namespace
