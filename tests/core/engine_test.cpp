// Engine semantics from the rule catalog's general part: level order and
// skipping, explanations, severities from the rule set, finding order.
#include "engine_test_support.hpp"

#include "engine/inputs.hpp"
#include "engine/pipeline.hpp"

#include <gtest/gtest.h>

namespace lmacheck {
namespace {

using namespace lmacheck::testing;

class EngineTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() { engine_ = new Engine(engine_options()); }
    static void TearDownTestSuite() {
        delete engine_;
        engine_ = nullptr;
    }
    static const Engine& engine() { return *engine_; }

    // A valid 2019 institution with capacity record 0's occupancy driven below
    // the minimum (bed_days reduced, places kept consistent).
    static nlohmann::json low_occupancy_document() {
        nlohmann::json doc = sample("valid/institution-2019.json");
        auto& record = doc["capacity"][0];
        const long long low_bed_days = record["beds_year_end"].get<long long>() * 365 / 4;  // occupancy 0.25
        const long long delta = record["bed_days"].get<long long>() - low_bed_days;
        record["bed_days"] = low_bed_days;
        record["places"] = static_cast<double>(low_bed_days) / 365.0;
        auto& totals = doc["capacity_totals"][record["financing"].get<std::string>()];
        totals["bed_days"] = totals["bed_days"].get<long long>() - delta;
        double places = 0;
        for (const auto& r : doc["capacity"]) {
            if (r["financing"] == record["financing"]) places += r["places"].get<double>();
        }
        totals["places"] = places;
        return doc;
    }

private:
    static inline Engine* engine_ = nullptr;
};

TEST_F(EngineTest, ValidSampleIsAcceptedWithMetadata) {
    const SubmissionReport report = validate(engine(), sample("valid/institution-2019.json"));
    EXPECT_TRUE(report.accepted());
    EXPECT_TRUE(report.findings.empty());
    EXPECT_EQ(report.kind, "institution");
    EXPECT_EQ(report.reporting_year, 2019);
    EXPECT_EQ(report.ruleset, "lma-v1");
    ASSERT_TRUE(report.sha256.has_value());
    EXPECT_EQ(report.sha256->size(), 64u);
    // Without a store the level-2 rules are skipped; level-3 rules look
    // across the files of the run. Also skipped: the register rules (no
    // register in the shipped data directory) and the plausibility rules,
    // which have no peers in a run of one file.
    for (const SkippedRule& skipped : report.skipped_rules) {
        if (skipped.rule.starts_with("register.")) {
            EXPECT_EQ(skipped.reason, "no register ccaf in rules/registers/") << skipped.rule;
        } else if (skipped.rule.starts_with("plausibility.")) {
            EXPECT_EQ(engine().catalog().find(skipped.rule)->info.level, 3) << skipped.rule;
        } else {
            EXPECT_EQ(skipped.reason, "no --store given") << skipped.rule;
            EXPECT_EQ(engine().catalog().find(skipped.rule)->info.level, 2) << skipped.rule;
        }
    }
}

TEST_F(EngineTest, StructuralErrorsSkipLevelOneRulesOfTheKind) {
    nlohmann::json doc = low_occupancy_document();
    doc["clients"]["epa"] = -1;
    const SubmissionReport report = validate(engine(), doc);
    ASSERT_EQ(report.findings.size(), 1u);
    EXPECT_EQ(report.findings[0].rule, "schema.structure");
    EXPECT_EQ(report.findings[0].path, "/clients/epa");
    EXPECT_EQ(find(report, "capacity.occupancy", "/capacity/0/bed_days"), nullptr);
    bool occupancy_skipped = false;
    for (const SkippedRule& skipped : report.skipped_rules) {
        // The catalog's one reason for every rule above level 0, level-2
        // rules (which would need a store too) included.
        EXPECT_EQ(skipped.reason, "the document has structural errors") << skipped.rule;
        EXPECT_NE(skipped.rule, "municipality.budget-per-place") << "rules of the other kind are not listed";
        if (skipped.rule == "capacity.occupancy") occupancy_skipped = true;
    }
    EXPECT_TRUE(occupancy_skipped);
}

TEST_F(EngineTest, ExplainedWarningIsKeptButNotCounted) {
    nlohmann::json doc = low_occupancy_document();
    doc["explanations"] = {{{"rule", "capacity.occupancy"}, {"path", "/capacity/0/bed_days"},
                            {"text", "Ward closed for renovation from March to September."}}};
    const SubmissionReport report = validate(engine(), doc);
    const Finding* warning = find(report, "capacity.occupancy", "/capacity/0/bed_days");
    ASSERT_NE(warning, nullptr);
    EXPECT_TRUE(warning->explained);
    EXPECT_EQ(report.counts.warning, 0);
    EXPECT_EQ(report.counts.explained, 1);
    EXPECT_TRUE(report.accepted());
    EXPECT_EQ(find(report, "explanation.unused", "/explanations/0"), nullptr);
}

TEST_F(EngineTest, TwoExplanationsOfOneWarningAreBothUsed) {
    nlohmann::json doc = low_occupancy_document();
    const nlohmann::json explanation = {
        {"rule", "capacity.occupancy"}, {"path", "/capacity/0/bed_days"}, {"text", "Ward closed for renovation."}};
    doc["explanations"] = {explanation, explanation};
    const SubmissionReport report = validate(engine(), doc);
    EXPECT_EQ(report.counts.explained, 1);
    EXPECT_EQ(report.counts.info, 0);
}

TEST_F(EngineTest, UnusedExplanationIsInfoAtItsIndex) {
    nlohmann::json doc = sample("valid/institution-2019.json");
    doc["explanations"] = {{{"rule", "capacity.occupancy"}, {"path", "/capacity/0/bed_days"},
                            {"text", "Explains a warning that is not there."}}};
    const SubmissionReport report = validate(engine(), doc);
    const Finding* unused = find(report, "explanation.unused", "/explanations/0");
    ASSERT_NE(unused, nullptr);
    EXPECT_EQ(unused->severity, Severity::info);
    EXPECT_EQ(report.counts.info, 1);
    EXPECT_TRUE(report.accepted());
}

// Level-0 checks always run on a document that reaches the explanations,
// and found nothing on it: an explanation naming one is unused.
TEST_F(EngineTest, AnExplanationNamingALevelZeroRuleIsUnused) {
    nlohmann::json doc = sample("valid/institution-2019.json");
    doc["explanations"] = {{{"rule", "schema.structure"}, {"path", "/fact"}, {"text", "Nothing wrong with it at all."}}};
    const SubmissionReport report = validate(engine(), doc);
    EXPECT_NE(find(report, "explanation.unused", "/explanations/0"), nullptr);
    EXPECT_TRUE(report.accepted());
}

// Issue 12: the same typo in a rule set stops the run; in an explanation it
// used to leave the warning unexplained without a word.
TEST_F(EngineTest, AnExplanationOfAnUnknownRuleIsAWarningWithDidYouMean) {
    nlohmann::json doc = low_occupancy_document();
    doc["explanations"] = {{{"rule", "capacity.ocupancy"}, {"path", "/capacity/0/bed_days"},
                            {"text", "Ward closed for renovation from March to September."}},
                           {{"rule", "nothing.like-it"}, {"path", "/capacity/0/bed_days"},
                            {"text", "An explanation of a rule that no one wrote."}}};
    const SubmissionReport report = validate(engine(), doc);
    const Finding* typo = find(report, "explanation.unknown-rule", "/explanations/0");
    ASSERT_NE(typo, nullptr);
    EXPECT_EQ(typo->severity, Severity::warning);
    EXPECT_NE(typo->message.find("capacity.ocupancy"), std::string::npos) << typo->message;
    EXPECT_NE(typo->message.find("did you mean capacity.occupancy?"), std::string::npos) << typo->message;
    const Finding* far = find(report, "explanation.unknown-rule", "/explanations/1");
    ASSERT_NE(far, nullptr);
    EXPECT_EQ(far->message.find("did you mean"), std::string::npos) << far->message;
    // The warning it meant stays unexplained, and counts.
    const Finding* warning = find(report, "capacity.occupancy", "/capacity/0/bed_days");
    ASSERT_NE(warning, nullptr);
    EXPECT_FALSE(warning->explained);
    EXPECT_EQ(report.counts.warning, 3);
    EXPECT_EQ(find(report, "explanation.unused", "/explanations/0"), nullptr);
}

TEST_F(EngineTest, AnExplanationWhosePathIsNoJsonPointerIsAWarning) {
    nlohmann::json doc = low_occupancy_document();
    doc["explanations"] = {
        {{"rule", "capacity.occupancy"}, {"path", "capacity/0/bed_days"}, {"text", "Ward closed for renovation."}},
        {{"rule", "capacity.occupancy"}, {"path", "/capacity/0/bed~days"}, {"text", "Ward closed for renovation."}},
        {{"rule", "capacity.occupancy"}, {"path", "/capacity/0/bed_days"}, {"text", "Ward closed for renovation."}}};
    const SubmissionReport report = validate(engine(), doc);
    for (const char* at : {"/explanations/0", "/explanations/1"}) {
        const Finding* bad = find(report, "explanation.bad-path", at);
        ASSERT_NE(bad, nullptr) << at;
        EXPECT_EQ(bad->severity, Severity::warning);
    }
    EXPECT_EQ(find(report, "explanation.bad-path", "/explanations/2"), nullptr);
    EXPECT_EQ(find(report, "explanation.unused", "/explanations/0"), nullptr) << "one reason per explanation";
    EXPECT_EQ(report.counts.explained, 1);  // the third explains the warning
}

TEST_F(EngineTest, ExplanationOfAnErrorDoesNotSilenceIt) {
    nlohmann::json doc = sample("valid/institution-2019.json");
    doc["fact"]["certified_teams"] = doc["fact"]["teams"].get<int>() + 1;
    doc["explanations"] = {{{"rule", "fact.certified-within-teams"}, {"path", "/fact/certified_teams"},
                            {"text", "A team was certified after year end."}}};
    const SubmissionReport report = validate(engine(), doc);
    const Finding* error = find(report, "fact.certified-within-teams", "/fact/certified_teams");
    ASSERT_NE(error, nullptr);
    EXPECT_FALSE(error->explained);
    EXPECT_FALSE(report.accepted());
    EXPECT_NE(find(report, "explanation.on-error", "/explanations/0"), nullptr);
    EXPECT_EQ(find(report, "explanation.unused", "/explanations/0"), nullptr);
}

TEST_F(EngineTest, ExplanationOfAnUnknownRuleGivesNoFinding) {
    nlohmann::json doc = sample("valid/institution-2019.json");
    doc["explanations"] = {{{"rule", "history.capacity-change"}, {"path", "/capacity_totals/wlz/places"},
                            {"text", "Needs the store, which this run does not have."}}};
    const SubmissionReport report = validate(engine(), doc);
    EXPECT_TRUE(report.findings.empty());
}

TEST_F(EngineTest, FindingsAreOrderedByPathWithNumericIndices) {
    nlohmann::json doc = sample("valid/institution-2019.json");
    // Twelve locations, with a bad province on locations 2 and 10.
    const nlohmann::json first = doc["locations"][0];
    doc["locations"] = nlohmann::json::array();
    for (int i = 0; i < 12; ++i) {
        nlohmann::json location = first;
        location["location_id"] = "LOC-" + std::to_string(i);
        doc["locations"].push_back(location);
    }
    doc["locations"][10]["province"] = first["province"] == "ZE" ? "LI" : "ZE";
    doc["locations"][2]["province"] = first["province"] == "ZE" ? "LI" : "ZE";
    doc["capacity"] = nlohmann::json::array();
    doc["capacity_totals"] = nlohmann::json::object();
    const SubmissionReport report = validate(engine(), doc);
    std::vector<std::string> paths;
    for (const Finding& f : report.findings) paths.push_back(f.path);
    EXPECT_EQ(paths, (std::vector<std::string>{"/locations/2/province", "/locations/10/province"}));
}

TEST_F(EngineTest, ZeroFractionNumberCountsAsInteger) {
    nlohmann::json doc = sample("valid/institution-2019.json");
    std::string text = doc.dump();
    const std::string teams = "\"teams\":" + doc["fact"]["teams"].dump();
    text.replace(text.find(teams), teams.size(), teams + ".0");
    ValidationContext context;
    const SubmissionReport report = judge_bytes(engine(), text, "x.json");
    EXPECT_TRUE(report.accepted()) << (report.findings.empty() ? "" : report.findings[0].message);
}

TEST_F(EngineTest, UnreadableDocumentHasNullMetadata) {
    ValidationContext context;
    const SubmissionReport report = judge_bytes(engine(), "{\"kind\": \"institution\",", "broken.json");
    ASSERT_EQ(report.findings.size(), 1u);
    EXPECT_EQ(report.findings[0].rule, "document.unreadable");
    EXPECT_EQ(report.findings[0].path, "");
    EXPECT_FALSE(report.kind.has_value());
    EXPECT_FALSE(report.reporting_year.has_value());
    EXPECT_TRUE(report.sha256.has_value());
}

TEST_F(EngineTest, MetadataIsFilledEvenWhenTheSchemaFails) {
    nlohmann::json doc = sample("valid/municipality-2019-central.json");
    doc.erase("policy");
    const SubmissionReport report = validate(engine(), doc);
    EXPECT_FALSE(report.accepted());
    EXPECT_EQ(report.kind, "municipality");
    EXPECT_EQ(report.submitter_id, doc["submitter"]["municipality_code"].get<std::string>());
    EXPECT_EQ(report.reporting_year, doc["reporting_year"].get<int>());
}

TEST_F(EngineTest, DutchMessages) {
    EngineOptions options = engine_options();
    options.language = Language::nl;
    const Engine dutch(options);
    nlohmann::json doc = sample("valid/institution-2019.json");
    doc["fact"]["certified_teams"] = doc["fact"]["teams"].get<int>() + 1;
    doc["clients"].erase("epa");
    const SubmissionReport report = validate(dutch, doc);
    ASSERT_EQ(report.findings.size(), 1u);
    EXPECT_EQ(report.findings[0].message, "verplichte sleutel `epa` ontbreekt");
}

// The caps on findings (engine/finding_budget.hpp). A document of N empty
// locations has 4 missing keys per location (schema.structure errors): only
// the per-file cap is kept, the rest is counted per rule, and the file is
// rejected with every error counted.
nlohmann::json empty_locations_document(std::size_t count) {
    nlohmann::json doc = sample("valid/institution-2019.json");
    doc["locations"] = nlohmann::json::array();
    for (std::size_t i = 0; i < count; ++i) doc["locations"].push_back(nlohmann::json::object());
    return doc;
}

TEST(FindingCap, PerFileCapKeepsTheFirstFindingsAndCountsTheRest) {
    EngineOptions options = engine_options();
    options.findings.per_file = 10;
    const Engine engine(options);
    const SubmissionReport uncapped = validate(Engine(engine_options()), empty_locations_document(50));
    const SubmissionReport report = validate(engine, empty_locations_document(50));

    const int total = static_cast<int>(uncapped.findings.size());
    ASSERT_GT(total, 10);
    EXPECT_EQ(report.findings.size(), 10u);
    ASSERT_EQ(report.dropped_findings.size(), 1u);
    EXPECT_EQ(report.dropped_findings[0].rule, "schema.structure");
    EXPECT_EQ(report.dropped_findings[0].severity, Severity::error);
    EXPECT_EQ(report.dropped_findings[0].count, static_cast<std::size_t>(total - 10));
    // Counted all the same, so the file is rejected with every error.
    EXPECT_EQ(report.counts.error, uncapped.counts.error);
    EXPECT_FALSE(report.accepted());
    // The kept ones are the uncapped report's first ones.
    for (std::size_t i = 0; i < report.findings.size(); ++i) {
        EXPECT_EQ(report.findings[i].path, uncapped.findings[i].path) << i;
    }
    EXPECT_TRUE(uncapped.dropped_findings.empty());
}

TEST(FindingCap, RuleReportersStopKeepingFindingsAtTheCap) {
    // One duplicate location id repeated: location.duplicate-id reports every
    // repeat after the first (a plugin rule, through the engine's reporter).
    nlohmann::json doc = sample("valid/institution-2019.json");
    const nlohmann::json first = doc["locations"][0];
    for (int i = 0; i < 200; ++i) doc["locations"].push_back(first);
    EngineOptions options = engine_options();
    options.findings.per_file = 5;
    const Engine engine(options);
    const SubmissionReport report = validate(engine, doc);
    EXPECT_LE(report.findings.size(), 5u);
    std::size_t dropped = 0;
    for (const DroppedFindings& d : report.dropped_findings) dropped += d.count;
    EXPECT_GE(dropped, 195u);
    EXPECT_FALSE(report.accepted());
    EXPECT_EQ(static_cast<std::size_t>(report.counts.error + report.counts.warning + report.counts.info +
                                       report.counts.explained),
              report.findings.size() + dropped);
}

TEST(FindingCap, RunCapKeepsFindingsInInputOrderWhateverTheJobs) {
    test::TempDir dir;
    std::vector<InputFile> inputs;
    for (int i = 0; i < 6; ++i) {
        const std::string name = "f" + std::to_string(i) + ".json";
        inputs.push_back(InputFile{dir.write(name, empty_locations_document(5).dump()), name, ""});
    }
    EngineOptions options = engine_options();
    options.findings.per_file = 1000;
    options.findings.per_run = 45;  // 20 errors per file: the third file keeps 5
    const Engine engine(options);
    for (unsigned jobs : {1u, 4u}) {
        const RunReport run = judge_run(engine, inputs, jobs);
        ASSERT_EQ(run.submissions.size(), 6u);
        EXPECT_EQ(run.submissions[0].findings.size(), 20u) << jobs;
        EXPECT_EQ(run.submissions[1].findings.size(), 20u) << jobs;
        EXPECT_EQ(run.submissions[2].findings.size(), 5u) << jobs;
        for (std::size_t i = 3; i < 6; ++i) {
            EXPECT_TRUE(run.submissions[i].findings.empty()) << jobs;
            ASSERT_EQ(run.submissions[i].dropped_findings.size(), 1u) << jobs;
            EXPECT_EQ(run.submissions[i].dropped_findings[0].count, 20u) << jobs;
            EXPECT_FALSE(run.submissions[i].accepted()) << jobs;
            EXPECT_EQ(run.submissions[i].counts.error, 20) << jobs;
        }
        EXPECT_EQ(run.summary.rejected, 6) << jobs;
        EXPECT_EQ(run.summary.errors, 120) << jobs;
    }
}

// Long top-level arrays are validated a window of 1000 items at a time
// (schema/structure_check.cpp); the findings must be those of the whole
// document: none lost, none twice, at the right indices, also where the last
// window overlaps the one before (2500 items: windows from 0, 1000, 1500).
TEST(SchemaWindows, LongArraysGiveTheFindingsOfTheWholeDocument) {
    nlohmann::json doc = sample("valid/institution-2019.json");
    const nlohmann::json first = doc["locations"][0];
    nlohmann::json& locations = doc["locations"];
    while (locations.size() < 2500) {
        nlohmann::json copy = first;
        copy["location_id"] = "W-" + std::to_string(locations.size());
        locations.push_back(copy);
    }
    locations[0]["extra"] = 1;
    for (std::size_t i : {999u, 1000u, 1500u, 1999u, 2000u, 2499u}) locations[i].erase("name");
    locations[1700]["province"] = 5;
    const Engine engine(engine_options());
    const SubmissionReport report = validate(engine, doc);
    std::vector<std::string> paths;
    for (const Finding& f : report.findings) {
        EXPECT_EQ(f.rule, "schema.structure") << f.path << ": " << f.message;
        paths.push_back(f.path);
    }
    const std::vector<std::string> expected = {"/locations/0/extra", "/locations/999",  "/locations/1000",
                                               "/locations/1500",    "/locations/1700/province",
                                               "/locations/1999",    "/locations/2000", "/locations/2499"};
    EXPECT_EQ(paths, expected);
}

}  // namespace
}  // namespace lmacheck

namespace lmacheck {
namespace {

// Every option schema of the shipped rules is one the fast schema judge
// takes. A schema it refuses is compiled by valijson at every start (to stop
// a broken schema before any file is judged), which costs start-up time,
// and valijson's schema parser crashes when memory runs out in it
// (AllocationFailure.BuildingTheEngine... found this for two options
// schemas with exclusiveMinimum and uniqueItems).
TEST(EngineSetUp, EveryShippedOptionsSchemaHasTheFastJudge) {
    const Engine engine(testing::engine_options());
    std::size_t with_options = 0;
    for (const CatalogEntry& entry : engine.catalog().entries()) {
        if (!entry.options_schema) continue;
        ++with_options;
        EXPECT_NE(entry.options_schema->fast(), nullptr) << entry.info.id << ": " << entry.options_schema->name();
    }
    EXPECT_GT(with_options, 10u);
}

}  // namespace
}  // namespace lmacheck
