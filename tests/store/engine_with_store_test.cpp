// The engine with a store: which level-2 and level-3 rules run or are
// skipped and why, history.resubmission, level-3 findings with their related
// files, explanations of level-2 and level-3 warnings, counts and summary
// after the level-3 pass, and storing only what was accepted.
#include "store_test_support.hpp"

#include "engine/pipeline.hpp"
#include "engine/engine.hpp"
#include "acceptance/acceptance.hpp"

#include <gtest/gtest.h>

namespace lmacheck {
namespace {

using namespace lmacheck::storetest;
using nlohmann::json;

constexpr const char* no_previous_reason = "the store holds no accepted submission of an earlier year";

class EngineWithStore : public ::testing::Test {
protected:
    EngineWithStore() : store_(SubmissionStore::open(dir_ / "store.db", SubmissionStore::Access::read_write)) {
        EngineOptions options;
        options.data_dir = source_dir;
        options.plugin_dirs = {LMACHECK_PLUGIN_DIR};
        options.store = store_;
        engine_ = std::make_unique<Engine>(std::move(options));
    }

    // Judges the files as one run, the level-3 phase included, keeping
    // their bytes for storing.
    JudgedRun judge_keeping(const std::vector<std::pair<std::string, json>>& files) {
        std::vector<InputFile> inputs;
        for (const auto& [name, document] : files) {
            inputs.push_back(InputFile{name, name, ""});
            inputs.back().bytes = std::make_shared<const std::string>(document.dump(2));
        }
        return judge_files(*engine_, inputs, RunOptions{1, {}, true});
    }
    RunReport judge(const std::vector<std::pair<std::string, json>>& files) { return judge_keeping(files).report; }
    SubmissionReport judge_one(const std::string& name, const json& document) {
        return judge({{name, document}}).submissions.at(0);
    }
    // Judges and stores, as `lmacheck accept` does.
    RunReport accept(const std::vector<std::pair<std::string, json>>& files) {
        JudgedRun run = judge_keeping(files);
        store_accepted(*store_, run, *engine_);
        return run.report;
    }

    static std::vector<const Finding*> findings_of(const SubmissionReport& s, const std::string& rule) {
        std::vector<const Finding*> found;
        for (const Finding& f : s.findings) {
            if (f.rule == rule) found.push_back(&f);
        }
        return found;
    }
    static std::string reason_skipped(const SubmissionReport& s, const std::string& rule) {
        for (const SkippedRule& r : s.skipped_rules) {
            if (r.rule == rule) return r.reason;
        }
        return "";
    }

