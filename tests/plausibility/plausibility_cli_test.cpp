// The plausibility and register rules as users run them: the program on a
// generated batch with planted outliers and jumps (every planted one found,
// with a score; the HTML report ranks them), and on the samples with and
// without the sample CCAF register.
#include "support/report_contract.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"
#include "support/test_paths.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace lmacheck::test;

const fs::path lmacheck_exe = LMACHECK_EXE;
using lmacheck::test_paths::source_dir;
const fs::path data_dir = LMACHECK_DATA_DIR;

json read_json(const fs::path& file) {
    std::ifstream in(file);
    return json::parse(in);
}

ProcessResult lmacheck(std::vector<std::string> args) {
    args.insert(args.begin(), lmacheck_exe.string());
    return run_process(args, RunOptions{.cwd = source_dir});
}

const json* submission_named(const json& report, const std::string& file) {
    for (const json& s : report.at("submissions")) {
        if (s.at("file") == file) return &s;
    }
    return nullptr;
}

// The shipped data directory plus the sample CCAF register.
fs::path data_dir_with_register(const TempDir& dir) {
    const fs::path copy = dir / "data";
    fs::copy(data_dir, copy, fs::copy_options::recursive);
    fs::create_directories(copy / "rules" / "registers");
    fs::copy_file(source_dir / "examples/registers/ccaf.json", copy / "rules/registers/ccaf.json");
    return copy;
}

std::vector<std::pair<std::string, std::string>> rule_and_severity(const json& submission) {
    std::vector<std::pair<std::string, std::string>> found;
    for (const json& f : submission.at("findings")) {
        found.emplace_back(f.at("rule").get<std::string>(), f.at("severity").get<std::string>());
    }
    return found;
}

TEST(RegisterCli, SampleRegisterFiresEachFinding) {
    TempDir dir;
    const fs::path data = data_dir_with_register(dir);
    const std::string valid = "samples/valid/institution-2019.json";
    const std::string above = "samples/registers/institution-2019-certified-above.json";
    const std::string below = "samples/registers/institution-2019-certified-below.json";
    for (const std::string& file : {valid, above, below}) {
        SCOPED_TRACE(file);
        const ProcessResult r = lmacheck({"validate", "--format", "json", "--data-dir", data.string(), file});
        const json report = report_of(r);
        check_report_shape(report);
        const json* s = submission_named(report, file);
        ASSERT_NE(s, nullptr) << describe(r);
        if (file == valid) {
            EXPECT_EQ(r.exit_code, 0) << describe(r);
            EXPECT_EQ(s->at("findings"), json::array());
        } else if (file == above) {
            EXPECT_EQ(r.exit_code, 1) << describe(r);
            EXPECT_EQ(rule_and_severity(*s), (std::vector<std::pair<std::string, std::string>>{
                                                 {"register.fact-certified", "error"}}));
            EXPECT_EQ(s->at("findings").at(0).at("path"), "/fact/certified_teams");
            EXPECT_EQ(s->at("findings").at(0).at("level"), 4);
            EXPECT_EQ(s->at("findings").at(0).at("expected"), 5);
            EXPECT_EQ(s->at("findings").at(0).at("actual"), 6);
        } else {
            EXPECT_EQ(r.exit_code, 0) << describe(r);
            EXPECT_EQ(rule_and_severity(*s), (std::vector<std::pair<std::string, std::string>>{
                                                 {"register.fact-certified-unreported", "info"}}));
            EXPECT_EQ(s->at("findings").at(0).at("level"), 4);
        }
        for (const json& skipped : s->at("skipped_rules")) {
            EXPECT_NE(skipped.at("rule").get<std::string>().rfind("register.", 0), 0u) << skipped.dump();
        }
    }
}

TEST(RegisterCli, WithoutTheRegisterTheRulesAreSkippedWithTheReason) {
    const std::string file = "samples/registers/institution-2019-certified-above.json";
    const ProcessResult r = lmacheck({"validate", "--format", "json", file});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    const json report = report_of(r);
    const json* s = submission_named(report, file);
    ASSERT_NE(s, nullptr) << describe(r);
    std::set<std::string> skipped;
    for (const json& rule : s->at("skipped_rules")) {
        if (rule.at("rule").get<std::string>().rfind("register.", 0) == 0) {
            EXPECT_EQ(rule.at("reason"), "no register ccaf in rules/registers/");
            skipped.insert(rule.at("rule").get<std::string>());
        }
    }
    EXPECT_EQ(skipped, (std::set<std::string>{"register.fact-certified", "register.fact-certified-unreported"}));
}

