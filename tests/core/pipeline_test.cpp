// The run pipeline around level-3 rules loaded as plugins (engine/pipeline.hpp,
// lmacheck/aggregate.hpp): their run order, their failures, what the catalog
// refuses; and the positions the document phase keeps for later findings.
#include "document/document.hpp"
#include "engine/engine.hpp"
#include "engine/pipeline.hpp"
#include "model/config_error.hpp"
#include "support/test_paths.hpp"
#include "support/text_expectations.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <initializer_list>
#include <string>
#include <vector>

namespace lmacheck {
namespace {

namespace fs = std::filesystem;

using lmacheck::test_paths::source_dir;
using lmacheck::test_paths::plugin_dir;
using lmacheck::test_paths::test_plugin_dir;

EngineOptions options_with(const std::string& test_case) {
    EngineOptions options;
    options.data_dir = source_dir;
    options.plugin_dirs = {plugin_dir, test_plugin_dir / ("aggregate-" + test_case)};
    return options;
}

std::string engine_error_of(const std::string& test_case) {
    try {
        const Engine engine(options_with(test_case));
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "";
}

using test::expect_mentions;

std::vector<const Finding*> findings_of(const SubmissionReport& s, const std::string& rule) {
    std::vector<const Finding*> found;
    for (const Finding& f : s.findings) {
        if (f.rule == rule) found.push_back(&f);
    }
    return found;
}

RunReport valid_samples(const Engine& engine) {
    return judge_run(engine, collect_inputs({(source_dir / "samples" / "valid").string()}), 2);
}

TEST(AggregateRules, RunAfterTheRulesTheyNameWhateverTheirIds) {
    const Engine engine(options_with("ordered"));
    const RunReport run = valid_samples(engine);
    ASSERT_FALSE(run.submissions.empty());
    for (const SubmissionReport& s : run.submissions) {
        ASSERT_EQ(findings_of(s, "test.z-rejects").size(), 1u) << s.file;
        const auto counts = findings_of(s, "test.a-counts");
        ASSERT_EQ(counts.size(), 1u) << s.file;
        // test.z-rejects rejected every file before test.a-counts ran: no
        // submission of any year is accepted any more. In id order it would
        // have counted the run's valid files.
        EXPECT_EQ(counts[0]->message, "found 0") << s.file;
        EXPECT_EQ(counts[0]->level, 3);
        EXPECT_EQ(counts[0]->path, "");
        ASSERT_TRUE(counts[0]->position.has_value());
        EXPECT_EQ(counts[0]->position->line, 1);
        const auto z = std::find(s.rules_run.begin(), s.rules_run.end(), "test.z-rejects");
        const auto a = std::find(s.rules_run.begin(), s.rules_run.end(), "test.a-counts");
        ASSERT_NE(z, s.rules_run.end());
        EXPECT_LT(z, a) << "rules_run lists the level-3 rules in the order they ran";
    }
}

TEST(AggregateRules, AThrowingCollectIsRuleFailedOnThatFileAndTheRunGoesOn) {
    const Engine engine(options_with("throw-in-collect"));
    const RunReport run = valid_samples(engine);
    for (const SubmissionReport& s : run.submissions) {
        const auto failed = findings_of(s, "engine.rule-failed");
        ASSERT_EQ(failed.size(), 1u) << s.file;
        expect_mentions(failed[0]->message, {"test.aggregate", "collect broke"});
        EXPECT_FALSE(s.accepted());
        // The other rules still ran on the file.
        const std::string level1 = s.kind == "institution" ? "capacity.occupancy" : "municipality.clients-per-place";
        EXPECT_NE(std::find(s.rules_run.begin(), s.rules_run.end(), level1), s.rules_run.end()) << s.file;
    }
}

TEST(AggregateRules, AThrowingCheckRunIsRuleFailedOnEveryTarget) {
    const Engine engine(options_with("throw-in-check-run"));
    const RunReport run = valid_samples(engine);
    for (const SubmissionReport& s : run.submissions) {
        const auto failed = findings_of(s, "engine.rule-failed");
        ASSERT_EQ(failed.size(), 1u) << s.file;
        expect_mentions(failed[0]->message, {"test.aggregate", "check_run broke"});
        // The shipped level-3 rules ran all the same.
        EXPECT_NE(std::find(s.rules_run.begin(), s.rules_run.end(), "cross.duplicate-submission"), s.rules_run.end());
    }
}

// A check may only report on its targets: a finding on any other entry
// (here a municipality, for a rule of institutions) would land on a file the
// rule never ran on. The check fails instead, and keeps none of its findings.
TEST(AggregateRules, AFindingOnANonTargetFailsTheCheck) {
    const Engine engine(options_with("report-on-non-target"));
    const RunReport run = valid_samples(engine);
    for (const SubmissionReport& s : run.submissions) {
        EXPECT_TRUE(findings_of(s, "test.aggregate").empty()) << s.file;
        const auto failed = findings_of(s, "engine.rule-failed");
        if (s.kind == "institution") {
            ASSERT_EQ(failed.size(), 1u) << s.file;
            expect_mentions(failed[0]->message, {"test.aggregate", "none of the rule's targets"});
        } else {
            EXPECT_TRUE(failed.empty()) << s.file;
        }
    }
}

TEST(AggregateRules, TheCatalogRefusesWhatWouldNeverRunOrHasNoOrder) {
    expect_mentions(engine_error_of("aggregate-at-level-1"), {"test.aggregate", "level 1", "AggregateCheck"});
    expect_mentions(engine_error_of("after-unknown"), {"test.aggregate", "test.nope", "no level-3 rule"});
    expect_mentions(engine_error_of("after-cycle"), {"test.a-counts", "test.z-rejects", "no order"});
    expect_mentions(engine_error_of("after-on-level-1"), {"test.plain", "only level-3 rules"});
}

TEST(AggregateRules, TheShippedLevel3RulesArePlugins) {
    const Engine engine(options_with("ordered"));
    for (const char* id : {"cross.duplicate-submission", "cross.sheltered-housing-region"}) {
        const CatalogEntry* entry = engine.catalog().find(id);
        ASSERT_NE(entry, nullptr) << id;
        EXPECT_EQ(entry->plugin, "cross");
        EXPECT_EQ(entry->info.level, 3);
    }
    const auto& order = engine.catalog().level3_order();
    const auto position = [&](const char* id) {
        return std::find_if(order.begin(), order.end(), [&](const CatalogEntry* e) { return e->info.id == id; });
    };
    EXPECT_LT(position("cross.duplicate-submission"), position("cross.sheltered-housing-region"));
}

// Level-3 findings point at the whole document; the document phase keeps
// where it starts without building the position index.
TEST(DocumentRoot, RootPositionIsPositionOfTheEmptyPointer) {
    for (const std::string& text : {std::string("{}"), std::string("\n\n   {\"a\": 1}"), std::string("\xEF\xBB\xBF\t[1]"),
                                   std::string("\r\n \"\xC3\xA9\"")}) {
        const Document document = parse_document(text, "t.json", LoadLimits{});
        ASSERT_TRUE(document.json.has_value()) << text;
        const auto root = document.root_position();
        const auto indexed = document.position_of("");
        ASSERT_TRUE(root && indexed) << text;
        EXPECT_EQ(root->line, indexed->line) << text;
        EXPECT_EQ(root->column, indexed->column) << text;
    }
    EXPECT_FALSE(parse_document("{", "t.json", LoadLimits{}).root_position().has_value());
}

}  // namespace
}  // namespace lmacheck