    TempDir dir_;
    std::shared_ptr<SubmissionStore> store_;
    std::unique_ptr<Engine> engine_;
};

TEST_F(EngineWithStore, WithoutAnEarlierYearLevelTwoRulesAreSkippedAndSaySo) {
    const SubmissionReport s = judge_one("a.json", sample("valid/institution-2019.json"));
    EXPECT_TRUE(s.accepted());
    EXPECT_EQ(reason_skipped(s, "history.capacity-change"), no_previous_reason);
    EXPECT_EQ(reason_skipped(s, "history.fact-teams-drop"), no_previous_reason);
    // The engine's own level-2 rule and the level-3 rules ran.
    EXPECT_EQ(reason_skipped(s, "history.resubmission"), "");
    EXPECT_EQ(reason_skipped(s, "cross.duplicate-submission"), "");
    EXPECT_TRUE(s.findings.empty());
}

TEST_F(EngineWithStore, ComparesWithThePreviousYearAndHonoursExplanations) {
    accept({{"samples/history/2018/institution-2018.json", sample("history/2018/institution-2018.json")}});
    const SubmissionReport s = judge_one("i2019.json", sample("history/2019/institution-2019.json"));
    // Every rule ran but those that need a register or more than one
    // submitter (the plausibility rules' peer groups).
    for (const SkippedRule& skipped : s.skipped_rules) {
        EXPECT_TRUE(skipped.rule.starts_with("register.") || skipped.rule.starts_with("plausibility."))
            << skipped.rule << ": " << skipped.reason;
    }
    const auto changes = findings_of(s, "history.capacity-change");
    ASSERT_EQ(changes.size(), 2u);
    EXPECT_EQ(changes[0]->path, "/capacity_totals/wlz/places");
    EXPECT_FALSE(changes[0]->explained);
    EXPECT_EQ(changes[0]->level, 2);
    EXPECT_NE(changes[0]->message.find("in 2018"), std::string::npos) << changes[0]->message;
    EXPECT_EQ(changes[0]->expected, json(18.0));
    EXPECT_EQ(changes[0]->actual, json(11.0));
    ASSERT_TRUE(changes[0]->position.has_value());
    EXPECT_EQ(changes[1]->path, "/capacity_totals/wmo_bw/places");
    EXPECT_TRUE(changes[1]->explained);
    EXPECT_EQ(s.counts.warning, 1);
    EXPECT_EQ(s.counts.explained, 1);
    EXPECT_TRUE(s.accepted());
}

TEST_F(EngineWithStore, PreviousIsTheLatestEarlierAcceptedYear) {
    const json y2019 = sample("history/2019/institution-2019.json");
    json y2016 = in_year(sample("history/2018/institution-2018.json"), 2016);
    y2016["fact"]["certified_teams"] = 5;  // more than 2019's 4
    accept({{"2016.json", y2016}});
    auto s = judge_one("2019.json", y2019);
    ASSERT_EQ(findings_of(s, "history.fact-teams-drop").size(), 1u);
    EXPECT_NE(findings_of(s, "history.fact-teams-drop")[0]->message.find("2016"), std::string::npos);
    // Once 2018 is accepted, 2019 is compared with 2018 (4 certified teams).
    accept({{"2018.json", sample("history/2018/institution-2018.json")}});
    s = judge_one("2019.json", y2019);
    EXPECT_TRUE(findings_of(s, "history.fact-teams-drop").empty());
}

TEST_F(EngineWithStore, AResubmissionIsAnInfoFinding) {
    const json original = sample("valid/institution-2019.json");
    accept({{"first.json", original}});
    json changed = original;
    changed["clients"]["epa"] = 2000;
    const SubmissionReport replaces = judge_one("second.json", changed);
    const auto info = findings_of(replaces, "history.resubmission");
    ASSERT_EQ(info.size(), 1u);
    EXPECT_EQ(info[0]->severity, Severity::info);
    EXPECT_EQ(info[0]->path, "");
    EXPECT_NE(info[0]->message.find("replaces"), std::string::npos) << info[0]->message;
    EXPECT_NE(info[0]->message.find("first.json"), std::string::npos) << info[0]->message;
    EXPECT_TRUE(replaces.accepted());

    const SubmissionReport identical = judge_one("again.json", original);
    ASSERT_EQ(findings_of(identical, "history.resubmission").size(), 1u);
    EXPECT_NE(findings_of(identical, "history.resubmission")[0]->message.find("identical"), std::string::npos);
}

TEST_F(EngineWithStore, TwoFilesForOneSubmitterAndYearAreBothRejected) {
    const json a = sample("valid/institution-2019.json");
    json b = a;
    b["clients"]["epa"] = 2000;
    JudgedRun judged = judge_keeping({{"a.json", a}, {"b.json", b}, {"m.json", sample("valid/municipality-2019-central.json")}});
    const RunReport& run = judged.report;
    EXPECT_EQ(run.summary.rejected, 2);
    EXPECT_EQ(run.summary.accepted, 1);
    EXPECT_EQ(run.summary.errors, 2);
    for (std::size_t i = 0; i < 2; ++i) {
        const SubmissionReport& s = run.submissions[i];
        EXPECT_FALSE(s.accepted()) << s.file;
        EXPECT_EQ(s.counts.error, 1) << s.file;
        const auto duplicates = findings_of(s, "cross.duplicate-submission");
        ASSERT_EQ(duplicates.size(), 1u);
        EXPECT_EQ(duplicates[0]->level, 3);
        EXPECT_EQ(duplicates[0]->path, "");
        ASSERT_EQ(duplicates[0]->related.size(), 1u);
        EXPECT_EQ(duplicates[0]->related[0].file, i == 0 ? "b.json" : "a.json");
    }
    // Rejected submissions are never stored.
    store_accepted(*store_, judged, *engine_);
    EXPECT_TRUE(store_->versions("06290417", std::nullopt).empty());
    EXPECT_EQ(store_->versions("GM0599", std::nullopt).size(), 1u);
}

// Vlissingen 2019 with 80 places against the 50 wmo_bw places of the
// region's institution (gap 0.375).
json vlissingen_with_80_places() {
    json m = sample("history/2019/municipality-2019.json");
    m["sheltered_housing"]["places"] = 80;
    return m;
}

TEST_F(EngineWithStore, RegionGapCountsInstitutionsAcceptedEarlier) {
    accept({{"samples/history/2019/institution-2019.json", sample("history/2019/institution-2019.json")}});
    const SubmissionReport s = judge_one("vlissingen.json", vlissingen_with_80_places());
    const auto gaps = findings_of(s, "cross.sheltered-housing-region");
    ASSERT_EQ(gaps.size(), 1u);
    EXPECT_EQ(gaps[0]->severity, Severity::warning);
    EXPECT_EQ(gaps[0]->path, "");
    EXPECT_EQ(gaps[0]->expected, json(50.0));
    EXPECT_EQ(gaps[0]->actual, json(80));
    ASSERT_EQ(gaps[0]->related.size(), 3u);
    for (const Related& r : gaps[0]->related) EXPECT_EQ(r.file, "samples/history/2019/institution-2019.json");
    EXPECT_EQ(gaps[0]->related[0].path, "/capacity/2/places");
    EXPECT_EQ(s.counts.warning, 1);
}

TEST_F(EngineWithStore, RegionGapUsesTheRunsVersionOfAnInstitution) {
    json earlier = sample("history/2019/institution-2019.json");
    accept({{"earlier.json", earlier}});
    // The run's own version has 30 more places at VLI-02: 80 in the region.
    json now = earlier;
    now["capacity"][4]["beds_year_end"] = 48;
    now["capacity"][4]["bed_days"] = 16790;
    now["capacity"][4]["places"] = 46.0;
    now["capacity_totals"]["wmo_bw"] = {{"beds_year_end", 88}, {"bed_days", 29200}, {"places", 80.0}, {"clients", 68}};
    const RunReport run = judge({{"now.json", now}, {"vlissingen.json", vlissingen_with_80_places()}});
    EXPECT_TRUE(run.submissions[0].accepted());
    EXPECT_TRUE(findings_of(run.submissions[1], "cross.sheltered-housing-region").empty());
}

TEST_F(EngineWithStore, ExplanationsOfLevelThreeWarnings) {
    accept({{"i.json", sample("history/2019/institution-2019.json")}});
    json explained = vlissingen_with_80_places();
    explained["explanations"] = {{{"rule", "cross.sheltered-housing-region"},
                                  {"path", ""},
                                  {"text", "Thirty places are commissioned from a provider outside the monitor."}}};
    const SubmissionReport s = judge_one("vlissingen.json", explained);
    ASSERT_EQ(findings_of(s, "cross.sheltered-housing-region").size(), 1u);
    EXPECT_TRUE(findings_of(s, "cross.sheltered-housing-region")[0]->explained);
    EXPECT_EQ(s.counts.warning, 0);
    EXPECT_EQ(s.counts.explained, 1);
    EXPECT_TRUE(findings_of(s, "explanation.unused").empty());

    // The same explanation where the region adds up is unused, once.
    json adds_up = sample("history/2019/municipality-2019.json");
    adds_up["explanations"] = explained["explanations"];
    const SubmissionReport unused = judge_one("vlissingen.json", adds_up);
    const auto found = findings_of(unused, "explanation.unused");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0]->path, "/explanations/0");
    EXPECT_TRUE(found[0]->position.has_value());
    EXPECT_EQ(unused.counts.info, 1);
}