TEST(RegisterCli, ARegisterThatBreaksItsSchemaStopsTheRun) {
    TempDir dir;
    const fs::path data = data_dir_with_register(dir);
    std::ofstream(data / "rules/registers/ccaf.json")
        << R"({"register": "ccaf", "teams": [{"agb_code": "0629041", "team": "X", "certified_from": "2019-01-01"}]})";
    const ProcessResult r =
        lmacheck({"validate", "--data-dir", data.string(), "samples/valid/institution-2019.json"});
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    EXPECT_NE(r.err.find("ccaf.json"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("/teams/0/agb_code"), std::string::npos) << r.err;
}

TEST(RegisterCli, ARegisterWithoutASchemaStopsTheRun) {
    TempDir dir;
    const fs::path data = data_dir_with_register(dir);
    fs::copy_file(source_dir / "examples/registers/ccaf.json", data / "rules/registers/vektis.json");
    const ProcessResult r =
        lmacheck({"validate", "--data-dir", data.string(), "samples/valid/institution-2019.json"});
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    EXPECT_NE(r.err.find("register-vektis.schema.json"), std::string::npos) << r.err;
}

// What sits at rules/registers/NAME.json must be a regular file (or a link
// to one): anything else stops the run with exit 2 naming the entry, rather
// than an uncaught filesystem error or a register silently missing.
void expect_stops_naming(const fs::path& data, const std::string& entry, const std::string& problem) {
    const ProcessResult r =
        lmacheck({"validate", "--data-dir", data.string(), "samples/valid/institution-2019.json"});
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    EXPECT_NE(r.err.find(entry), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(problem), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("filesystem error"), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
}

TEST(RegisterCli, ADirectoryNamedLikeARegisterStopsTheRun) {
    TempDir dir;
    const fs::path data = data_dir_with_register(dir);
    fs::create_directory(data / "rules/registers/vektis.json");
    expect_stops_naming(data, "rules/registers/vektis.json", "is not a regular file but a directory");
}

TEST(RegisterCli, ALinkToNothingAsARegisterStopsTheRun) {
    TempDir dir;
    const fs::path data = data_dir_with_register(dir);
    fs::remove(data / "rules/registers/ccaf.json");
    fs::create_symlink(dir / "gone.json", data / "rules/registers/ccaf.json");
    expect_stops_naming(data, "rules/registers/ccaf.json", "is a link to nothing");
}

TEST(RegisterCli, ALinkToARegisterIsRead) {
    TempDir dir;
    const fs::path data = data_dir_with_register(dir);
    fs::rename(data / "rules/registers/ccaf.json", dir / "ccaf-export.json");
    fs::create_symlink(dir / "ccaf-export.json", data / "rules/registers/ccaf.json");
    const ProcessResult r = lmacheck({"validate", "--format", "json", "--data-dir", data.string(),
                                      "samples/registers/institution-2019-certified-above.json"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
}

TEST(RegisterCli, RegistersThatIsNoDirectoryStopsTheRun) {
    TempDir dir;
    const fs::path data = data_dir_with_register(dir);
    fs::remove_all(data / "rules/registers");
    std::ofstream(data / "rules/registers") << "{}";
    expect_stops_naming(data, "rules/registers", "is not a directory");
}

// One file alone has no peers: both plausibility rules are listed as
// skipped, each with its reason, and give no finding.
TEST(PlausibilityCli, OneFileAloneIsSkippedWithTheReason) {
    const std::string file = "samples/valid/institution-2019.json";
    const ProcessResult r = lmacheck({"validate", "--format", "json", file});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    const json report = report_of(r);
    const json* s = submission_named(report, file);
    ASSERT_NE(s, nullptr) << describe(r);
    EXPECT_EQ(s->at("findings"), json::array());
    std::map<std::string, std::string> reasons;
    for (const json& skipped : s->at("skipped_rules")) reasons[skipped.at("rule")] = skipped.at("reason");
    EXPECT_EQ(reasons["plausibility.change"], "the monitor holds no accepted submission of this submitter for 2018");
    EXPECT_NE(reasons["plausibility.outlier"].find("of 2019 has 1 submitter(s), fewer than the minimum 10"),
              std::string::npos)
        << reasons["plausibility.outlier"];
}

// A small national batch of two years with planted outliers and jumps
// (tools/generate-batch.py --outliers --jumps): every planted one is found,
// on its file, by its rule, about its indicator, with a score.
class PlantedBatch : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = std::make_unique<TempDir>();
        const ProcessResult generated = run_process(
            {"/usr/bin/env", "python3", (source_dir / "tools/generate-batch.py").string(), (*dir_ / "batch").string(),
             "--years", "2018", "2019", "--institutions", "60", "--municipalities", "60", "--seed", "3",
             "--outliers", "0.08", "--jumps", "0.08"});
        ASSERT_EQ(generated.exit_code, 0) << describe(generated);
        manifest_ = read_json(*dir_ / "batch/plausibility.json");
        const fs::path batch = *dir_ / "batch";
        const auto run = [&](const std::string& format) {
            return run_process({lmacheck_exe.string(), "validate", "--format", format, "--data-dir",
                                (batch / "data").string(), (batch / "2018").string(), (batch / "2019").string()});
        };
        const ProcessResult json_run = run("json");
        ASSERT_LE(json_run.exit_code, 1) << describe(json_run);
        report_ = report_of(json_run);
        html_ = run("html").out;
    }
    static void TearDownTestSuite() { dir_.reset(); }

    static inline std::unique_ptr<TempDir> dir_;
    static inline json manifest_;
    static inline json report_;
    static inline std::string html_;
};

TEST_F(PlantedBatch, EveryPlantedOutlierAndJumpIsFound) {
    const json& planted = manifest_.at("planted");
    std::set<std::string> kinds;
    for (const json& p : planted) kinds.insert(p.at("rule").get<std::string>());
    ASSERT_EQ(kinds, (std::set<std::string>{"plausibility.change", "plausibility.outlier"}));
    for (const json& p : planted) {
        SCOPED_TRACE(p.dump());
        const json* s = submission_named(report_, (dir_->path() / "batch" / p.at("file").get<std::string>()).string());
        ASSERT_NE(s, nullptr);
        bool found = false;
        for (const json& f : s->at("findings")) {
            if (f.at("rule") != p.at("rule")) continue;
            if (f.at("message").get<std::string>().rfind(p.at("indicator").get<std::string>() + " ", 0) != 0) continue;
            found = true;
            EXPECT_EQ(f.at("severity"), "warning");
            EXPECT_EQ(f.at("level"), 3);
            EXPECT_EQ(f.at("path"), "");
            ASSERT_TRUE(f.contains("score"));
            EXPECT_GT(f.at("score").get<double>(), 0);
        }
        EXPECT_TRUE(found);
    }
}

// The level-3 rules with the year before in a store: 2018 accepted, 2019
// validated against it. The plausibility rules find something (so they ran,
// with the store), and --jobs 1 and --jobs 2 give the same bytes.
TEST_F(PlantedBatch, JobsDoNotChangeThePlausibilityReport) {
    const fs::path batch = dir_->path() / "batch";
    const std::string store = (dir_->path() / "lma.db").string();
    const std::string data = (batch / "data").string();
    const ProcessResult accepted = run_process({lmacheck_exe.string(), "accept", "--store", store, "--data-dir", data,
                                                "--jobs", "2", (batch / "2018").string()});
    ASSERT_LE(accepted.exit_code, 1) << describe(accepted);
    const auto validate = [&](const std::string& jobs) {
        return run_process({lmacheck_exe.string(), "validate", "--format", "json", "--store", store, "--data-dir",
                            data, "--jobs", jobs, (batch / "2019").string()});
    };
    const ProcessResult one = validate("1");
    const ProcessResult two = validate("2");
    ASSERT_LE(one.exit_code, 1) << describe(one);
    EXPECT_TRUE(one.out == two.out) << "--jobs 1 and --jobs 2 differ";
    std::set<std::string> rules_found;
    const json report = report_of(one);
    for (const json& s : report.at("submissions")) {
        for (const json& f : s.at("findings")) rules_found.insert(f.at("rule").get<std::string>());
    }
    EXPECT_EQ(rules_found.count("plausibility.change"), 1u) << "the change rule compared with the stored 2018";
    EXPECT_EQ(rules_found.count("plausibility.outlier"), 1u);
}

TEST_F(PlantedBatch, OnlyPlausibilityFindingsCarryAScore) {
    std::size_t scored = 0;
    for (const json& s : report_.at("submissions")) {
        for (const json& f : s.at("findings")) {
            const bool plausibility = f.at("rule").get<std::string>().rfind("plausibility.", 0) == 0;
            EXPECT_EQ(f.contains("score"), plausibility) << f.dump();
            scored += f.contains("score");
        }
    }
    EXPECT_GE(scored, manifest_.at("planted").size());
}

TEST_F(PlantedBatch, HtmlRanksTheScoredFindingsMostInfluentialFirst) {
    const auto view = html_.find("Most influential first");
    ASSERT_NE(view, std::string::npos);
    // The first row of the view holds the highest score of the run.
    double highest = 0;
    for (const json& s : report_.at("submissions")) {
        for (const json& f : s.at("findings")) {
            if (f.contains("score")) highest = std::max(highest, f.at("score").get<double>());
        }
    }
    char text[32];
    std::snprintf(text, sizeof text, "%.4g", highest);
    const auto first_row = html_.find("<td class=\"num\">", view);
    ASSERT_NE(first_row, std::string::npos);
    EXPECT_EQ(html_.substr(first_row + 16, std::string(text).size() + 5), std::string(text) + "</td>");
}

}  // namespace
