// End-to-end tests of a CI gate run on a repository root (issue 12, "For
// CI"): directory runs leave out hidden directories, node_modules/ and the
// run's own report files; --exclude and --include; --report FORMAT=FILE.
#include "support/file_bytes.hpp"
#include "support/report_contract.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"
#include "support/test_paths.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace lmacheck::test;

const fs::path lmacheck_exe = LMACHECK_EXE;
using lmacheck::test_paths::source_dir;
const fs::path valid = source_dir / "samples/valid/institution-2019.json";
const fs::path other_valid = source_dir / "samples/valid/municipality-2019-central.json";

constexpr std::chrono::seconds time_limit{60};

ProcessResult run_in(const fs::path& cwd, const std::vector<std::string>& args) {
    std::vector<std::string> argv{lmacheck_exe.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv, {.cwd = cwd, .timeout = time_limit});
}

// The files a JSON report on standard output names.
std::set<std::string> files_of(const ProcessResult& run) {
    std::set<std::string> files;
    const json report = json::parse(run.out);  // kept: the loop reads into it
    for (const json& s : report["submissions"]) files.insert(s["file"].get<std::string>());
    return files;
}

// A repository root: a submission at the top and in a folder, and what no
// one means to validate: .git/, a hidden file, node_modules/, drafts/.
void make_repository(const TempDir& dir) {
    dir.write("a.json", read_bytes(valid));
    dir.write("data/b.json", read_bytes(other_valid));
    dir.write(".git/objects/c.json", "not json");
    dir.write(".hidden.json", "not json");
    dir.write("node_modules/pkg/package.json", "{\"name\": \"pkg\"}");
    dir.write("data/drafts/d.json", "not json either");
}

TEST(CliCi, DirectoryRunsLeaveOutHiddenEntriesAndNodeModules) {
    TempDir dir;
    make_repository(dir);
    const auto run = run_in(dir.path(), {"validate", "-f", "json", "--exclude", "drafts", "."});
    ASSERT_EQ(run.exit_code, 0) << describe(run);
    EXPECT_EQ(files_of(run), (std::set<std::string>{"./a.json", "./data/b.json"}));
    // Named on the command line, a hidden file is validated all the same.
    const auto named = run_in(dir.path(), {"validate", "-f", "json", ".hidden.json"});
    EXPECT_EQ(named.exit_code, 1) << describe(named);
    EXPECT_EQ(files_of(named), (std::set<std::string>{".hidden.json"}));
}

TEST(CliCi, ExcludeTakesNamesAndPathsAndIsRepeatable) {
    TempDir dir;
    make_repository(dir);
    // Without --exclude the draft is picked up (and rejected).
    const auto all = run_in(dir.path(), {"validate", "-f", "json", "."});
    EXPECT_EQ(all.exit_code, 1) << describe(all);
    EXPECT_EQ(files_of(all), (std::set<std::string>{"./a.json", "./data/b.json", "./data/drafts/d.json"}));
    const auto by_path = run_in(dir.path(), {"validate", "-f", "json", "--exclude", "data/drafts/*", "."});
    EXPECT_EQ(by_path.exit_code, 0) << describe(by_path);
    EXPECT_EQ(files_of(by_path), (std::set<std::string>{"./a.json", "./data/b.json"}));
    // One GLOB per --exclude: the path after it stays a path.
    const auto repeated = run_in(dir.path(), {"validate", "-f", "json", "--exclude", "d.json", "--exclude", "a.*", "."});
    EXPECT_EQ(repeated.exit_code, 0) << describe(repeated);
    EXPECT_EQ(files_of(repeated), (std::set<std::string>{"./data/b.json"}));
    // Everything left out: a usage error that says why.
    const auto none = run_in(dir.path(), {"validate", "--exclude", "*.json", "."});
    EXPECT_EQ(none.exit_code, 2) << describe(none);
    EXPECT_NE(none.err.find("--exclude"), std::string::npos) << none.err;
}

TEST(CliCi, IncludeNarrowsTheWalk) {
    TempDir dir;
    make_repository(dir);
    const auto run = run_in(dir.path(), {"validate", "-f", "json", "--include", "b.json", "--include", "data/drafts/*", "."});
    EXPECT_EQ(run.exit_code, 1) << describe(run);
    EXPECT_EQ(files_of(run), (std::set<std::string>{"./data/b.json", "./data/drafts/d.json"}));
}

