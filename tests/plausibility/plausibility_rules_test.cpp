// plausibility.outlier and plausibility.change (level 3) on hand-made runs:
// what they find, the score they rank it with, and when they skip.
#include "plausibility_rules.hpp"
#include "statistics.hpp"

#include "lmacheck/aggregate.hpp"
#include "fake_run_view.hpp"
#include "rule_harness.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>


namespace {

using namespace lmacheck;
using namespace lmacheck::ruletest;
namespace plaus = lmacheck::rules::plausibility;

struct Input {
    json document;
    std::string file;
    bool from_store = false;
    bool rejected = false;
};

struct Found {
    std::string file;
    std::string message_id;
    MessageArgs args;
    std::optional<double> score;
    std::optional<json> expected;
    std::optional<json> actual;

    json arg(const std::string& name) const {
        for (const auto& [key, value] : args) {
            if (key == name) return value;
        }
        ADD_FAILURE() << "no argument " << name;
        return nullptr;
    }
};

class Recorder final : public RunReporter {
public:
    void report(const RunEntry& target, std::string_view message_id, const MessageArgs& args, std::vector<Related>,
                std::optional<json> expected, std::optional<json> actual) override {
        found.push_back({target.file, std::string(message_id), args, std::nullopt, expected, actual});
    }
    void report_scored(const RunEntry& target, double score, std::string_view message_id, const MessageArgs& args,
                       std::vector<Related> related, std::optional<json> expected,
                       std::optional<json> actual) override {
        report(target, message_id, args, std::move(related), std::move(expected), std::move(actual));
        found.back().score = score;
    }
    void skip(const RunEntry& target, std::string_view reason) override {
        skipped.emplace_back(target.file, std::string(reason));
    }
    // Worded as the engine words it: the rule's template filled with the
    // arguments, which must be exactly its placeholders; the Dutch text kept
    // aside.
    void skip_message(const RunEntry& target, std::string_view message_id, const MessageArgs& args) override {
        const auto message = std::find_if(info->messages.begin(), info->messages.end(),
                                          [&](const MessageTemplate& m) { return m.id == message_id; });
        if (message == info->messages.end()) {
            ADD_FAILURE() << "no message " << message_id;
            return;
        }
        skip(target, fill(message->en, args));
        skipped_nl.push_back(fill(message->nl, args));
    }
    const RuleInfo* info = nullptr;
    std::vector<Found> found;
    std::vector<std::pair<std::string, std::string>> skipped;
    std::vector<std::string> skipped_nl;

private:
    static std::string fill(std::string text, const MessageArgs& args) {
        std::set<std::string> given;
        for (const auto& [name, value] : args) {
            given.insert(name);
            const std::string placeholder = "{" + name + "}";
            const std::string word = value.is_string() ? value.get<std::string>() : value.dump();
            for (auto at = text.find(placeholder); at != std::string::npos; at = text.find(placeholder, at)) {
                text.replace(at, placeholder.size(), word);
            }
        }
        EXPECT_EQ(text.find('{'), std::string::npos) << "a placeholder without an argument: " << text;
        return text;
    }
};

Recorder run_rule(const Rule& rule, const std::vector<Input>& inputs, const json& overrides = json::object()) {
    const auto check = rule.configure(options_for(rule, overrides));
    const auto* aggregate = dynamic_cast<const AggregateCheck*>(check.get());
    Recorder recorder;
    recorder.info = &rule.info();
    if (aggregate == nullptr) {
        ADD_FAILURE() << rule.info().id << " is no AggregateCheck";
        return recorder;
    }
    aggregate->check_run(FakeRunView(inputs, *aggregate), recorder);
    // Every message's placeholders are the arguments given, in both languages.
    for (const Found& f : recorder.found) {
        const auto& messages = rule.info().messages;
        const auto message = std::find_if(messages.begin(), messages.end(),
                                          [&](const MessageTemplate& m) { return m.id == f.message_id; });
        EXPECT_NE(message, messages.end()) << f.message_id;
        if (message == messages.end()) continue;
        std::set<std::string> given;
        for (const auto& [name, value] : f.args) given.insert(name);
        for (const std::string* text : {&message->en, &message->nl}) {
            const auto names = placeholders(*text);
            EXPECT_EQ(std::set<std::string>(names.begin(), names.end()), given) << *text;
        }
    }
    return recorder;
}

std::string agb(int i) {
    std::string code = std::to_string(10000000 + i);
    return code;
}

// An institution whose FACT teams have `fte` FTE in all (4 teams); every
// other indicator is the same for all, so only this one varies.
json institution(int i, int year, double fte) {
    json d = valid_institution(year);
    d["submitter"]["agb_code"] = agb(i);
    d["fact"]["fte"] = fte;
    return d;
}

// Eleven institutions with 10.0 .. 11.0 FTE a team and, as the twelfth,
// `planted` FTE a team.
std::vector<Input> fte_batch(double planted) {
    std::vector<Input> inputs;
    for (int i = 0; i < 11; ++i) {
        inputs.push_back({institution(i, 2019, 4 * (10.0 + 0.1 * i)), "i" + std::to_string(i) + ".json"});
    }
    inputs.push_back({institution(11, 2019, 4 * planted), "planted.json"});
    return inputs;
}

TEST(PlausibilityOutlier, FindsThePlantedOutlierWithValueMedianAndScore) {
    const auto rule = plaus::make_outlier_rule();
    const Recorder r = run_rule(*rule, fte_batch(30));
    ASSERT_EQ(r.found.size(), 1u);
    const Found& f = r.found[0];
    EXPECT_EQ(f.file, "planted.json");
    EXPECT_EQ(f.arg("indicator"), "fte_per_fact_team");
    EXPECT_DOUBLE_EQ(f.arg("value").get<double>(), 30);
    // values 10.0 .. 11.0 and 30: median (10.5 + 10.6) / 2
    EXPECT_NEAR(f.arg("median").get<double>(), 10.55, 1e-9);
    EXPECT_EQ(f.arg("peers"), 12);
    // deviations from 10.55: 0.05 0.05 0.15 0.15 ... 0.55 and 19.45, MAD (0.25 + 0.35) / 2 = 0.3
    const double z = 0.6745 * (30 - 10.55) / 0.3;
    EXPECT_NEAR(f.arg("z").get<double>(), z, 1e-9);
    EXPECT_EQ(f.arg("spread"), "MAD");
    // share of the FTE: 120 of 4 x (110 + 5.5) + 120 = 582
    ASSERT_TRUE(f.score.has_value());
    EXPECT_NEAR(*f.score, z * 120 / 582, 1e-9);
    EXPECT_NEAR(f.expected->get<double>(), 10.55, 1e-9);
    EXPECT_DOUBLE_EQ(f.actual->get<double>(), 30);
    EXPECT_TRUE(r.skipped.empty());
}

TEST(PlausibilityOutlier, NothingWithinTheCutOff) {
    // 11.5 a team: z = 0.6745 x 0.95 / 0.3 = 2.14
    const auto rule = plaus::make_outlier_rule();
    EXPECT_TRUE(run_rule(*rule, fte_batch(11.5)).found.empty());
    // with a cut-off of 2 it is an outlier
    EXPECT_EQ(run_rule(*rule, fte_batch(11.5), {{"max_abs_z", 2.0}}).found.size(), 1u);
}

TEST(PlausibilityOutlier, SmallGroupIsSkippedWithTheReason) {
    const auto rule = plaus::make_outlier_rule();
    std::vector<Input> inputs = fte_batch(30);
    inputs.erase(inputs.begin(), inputs.begin() + 5);  // 7 submitters left
    const Recorder r = run_rule(*rule, inputs);
    EXPECT_TRUE(r.found.empty());
    ASSERT_EQ(r.skipped.size(), 7u);
    EXPECT_NE(r.skipped[0].second.find("has 7 submitter(s), fewer than the minimum 10"), std::string::npos)
        << r.skipped[0].second;
    // the minimum is an option
    EXPECT_EQ(run_rule(*rule, inputs, {{"min_submitters", 7}}).found.size(), 1u);
}

TEST(PlausibilityOutlier, RejectedSubmissionIsJudgedButNotAPeer) {
    const auto rule = plaus::make_outlier_rule();
    std::vector<Input> inputs = fte_batch(30);
    inputs.back().rejected = true;
    const Recorder r = run_rule(*rule, inputs);
    ASSERT_EQ(r.found.size(), 1u);
    EXPECT_EQ(r.found[0].file, "planted.json");
    EXPECT_EQ(r.found[0].arg("peers"), 11);  // the others only
    EXPECT_NEAR(r.found[0].arg("median").get<double>(), 10.5, 1e-9);
}

TEST(PlausibilityOutlier, StoreSubmissionsArePeersNotTargets) {
    const auto rule = plaus::make_outlier_rule();
    std::vector<Input> inputs = fte_batch(30);
    for (std::size_t i = 0; i + 1 < inputs.size(); ++i) inputs[i].from_store = true;
    const Recorder r = run_rule(*rule, inputs);
    ASSERT_EQ(r.found.size(), 1u);
    EXPECT_EQ(r.found[0].arg("peers"), 12);
}

// The engine's view of a year: a submitter's version in the run replaces
// its stored one (both of 2019 here, the stored ones far off); were both
// counted, the group would have 23 peers and the planted one would hide.
TEST(PlausibilityOutlier, TheRunsVersionReplacesTheStoredOne) {
    const auto rule = plaus::make_outlier_rule();
    std::vector<Input> inputs = fte_batch(30);
    for (int i = 0; i < 11; ++i) {
        inputs.push_back({institution(i, 2019, 4 * 30.0), "store/i" + std::to_string(i) + ".json", true});
    }
    const Recorder r = run_rule(*rule, inputs);
    ASSERT_EQ(r.found.size(), 1u);
    EXPECT_EQ(r.found[0].file, "planted.json");
    EXPECT_EQ(r.found[0].arg("peers"), 12);
    EXPECT_NEAR(r.found[0].arg("median").get<double>(), 10.55, 1e-9);
}

// Every indicator of every submitter the same: no spread to measure a
// distance with. No finding, and each target says why it was not judged.
TEST(PlausibilityOutlier, GroupWithoutSpreadIsSkippedWithTheReason) {
    const auto rule = plaus::make_outlier_rule();
    std::vector<Input> inputs;
    for (int i = 0; i < 12; ++i) inputs.push_back({institution(i, 2019, 40), "i" + std::to_string(i) + ".json"});
    const Recorder r = run_rule(*rule, inputs);
    EXPECT_TRUE(r.found.empty());
    ASSERT_EQ(r.skipped.size(), 12u);
    for (const auto& [file, reason] : r.skipped) {
        EXPECT_NE(reason.find("of 2019 has no spread (MAD and IQR 0): the middle half of its 12 submitters report "
                              "the same value"),
                  std::string::npos)
            << file << ": " << reason;
    }
}

TEST(PlausibilityOutlier, MunicipalitiesFormTheirOwnGroup) {
    const auto rule = plaus::make_outlier_rule();
    std::vector<Input> inputs;
    for (int i = 0; i < 10; ++i) {
        json d = valid_municipality(2019);
        d["submitter"]["municipality_code"] = "GM" + std::to_string(1000 + i);
        d["sheltered_housing"]["budget_eur"] = 1000 * (60000.0 + 1000 * i);  // 60,000 .. 69,000 a place
        inputs.push_back({d, "m" + std::to_string(i) + ".json"});
    }
    inputs[9].document["sheltered_housing"]["budget_eur"] = 1000 * 200000.0;
    const Recorder r = run_rule(*rule, inputs);
    ASSERT_EQ(r.found.size(), 1u);
    EXPECT_EQ(r.found[0].file, "m9.json");
    EXPECT_EQ(r.found[0].arg("indicator"), "budget_per_place");
}

// Twelve institutions with DBC totals in 2018 and 2019 (from the store and
// the run); the total grows by 1.00 .. 1.10 from one year to the next, the
// planted one by `planted_ratio`.
std::vector<Input> dbc_batch(double planted_ratio) {
    std::vector<Input> inputs;
    for (int i = 0; i < 12; ++i) {
        const int before = 1000 + 100 * i;
        const double ratio = i == 11 ? planted_ratio : 1.0 + 0.01 * i;
        json previous = valid_institution(2018);
        previous["submitter"]["agb_code"] = agb(i);
        previous["ambulatory"]["dbc_trajectories"]["total"] = before;
        json current = valid_institution(2019);
        current["submitter"]["agb_code"] = agb(i);
        current["ambulatory"]["dbc_trajectories"]["total"] = static_cast<int>(std::lround(before * ratio));
        inputs.push_back({previous, "store/" + std::to_string(i) + "-2018.json", true});
        inputs.push_back({current, std::to_string(i) + "-2019.json"});
    }
    return inputs;
}

TEST(PlausibilityChange, FindsThePlantedJump) {
    const auto rule = plaus::make_change_rule();
    const Recorder r = run_rule(*rule, dbc_batch(3.0), {{"indicators", {"dbc_total"}}});
    // only the planted one: the eleven others grow by 1.00 .. 1.10
    ASSERT_EQ(r.found.size(), 1u);
    const Found& f = r.found[0];
    EXPECT_EQ(f.file, "11-2019.json");
    EXPECT_EQ(f.arg("indicator"), "dbc_total");
    EXPECT_DOUBLE_EQ(f.arg("previous").get<double>(), 2100);
    EXPECT_DOUBLE_EQ(f.arg("current").get<double>(), 6300);
    EXPECT_EQ(f.arg("previous_year"), 2018);
    EXPECT_EQ(f.arg("peers"), 12);
    EXPECT_DOUBLE_EQ(f.arg("ratio").get<double>(), 3.0);
    // The ratios sorted: 1.00, 1.01, ..., 1.10 (1500 -> 1575 and 1600 -> 1696
    // in the middle) and 3.0: the median ratio is (1.05 + 1.06) / 2 = 1.055.
    EXPECT_NEAR(f.arg("median_ratio").get<double>(), 1.055, 1e-12);
    EXPECT_NEAR(f.expected->get<double>(), 1.055, 1e-12);
    EXPECT_DOUBLE_EQ(f.actual->get<double>(), 3.0);
    // effect: (3.0 / 1.055 - 1) x sqrt(6300), above the upper bound
    const double centred = 3.0 / 1.055 - 1;
    EXPECT_NEAR(f.arg("effect").get<double>(), centred * std::sqrt(6300.0), 1e-9);
    EXPECT_GT(f.arg("effect").get<double>(), f.arg("upper").get<double>());
    // score: |centred ratio| x the share of 2019's DBC total, 6300 of
    // 1000 + 1111 + 1224 + 1339 + 1456 + 1575 + 1696 + 1819 + 1944 + 2071 + 2200 + 6300 = 23735
    ASSERT_TRUE(f.score.has_value());
    EXPECT_NEAR(*f.score, centred * 6300 / 23735, 1e-12);
    EXPECT_TRUE(r.skipped.empty());
}

// Most submitters' FACT clients are the same both years: every quartile of
// the effects is 0. The bounds still have a width (A x the median size^U,
// times C: 4 x 0.05 x sqrt(800) = 5.66), so a 5 % rise and a 2.5 % fall pass
// and only the 50 % rise is flagged.
TEST(PlausibilityChange, UnchangedMajorityDoesNotFlagEverySmallChange) {
    const auto rule = plaus::make_change_rule();
    std::vector<Input> inputs = dbc_batch(1.05);
    const auto set_clients = [&](int i, int clients) { inputs[2 * i + 1].document["fact"]["clients"] = clients; };
    set_clients(0, 840);
    set_clients(1, 780);
    set_clients(2, 1200);
    const Recorder r = run_rule(*rule, inputs, {{"indicators", {"fact_clients"}}});
    ASSERT_EQ(r.found.size(), 1u);
    EXPECT_EQ(r.found[0].file, "2-2019.json");
    // effect 0.5 x sqrt(1200) against [-5.66, 5.66]
    EXPECT_NEAR(r.found[0].arg("effect").get<double>(), 0.5 * std::sqrt(1200.0), 1e-9);
    EXPECT_NEAR(r.found[0].arg("upper").get<double>(), 4 * 0.05 * std::sqrt(800.0), 1e-9);
    EXPECT_NEAR(r.found[0].arg("lower").get<double>(), -4 * 0.05 * std::sqrt(800.0), 1e-9);
    EXPECT_TRUE(r.skipped.empty());
}

// The share of intensive trajectories (85 of the DBC total in every file) is
// weighed by the DBC total, the larger of the two years', not by the share.
TEST(PlausibilityChange, TheShareIsWeighedByTheDbcTotal) {
    const auto rule = plaus::make_change_rule();
    const std::vector<Input> inputs = dbc_batch(3.0);
    const Recorder r = run_rule(*rule, inputs, {{"indicators", {"intensive_dbc_share"}}});
    ASSERT_EQ(r.found.size(), 1u);
    const Found& f = r.found[0];
    EXPECT_EQ(f.file, "11-2019.json");
    EXPECT_EQ(f.arg("indicator"), "intensive_dbc_share");
    // the share ratios are the inverse DBC ratios: 1 / 3 for the planted one
    std::vector<double> ratios;
    for (std::size_t i = 0; i < inputs.size(); i += 2) {
        ratios.push_back(inputs[i].document["ambulatory"]["dbc_trajectories"]["total"].get<double>() /
                         inputs[i + 1].document["ambulatory"]["dbc_trajectories"]["total"].get<double>());
    }
    const double median_ratio = plaus::median(ratios);
    EXPECT_NEAR(f.arg("median_ratio").get<double>(), median_ratio, 1e-12);
    EXPECT_NEAR(f.arg("effect").get<double>(),
                plaus::hb_centred_ratio(2100.0 / 6300.0, median_ratio) * std::sqrt(6300.0), 1e-9);
}

// Every target ends judged or skipped with the reason.
TEST(PlausibilityChange, AnIndicatorOfZeroIsSkippedWithTheReason) {
    const auto rule = plaus::make_change_rule();
    std::vector<Input> inputs = dbc_batch(1.05);
    inputs.back().document["fact"]["clients"] = 0;
    const Recorder r = run_rule(*rule, inputs, {{"indicators", {"fact_clients"}}});
    EXPECT_TRUE(r.found.empty());
    ASSERT_EQ(r.skipped.size(), 1u);
    EXPECT_EQ(r.skipped[0].first, "11-2019.json");
    EXPECT_EQ(r.skipped[0].second,
              "every indicator the rule follows is 0 or absent in 2019 or 2018: no ratio to judge");
}

TEST(PlausibilityChange, NoFollowedIndicatorIsSkippedWithTheReason) {
    const auto rule = plaus::make_change_rule();
    const Recorder r = run_rule(*rule, dbc_batch(3.0), {{"indicators", {"sheltered_housing_places"}}});
    EXPECT_TRUE(r.found.empty());
    ASSERT_EQ(r.skipped.size(), 12u);
    EXPECT_EQ(r.skipped[0].second, "the submission has none of the indicators the rule follows");
}

TEST(PlausibilityChange, ModestChangesAreWithinTheBounds) {
    const auto rule = plaus::make_change_rule();
    EXPECT_TRUE(run_rule(*rule, dbc_batch(1.11), {{"indicators", {"dbc_total"}}}).found.empty());
}

TEST(PlausibilityChange, TheWidthIsAnOption) {
    const auto rule = plaus::make_change_rule();
    // C 1000 instead of 4 widens the bounds 250-fold: the jump of 3.0 passes
    EXPECT_TRUE(run_rule(*rule, dbc_batch(3.0), {{"indicators", {"dbc_total"}}, {"c", 1000}}).found.empty());
}

TEST(PlausibilityChange, EveryIndicatorByDefault) {
    const auto rule = plaus::make_change_rule();
    // The planted submitter's FACT clients also jump, and its share of
    // intensive trajectories (85 of the total) falls to a third: three
    // findings on it.
    std::vector<Input> inputs = dbc_batch(3.0);
    inputs.back().document["fact"]["clients"] = 2400;
    const Recorder r = run_rule(*rule, inputs);
    ASSERT_EQ(r.found.size(), 3u);
    std::set<std::string> indicators;
    for (const Found& f : r.found) {
        EXPECT_EQ(f.file, "11-2019.json");
        indicators.insert(f.arg("indicator").get<std::string>());
    }
    EXPECT_EQ(indicators, (std::set<std::string>{"dbc_total", "fact_clients", "intensive_dbc_share"}));
}

TEST(PlausibilityChange, WithoutThePreviousYearTheRuleIsSkipped) {
    const auto rule = plaus::make_change_rule();
    std::vector<Input> inputs = dbc_batch(3.0);
    inputs.erase(inputs.end() - 2);  // the planted one's 2018
    const Recorder r = run_rule(*rule, inputs);
    EXPECT_TRUE(r.found.empty());
    ASSERT_EQ(r.skipped.size(), 1u);
    EXPECT_EQ(r.skipped[0].first, "11-2019.json");
    EXPECT_EQ(r.skipped[0].second, "the monitor holds no accepted submission of this submitter for 2018");
    ASSERT_EQ(r.skipped_nl.size(), 1u);
    EXPECT_EQ(r.skipped_nl[0], "de monitor bevat geen geaccepteerde inzending van deze inzender voor 2018");
}

TEST(PlausibilityChange, SmallGroupIsSkipped) {
    const auto rule = plaus::make_change_rule();
    const Recorder r = run_rule(*rule, dbc_batch(3.0), {{"min_submitters", 13}});
    EXPECT_TRUE(r.found.empty());
    ASSERT_EQ(r.skipped.size(), 12u);
    EXPECT_NE(r.skipped[0].second.find("12 submitter(s) with both years, fewer than the minimum 13"),
              std::string::npos)
        << r.skipped[0].second;
}

TEST(PlausibilityRules, OptionsSchemasAndMessagesInBothLanguages) {
    for (const auto& rule : {plaus::make_outlier_rule(), plaus::make_change_rule()}) {
        const RuleInfo& info = rule->info();
        EXPECT_EQ(info.level, 3);
        EXPECT_EQ(info.severity, Severity::warning);
        EXPECT_FALSE(info.description_nl.empty());
        for (const MessageTemplate& m : info.messages) {
            EXPECT_FALSE(m.nl.empty());
            EXPECT_NE(m.en, m.nl);
        }
        EXPECT_NO_THROW(options_for(*rule));
    }
}

}  // namespace
