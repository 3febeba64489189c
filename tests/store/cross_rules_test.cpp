// cross.* rules (level 3), on a hand-made batch: which submissions of the run
// they report on, what they compare, and what their findings relate.
#include "cross_rules.hpp"
#include "lmacheck/aggregate.hpp"
#include "fake_run_view.hpp"
#include "rule_harness.hpp"

#include <gtest/gtest.h>

#include <deque>

namespace {

using namespace lmacheck;
using namespace lmacheck::ruletest;

// A run (and store) made by hand: documents added before the check exists.
struct FakeSubmission {
    json document;
    std::string file;
    bool from_store = false;
    bool rejected = false;
};

class FakeBatch {
public:
    void add(json document, std::string file, bool from_store = false, bool rejected = false) {
        submissions_.push_back(FakeSubmission{std::move(document), std::move(file), from_store, rejected});
    }
    const std::deque<FakeSubmission>& submissions() const { return submissions_; }

private:
    std::deque<FakeSubmission> submissions_;
};

struct BatchReport {
    std::string file;
    std::string message_id;
    MessageArgs args;
    std::vector<Related> related;
    std::optional<json> expected;
    std::optional<json> actual;

    json arg(const std::string& name) const {
        for (const auto& [key, value] : args) {
            if (key == name) return value;
        }
        return nullptr;
    }
};

class RecordingBatchReporter final : public RunReporter {
public:
    void report(const RunEntry& target, std::string_view message_id, const MessageArgs& args,
                std::vector<Related> related, std::optional<json> expected, std::optional<json> actual) override {
        reports.push_back({target.file, std::string(message_id), args, std::move(related), std::move(expected),
                           std::move(actual)});
    }
    std::vector<BatchReport> reports;
};

std::vector<BatchReport> run_batch_rule(const Rule& rule, const FakeBatch& batch, const json& overrides = json::object()) {
    const auto check = rule.configure(options_for(rule, overrides));
    const auto* aggregate = dynamic_cast<const AggregateCheck*>(check.get());
    if (aggregate == nullptr) {
        ADD_FAILURE() << rule.info().id << " does not configure an AggregateCheck";
        return {};
    }
    RecordingBatchReporter reporter;
    aggregate->check_run(FakeRunView(batch.submissions(), *aggregate), reporter);
    for (const BatchReport& r : reporter.reports) {
        const auto& messages = rule.info().messages;
        const auto message = std::find_if(messages.begin(), messages.end(),
                                          [&](const MessageTemplate& m) { return m.id == r.message_id; });
        EXPECT_NE(message, messages.end()) << r.message_id;
        if (message == messages.end()) continue;
        std::set<std::string> given;
        for (const auto& [name, value] : r.args) given.insert(name);
        for (const std::string* text : {&message->en, &message->nl}) {
            const auto names = placeholders(*text);
            EXPECT_EQ(std::set<std::string>(names.begin(), names.end()), given) << *text;
        }
    }
    return std::move(reporter.reports);
}

std::vector<std::pair<std::string, std::string>> related_of(const BatchReport& r) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const Related& related : r.related) out.emplace_back(related.file, related.path);
    return out;
}

// --- cross.duplicate-submission ----------------------------------------------

TEST(CrossDuplicateSubmission, EachFileForTheSameSubmitterAndYearIsReported) {
    const auto rule = rules::cross::make_duplicate_submission_rule();
    FakeBatch batch;
    batch.add(valid_institution(2017), "a.json");
    batch.add(valid_institution(2017), "b.json");
    batch.add(valid_institution(2016), "c.json");    // another year
    batch.add(valid_municipality(2017), "d.json");   // another submitter
    const auto reports = run_batch_rule(*rule, batch);
    ASSERT_EQ(reports.size(), 2u);
    EXPECT_EQ(reports[0].file, "a.json");
    EXPECT_EQ(related_of(reports[0]), (std::vector<std::pair<std::string, std::string>>{{"b.json", ""}}));
    EXPECT_EQ(reports[1].file, "b.json");
    EXPECT_EQ(related_of(reports[1]), (std::vector<std::pair<std::string, std::string>>{{"a.json", ""}}));
    EXPECT_EQ(reports[0].expected, json(1));
    EXPECT_EQ(reports[0].actual, json(2));
}