TEST_F(EngineWithStore, AnExplanationOfADuplicateIsAnExplanationOfAnError) {
    json a = sample("valid/municipality-2019-central.json");
    a["explanations"] = {{{"rule", "cross.duplicate-submission"}, {"path", ""}, {"text", "Sent twice by mistake."}}};
    const RunReport run = judge({{"a.json", a}, {"b.json", sample("valid/municipality-2019-central.json")}});
    const SubmissionReport& s = run.submissions[0];
    EXPECT_EQ(findings_of(s, "explanation.on-error").size(), 1u);
    EXPECT_FALSE(s.accepted());
}

TEST_F(EngineWithStore, AStructurallyBrokenDocumentSkipsLevelsTwoAndThree) {
    json broken = sample("valid/institution-2019.json");
    broken["clients"]["epa"] = -1;
    const RunReport run = judge({{"a.json", broken}, {"b.json", sample("valid/institution-2019.json")}});
    EXPECT_EQ(reason_skipped(run.submissions[0], "cross.duplicate-submission"), "the document has structural errors");
    EXPECT_EQ(reason_skipped(run.submissions[0], "history.resubmission"), "the document has structural errors");
    // A broken file is no duplicate of a sound one.
    EXPECT_TRUE(run.submissions[1].accepted());
}

// Two processes race: this file was judged while the store held a version
// submitted earlier, and another process stored one submitted later before
// this file was stored. The store keeps the later one current, and the
// report, judged as a resubmission that replaces, now says what happened.
TEST_F(EngineWithStore, AFileFoundOlderWhenStoredGetsTheOlderVersionFinding) {
    json first = sample("valid/institution-2019.json");
    first["submitted_at"] = "2020-03-01T10:00:00Z";
    json mine = first;
    mine["submitted_at"] = "2020-03-10T10:00:00Z";
    mine["clients"]["epa"] = 2001;
    json racing = first;
    racing["submitted_at"] = "2020-03-20T10:00:00Z";
    racing["clients"]["epa"] = 2002;
    accept({{"first.json", first}});

    JudgedRun judged = judge_keeping({{"mine.json", mine}});
    const RunReport& run = judged.report;
    ASSERT_EQ(findings_of(run.submissions[0], "history.resubmission").size(), 1u);
    EXPECT_TRUE(findings_of(run.submissions[0], "history.older-version").empty());
    accept({{"racing.json", racing}});  // the other process, in between

    store_accepted(*store_, judged, *engine_);
    const SubmissionReport& s = run.submissions[0];
    EXPECT_EQ(s.stored, std::optional<bool>(true));
    EXPECT_TRUE(findings_of(s, "history.resubmission").empty());
    const auto older = findings_of(s, "history.older-version");
    ASSERT_EQ(older.size(), 1u);
    EXPECT_EQ(older[0]->severity, Severity::info);
    EXPECT_NE(older[0]->message.find("racing.json"), std::string::npos) << older[0]->message;
    EXPECT_EQ(s.counts.info, 1);
    const auto current = store_->current(Kind::institution, "06290417", 2019);
    ASSERT_TRUE(current.has_value());
    EXPECT_EQ(current->file, "racing.json");
    EXPECT_EQ(store_->versions("06290417", 2019).size(), 3u);
}

}  // namespace
}  // namespace lmacheck