TEST(CliCi, TheRunsOwnReportIsNotASubmission) {
    TempDir dir;
    make_repository(dir);
    fs::remove_all(dir / "data/drafts");
    // Twice, as CI does on a kept workspace: the second run finds the first
    // run's reports in the walked directory and must leave them out.
    for (int round = 0; round < 2; ++round) {
        const auto run = run_in(dir.path(), {"validate", "-o", "report.json", "--report", "json=copy.json", "."});
        ASSERT_EQ(run.exit_code, 0) << "round " << round << ": " << describe(run);
        const json report = json::parse(read_bytes(dir / "report.json"));
        std::set<std::string> files;
        for (const json& s : report["submissions"]) files.insert(s["file"].get<std::string>());
        EXPECT_EQ(files, (std::set<std::string>{"./a.json", "./data/b.json"})) << "round " << round;
    }
    // A report file that holds a submission, not an earlier report, stays an
    // input below the directory: refused, never overwritten unseen.
    const auto over_submission = run_in(dir.path(), {"validate", "-o", "data/b.json", "."});
    EXPECT_EQ(over_submission.exit_code, 2) << describe(over_submission);
    EXPECT_EQ(read_bytes(dir / "data/b.json"), read_bytes(other_valid));
    // A report file named on the command line as an input stays refused.
    const auto over_input = run_in(dir.path(), {"validate", "--report", "json=a.json", "a.json"});
    EXPECT_EQ(over_input.exit_code, 2) << describe(over_input);
    EXPECT_EQ(read_bytes(dir / "a.json"), read_bytes(valid));
}

TEST(CliCi, SeveralReportsFromOneRun) {
    TempDir dir;
    const auto run = run_in(source_dir, {"validate", "--report", "html=" + (dir / "r.html").string(), "--report",
                                         "SARIF=" + (dir / "r.sarif").string(), "--report",
                                         "junit=" + (dir / "r.xml").string(), "-o", (dir / "r.json").string(),
                                         "samples/invalid/capacity.occupancy.json"});
    ASSERT_EQ(run.exit_code, 0) << describe(run);
    EXPECT_TRUE(read_bytes(dir / "r.html").starts_with("<!DOCTYPE html>"));
    EXPECT_TRUE(read_bytes(dir / "r.sarif").starts_with("{\n  \"$schema\""));
    EXPECT_TRUE(read_bytes(dir / "r.xml").starts_with("<?xml"));
    const json report = json::parse(read_bytes(dir / "r.json"));
    check_report_shape(report);
    // Each one is the report --format would give.
    const auto sarif_alone = run_in(source_dir, {"validate", "-f", "sarif", "samples/invalid/capacity.occupancy.json"});
    EXPECT_EQ(read_bytes(dir / "r.sarif"), sarif_alone.out);
    // Without --output, the text report still goes to standard output.
    const auto with_stdout = run_in(source_dir, {"validate", "--report", "json=" + (dir / "s.json").string(),
                                                 "samples/invalid/capacity.occupancy.json"});
    EXPECT_EQ(with_stdout.exit_code, 0) << describe(with_stdout);
    EXPECT_NE(with_stdout.out.find("capacity.occupancy.json:"), std::string::npos) << with_stdout.out;
    EXPECT_TRUE(fs::exists(dir / "s.json"));
}

TEST(CliCi, ABadReportOptionIsAUsageErrorBeforeAnythingIsWritten) {
    TempDir dir;
    const std::string file = (dir / "r.out").string();
    const std::vector<std::pair<std::string, std::string>> bad{
        {"html", "expected FORMAT=FILE"},
        {"pdf=" + file, "unknown format 'pdf'"},
        {"json=", "no FILE after '='"},
    };
    for (const auto& [value, message] : bad) {
        const auto run = run_in(source_dir, {"validate", "--report", value, valid.string()});
        EXPECT_EQ(run.exit_code, 2) << value << ": " << describe(run);
        EXPECT_NE(run.err.find(message), std::string::npos) << value << ": " << run.err;
    }
    const auto twice = run_in(source_dir, {"validate", "-o", file, "--report", "json=" + file, valid.string()});
    EXPECT_EQ(twice.exit_code, 2) << describe(twice);
    EXPECT_NE(twice.err.find("already receives a report"), std::string::npos) << twice.err;
    EXPECT_FALSE(fs::exists(file));
}

// --max-findings reaches the text, Markdown and HTML reports, never JSON.
TEST(CliCi, MaxFindingsCapsTheReportsForPeopleOnly) {
    const std::string sample = "samples/invalid/fact.empty-teams.json";  // 2 findings
    for (const std::string format : {"text", "markdown", "html"}) {
        const auto run = run_in(source_dir, {"validate", "-f", format, "--max-findings", "1", sample});
        EXPECT_EQ(run.exit_code, 1) << describe(run);
        EXPECT_NE(run.out.find("and 1 more finding not listed (--max-findings 1)"), std::string::npos)
            << format << ": " << run.out;
    }
    const auto capped = run_in(source_dir, {"validate", "-f", "json", "--max-findings", "1", sample});
    const auto whole = run_in(source_dir, {"validate", "-f", "json", sample});
    EXPECT_EQ(capped.out, whole.out);
    EXPECT_EQ(json::parse(capped.out)["submissions"][0]["findings"].size(), 2u);
}