// Of three or more, the first lists the others once; each later file names
// the first only, so a group of n costs n names in all, not n * (n-1).
TEST(CrossDuplicateSubmission, OfThreeFilesTheFirstListsTheOthersAndTheRestNameTheFirst) {
    const auto rule = rules::cross::make_duplicate_submission_rule();
    FakeBatch batch;
    for (const char* file : {"x/1.json", "x/2.json", "x/3.json"}) batch.add(valid_municipality(2019), file);
    const auto reports = run_batch_rule(*rule, batch);
    ASSERT_EQ(reports.size(), 3u);
    EXPECT_EQ(reports[0].file, "x/1.json");
    EXPECT_EQ(reports[0].message_id, "duplicate");
    EXPECT_EQ(related_of(reports[0]),
              (std::vector<std::pair<std::string, std::string>>{{"x/2.json", ""}, {"x/3.json", ""}}));
    EXPECT_EQ(reports[0].arg("others"), json("x/2.json, x/3.json"));
    for (std::size_t i = 1; i < 3; ++i) {
        EXPECT_EQ(reports[i].message_id, "duplicate-of-first") << reports[i].file;
        EXPECT_EQ(related_of(reports[i]), (std::vector<std::pair<std::string, std::string>>{{"x/1.json", ""}}));
        EXPECT_EQ(reports[i].arg("first"), json("x/1.json"));
    }
    for (const BatchReport& r : reports) {
        EXPECT_EQ(r.arg("files"), json(3)) << r.file;
        EXPECT_EQ(r.actual, json(3)) << r.file;
    }
}

TEST(CrossDuplicateSubmission, SilentForOneFilePerSubmitterAndYear) {
    const auto rule = rules::cross::make_duplicate_submission_rule();
    FakeBatch batch;
    batch.add(valid_institution(2017), "a.json");
    batch.add(valid_institution(2018), "b.json");
    batch.add(valid_municipality(2017), "c.json");
    // An accepted submission in the store is no duplicate: resubmission replaces it.
    batch.add(valid_institution(2017), "stored.json", true);
    EXPECT_TRUE(run_batch_rule(*rule, batch).empty());
}

// --- cross.sheltered-housing-region ------------------------------------------

// An institution of `year` whose wmo_bw record stands in Amsterdam (region
// Amsterdam) with `places` places; `agb` tells institutions apart.
json amsterdam_institution(int year, double places, const std::string& agb = "06123456") {
    json document = valid_institution(year);
    document["submitter"]["agb_code"] = agb;
    auto& record = document["capacity"][2];
    record["location_id"] = "AMS-1";
    record["places"] = places;
    return document;
}

TEST(CrossShelteredHousingRegion, SilentWhenTheRegionAddsUp) {
    const auto rule = rules::cross::make_sheltered_housing_region_rule();
    FakeBatch batch;
    batch.add(valid_municipality(2017), "amsterdam.json");  // 1000 places
    batch.add(amsterdam_institution(2017, 600), "i1.json");
    batch.add(amsterdam_institution(2017, 350, "06999999"), "i2.json");
    EXPECT_TRUE(run_batch_rule(*rule, batch).empty());
}

TEST(CrossShelteredHousingRegion, ReportsAGapOfMoreThanTheFractionOnTheCentralMunicipality) {
    const auto rule = rules::cross::make_sheltered_housing_region_rule();
    FakeBatch batch;
    batch.add(valid_municipality(2017), "amsterdam.json");
    batch.add(amsterdam_institution(2017, 400), "i1.json");
    batch.add(amsterdam_institution(2017, 300, "06999999"), "i2.json");
    batch.add(amsterdam_institution(2016, 300, "06888888"), "other-year.json");
    const auto reports = run_batch_rule(*rule, batch);
    ASSERT_EQ(reports.size(), 1u);
    EXPECT_EQ(reports[0].file, "amsterdam.json");
    EXPECT_EQ(reports[0].message_id, "gap");
    EXPECT_EQ(reports[0].expected, json(700.0));
    EXPECT_EQ(reports[0].actual, json(1000.0));
    EXPECT_NEAR(reports[0].arg("gap").get<double>(), 0.3, 1e-12);
    EXPECT_EQ(reports[0].arg("region"), json("Amsterdam"));
    EXPECT_EQ(related_of(reports[0]), (std::vector<std::pair<std::string, std::string>>{
                                          {"i1.json", "/capacity/2/places"}, {"i2.json", "/capacity/2/places"}}));
}

TEST(CrossShelteredHousingRegion, AGapOfExactlyTheFractionIsAccepted) {
    const auto rule = rules::cross::make_sheltered_housing_region_rule();
    FakeBatch batch;
    batch.add(valid_municipality(2017), "amsterdam.json");
    batch.add(amsterdam_institution(2017, 800), "i1.json");
    EXPECT_TRUE(run_batch_rule(*rule, batch).empty());
    batch.add(amsterdam_institution(2017, 1, "06999999"), "i2.json");  // 801: gap 0.199
    EXPECT_TRUE(run_batch_rule(*rule, batch).empty());
}