// .lmacheck.json in the current directory or above sets what the command
// line does not; the command line wins.
TEST(CliCi, TheConfigurationFileAboveTheCurrentDirectoryApplies) {
    TempDir dir;
    make_repository(dir);
    dir.write(".lmacheck.json", R"({"exclude": ["drafts"], "lang": "nl", "max_warnings": 0})");
    // From a directory below the file's.
    const auto run = run_in(dir / "data", {"validate", "-f", "json", "."});
    ASSERT_EQ(run.exit_code, 0) << describe(run);
    EXPECT_EQ(files_of(run), (std::set<std::string>{"./b.json"}));
    // max_warnings 0 and Dutch, from the file.
    const fs::path warning_sample = source_dir / "samples/invalid/capacity.occupancy.json";
    const auto warned = run_in(dir / "data", {"validate", "-f", "json", warning_sample.string()});
    EXPECT_EQ(warned.exit_code, 1) << describe(warned);
    EXPECT_TRUE(json::parse(warned.out)["summary"]["max_warnings_exceeded"].get<bool>());
    EXPECT_NE(json::parse(warned.out)["submissions"][0]["findings"][0]["message"].get<std::string>().find("bezetting"),
              std::string::npos);
    // The command line wins, setting by setting.
    const auto overridden = run_in(dir / "data", {"validate", "-f", "json", "--max-warnings", "-1", "--lang", "en",
                                                  "--exclude", "nothing", warning_sample.string(), "."});
    EXPECT_EQ(overridden.exit_code, 1) << describe(overridden);  // d.json is back, and rejected
    EXPECT_EQ(files_of(overridden).count("./drafts/d.json"), 1u);
    const json report = json::parse(overridden.out);
    EXPECT_FALSE(report["summary"]["max_warnings_exceeded"].get<bool>());
}

TEST(CliCi, ConfigPrintShowsEachSettingAndWhereItCameFrom) {
    TempDir dir;
    dir.write(".lmacheck.json", R"({"store": "db/lma.db", "exclude": ["drafts/*", "old"]})");
    fs::create_directories(dir / "sub");
    const auto run = run_in(dir / "sub", {"config", "--print", "--lang", "nl"});
    ASSERT_EQ(run.exit_code, 0) << describe(run);
    const std::string file = (dir / ".lmacheck.json").string();
    EXPECT_NE(run.out.find("configuration file: " + file + "\n"), std::string::npos) << run.out;
    EXPECT_NE(run.out.find("store: " + (dir / "db/lma.db").string() + "  [" + file + "]\n"), std::string::npos)
        << run.out;
    EXPECT_NE(run.out.find("exclude: drafts/*, old  [" + file + "]\n"), std::string::npos) << run.out;
    EXPECT_NE(run.out.find("lang: nl  [command line]\n"), std::string::npos) << run.out;
    EXPECT_NE(run.out.find("max_warnings: (no limit)  [default]\n"), std::string::npos) << run.out;
    // No file: every setting is the default.
    TempDir empty;
    const auto none = run_in(empty.path(), {"config", "--print"});
    ASSERT_EQ(none.exit_code, 0) << describe(none);
    EXPECT_NE(none.out.find("configuration file: (none found)\n"), std::string::npos) << none.out;
    EXPECT_NE(none.out.find("store: (none)  [default]\n"), std::string::npos) << none.out;
}

TEST(CliCi, ABrokenConfigurationFileStopsTheRunNamingFileKeyAndPlace) {
    const std::vector<std::pair<std::string, std::string>> broken{
        {"{\n  \"exclud\": [\"x\"]\n}", "unknown setting \"exclud\"; did you mean \"exclude\"?"},
        {"{\n  \"max_warnings\": \"ten\"\n}", "line 2"},
        {"{\n  \"lang\": \"de\"\n}", "\"lang\" must be \"en\" or \"nl\""},
        {"{\n  \"exclude\": \"drafts\"\n}", "\"exclude\" must be a list of globs"},
        {"{\"store\": ", "configuration file"},
        {"[]", "must be a JSON object"},
    };
    for (const auto& [content, message] : broken) {
        TempDir dir;
        dir.write(".lmacheck.json", content);
        const auto run = run_in(dir.path(), {"validate", valid.string()});
        EXPECT_EQ(run.exit_code, 2) << content << ": " << describe(run);
        EXPECT_NE(run.err.find(message), std::string::npos) << content << ": " << run.err;
        EXPECT_NE(run.err.find(".lmacheck.json"), std::string::npos) << content << ": " << run.err;
    }
}

TEST(CliCi, AcceptTakesItsStoreFromTheConfigurationFile) {
    TempDir dir;
    dir.write(".lmacheck.json", R"({"store": "lma.db"})");
    const auto run = run_in(dir.path(), {"accept", "-q", valid.string()});
    EXPECT_EQ(run.exit_code, 0) << describe(run);
    EXPECT_TRUE(fs::exists(dir / "lma.db"));
    TempDir empty;
    const auto without = run_in(empty.path(), {"accept", valid.string()});
    EXPECT_EQ(without.exit_code, 2) << describe(without);
    EXPECT_NE(without.err.find("accept needs a store"), std::string::npos) << without.err;
}

}  // namespace