TEST(CrossShelteredHousingRegion, MaxRelativeGapIsAnOption) {
    const auto rule = rules::cross::make_sheltered_housing_region_rule();
    FakeBatch batch;
    batch.add(valid_municipality(2017), "amsterdam.json");
    batch.add(amsterdam_institution(2017, 700), "i1.json");
    EXPECT_EQ(run_batch_rule(*rule, batch).size(), 1u);
    EXPECT_TRUE(run_batch_rule(*rule, batch, {{"max_relative_gap", 0.35}}).empty());
}

TEST(CrossShelteredHousingRegion, CountsInstitutionsInTheStoreButNotRejectedOnes) {
    const auto rule = rules::cross::make_sheltered_housing_region_rule();
    FakeBatch batch;
    batch.add(valid_municipality(2017), "amsterdam.json");
    batch.add(amsterdam_institution(2017, 500), "i1.json");
    batch.add(amsterdam_institution(2017, 450, "06999999"), "accepted-earlier.json", true);
    batch.add(amsterdam_institution(2017, 5000, "06888888"), "rejected.json", false, true);
    const auto reports = run_batch_rule(*rule, batch);
    EXPECT_TRUE(reports.empty()) << reports[0].arg("institution_places");
}

TEST(CrossShelteredHousingRegion, LocationsOutsideTheRegionAndOtherStreamsDoNotCount) {
    const auto rule = rules::cross::make_sheltered_housing_region_rule();
    FakeBatch batch;
    batch.add(valid_municipality(2017), "amsterdam.json");
    json institution = amsterdam_institution(2017, 900);
    institution["locations"].push_back(
        {{"location_id", "AVN-1"}, {"name", "Amstelveen"}, {"municipality_code", "GM0362"}, {"province", "NH"}});
    institution["capacity"].push_back({{"location_id", "AVN-1"}, {"financing", "wmo_bw"}, {"beds_year_end", 1},
                                       {"bed_days", 365}, {"places", 50.0}, {"clients", 1}});
    batch.add(institution, "i1.json");
    // 900 (Amsterdam) + 50 (Amstelveen, region Amsterdam) = 950; the zvw and
    // wlz records at AMS-1 and the Utrecht and Vught sites do not count.
    EXPECT_TRUE(run_batch_rule(*rule, batch).empty());
    const auto reports = run_batch_rule(*rule, batch, {{"max_relative_gap", 0.01}});
    ASSERT_EQ(reports.size(), 1u);
    EXPECT_EQ(reports[0].expected, json(950.0));
    EXPECT_EQ(reports[0].related.size(), 2u);
}

TEST(CrossShelteredHousingRegion, NothingToCompareWithoutWmoBwInTheRegion) {
    const auto rule = rules::cross::make_sheltered_housing_region_rule();
    FakeBatch batch;
    batch.add(valid_municipality(2017), "amsterdam.json");
    batch.add(valid_institution(2017), "utrecht-only.json");  // its wmo_bw site is in Utrecht
    EXPECT_TRUE(run_batch_rule(*rule, batch).empty());
}

TEST(CrossShelteredHousingRegion, OnlyCentralMunicipalitiesAreChecked) {
    const auto rule = rules::cross::make_sheltered_housing_region_rule();
    FakeBatch batch;
    json amstelveen = valid_municipality(2017);
    amstelveen["submitter"] = {{"municipality_code", "GM0362"}, {"name", "Amstelveen"},
                               {"central_municipality", false}, {"region", "Amsterdam"}};
    batch.add(amstelveen, "amstelveen.json");
    batch.add(amsterdam_institution(2017, 10), "i1.json");
    EXPECT_TRUE(run_batch_rule(*rule, batch).empty());
}

TEST(CrossShelteredHousingRegion, ZeroPlacesAgainstInstitutionsPlaces) {
    const auto rule = rules::cross::make_sheltered_housing_region_rule();
    FakeBatch batch;
    json amsterdam = valid_municipality(2017);
    amsterdam["sheltered_housing"]["places"] = 0;
    batch.add(amsterdam, "amsterdam.json");
    batch.add(amsterdam_institution(2017, 12), "i1.json");
    const auto reports = run_batch_rule(*rule, batch);
    ASSERT_EQ(reports.size(), 1u);
    EXPECT_EQ(reports[0].message_id, "places-zero");
}

}  // namespace
