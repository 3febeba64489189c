// End-to-end tests of the small things a new user of the command line trips
// over (issue 12, "For CI"): "did you mean" for a mistyped command or option,
// -f and -o, --lang in any case, --max-warnings -1, the format taken from
// --output's extension, `-` for standard input, a --store that must exist
// outside `accept`, and the JSON summary explaining the exit code.
#include "support/file_bytes.hpp"
#include "support/report_contract.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"
#include "support/test_paths.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace lmacheck::test;

const fs::path lmacheck_exe = LMACHECK_EXE;
using lmacheck::test_paths::source_dir;
const fs::path valid = source_dir / "samples/valid/institution-2019.json";
const fs::path one_warning = source_dir / "samples/invalid/capacity.occupancy.json";  // accepted, 1 warning

constexpr std::chrono::seconds time_limit{60};

ProcessResult run_cli(const std::vector<std::string>& args) {
    std::vector<std::string> argv{lmacheck_exe.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv, {.cwd = source_dir, .timeout = time_limit});
}

// `lmacheck ARGS < file`, through the shell.
ProcessResult run_cli_with_input(const std::string& args, const fs::path& input) {
    const std::string command = "'" + lmacheck_exe.string() + "' " + args + " < '" + input.string() + "'";
    return run_process({"/bin/sh", "-c", command}, {.cwd = source_dir, .timeout = time_limit});
}

TEST(CliConveniences, AMistypedCommandSuggestsTheCommand) {
    const auto run = run_cli({"valdate", valid.string()});
    EXPECT_EQ(run.exit_code, 2);
    EXPECT_NE(run.err.find("unknown command 'valdate'; did you mean 'validate'?"), std::string::npos) << run.err;
    // Nothing close: no guess.
    const auto far = run_cli({"frobnicate"});
    EXPECT_EQ(far.exit_code, 2);
    EXPECT_EQ(far.err.find("did you mean"), std::string::npos) << far.err;
}

TEST(CliConveniences, AMistypedOptionSuggestsTheOptionOfThatCommand) {
    const auto run = run_cli({"validate", "--stor", "x.db", valid.string()});
    EXPECT_EQ(run.exit_code, 2);
    EXPECT_NE(run.err.find("unknown option '--stor'; did you mean '--store'?"), std::string::npos) << run.err;
    const auto with_value = run_cli({"validate", "--max-warning=3", valid.string()});
    EXPECT_EQ(with_value.exit_code, 2);
    EXPECT_NE(with_value.err.find("did you mean '--max-warnings'?"), std::string::npos) << with_value.err;
}

TEST(CliConveniences, ShortFormsAndLanguageInAnyCase) {
    TempDir dir;
    const auto run = run_cli({"validate", "-f", "JSON", "--lang", "NL", "-o", (dir / "r.out").string(), one_warning.string()});
    ASSERT_EQ(run.exit_code, 0) << describe(run);
    const json report = json::parse(read_bytes(dir / "r.out"));
    check_report_shape(report);
    const std::string message = report["submissions"][0]["findings"][0]["message"];
    EXPECT_NE(message.find("bezetting"), std::string::npos) << message;  // Dutch
}

TEST(CliConveniences, TheFormatFollowsTheOutputsExtensionUnlessGiven) {
    TempDir dir;
    const std::vector<std::pair<std::string, std::string>> expected_start{
        {"r.json", "{"}, {"r.sarif", "{\n  \"$schema\""}, {"r.xml", "<?xml"}, {"r.html", "<!DOCTYPE html>"},
        {"r.md", "#"}, {"r.txt", "samples/"}, {"r.unknown", "samples/"}};
    for (const auto& [name, start] : expected_start) {
        const auto run = run_cli({"validate", "-o", (dir / name).string(), "samples/valid/institution-2019.json"});
        ASSERT_EQ(run.exit_code, 0) << name << ": " << describe(run);
        EXPECT_EQ(read_bytes(dir / name).substr(0, start.size()), start) << name;
    }
    // --format wins over the extension.
    ASSERT_EQ(run_cli({"validate", "-f", "text", "-o", (dir / "t.json").string(), valid.string()}).exit_code, 0);
    EXPECT_EQ(read_bytes(dir / "t.json").substr(0, 1), "/") << "a text report expected";
}

TEST(CliConveniences, MaxWarningsMinusOneIsNoLimitAndTheSummarySaysWhyTheRunFailed) {
    const auto unlimited = run_cli({"validate", "--max-warnings", "-1", "-f", "json", one_warning.string()});
    EXPECT_EQ(unlimited.exit_code, 0) << describe(unlimited);
    EXPECT_EQ(json::parse(unlimited.out)["summary"]["max_warnings_exceeded"], false);

    const auto exceeded = run_cli({"validate", "--max-warnings", "0", "-f", "json", one_warning.string()});
    EXPECT_EQ(exceeded.exit_code, 1) << describe(exceeded);
    const json summary = json::parse(exceeded.out)["summary"];
    EXPECT_EQ(summary["rejected"], 0);
    EXPECT_EQ(summary["warnings"], 1);
    EXPECT_EQ(summary["max_warnings_exceeded"], true);
    EXPECT_EQ(run_cli({"validate", "--max-warnings", "-2", valid.string()}).exit_code, 2);
}

TEST(CliConveniences, TheSummaryCountsInfoFindings) {
    const fs::path unused = source_dir / "samples/invalid/explanation.unused.json";
    const auto run = run_cli({"validate", "-f", "json", unused.string()});
    const json report = json::parse(run.out);
    check_report_shape(report);  // the summary's info is the sum of the submissions' counts
    EXPECT_GE(report["summary"]["info"].get<int>(), 1);
}

TEST(CliConveniences, DashReadsStandardInputAsJsonOrWorkbook) {
    const auto json_run = run_cli_with_input("validate -f json -", one_warning);
    ASSERT_EQ(json_run.exit_code, 0) << describe(json_run);
    const json report = json::parse(json_run.out);
    EXPECT_EQ(report["submissions"][0]["file"], "-");
    EXPECT_EQ(report["submissions"][0]["findings"][0]["rule"], "capacity.occupancy");
    EXPECT_EQ(report["submissions"][0]["findings"][0]["line"], 51);

    const auto workbook_run =
        run_cli_with_input("validate -f json -", source_dir / "samples/workbook/valid/institution-2019.xlsx");
    ASSERT_EQ(workbook_run.exit_code, 0) << describe(workbook_run);
    EXPECT_EQ(json::parse(workbook_run.out)["submissions"][0]["status"], "accepted");
}

TEST(CliConveniences, AStoreThatDoesNotExistIsAnErrorExceptForAccept) {
    TempDir dir;
    const std::string store = (dir / "typo.db").string();
    for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
             {"validate", "--store", store, valid.string()}, {"history", "--store", store},
             {"export", "--store", store, "--year", "2019"}}) {
        const auto run = run_cli(args);
        EXPECT_EQ(run.exit_code, 2) << args[0] << ": " << describe(run);
        EXPECT_NE(run.err.find("does not exist"), std::string::npos) << run.err;
        EXPECT_FALSE(fs::exists(store)) << args[0] << " created the store";
    }
    ASSERT_EQ(run_cli({"accept", "--store", store, valid.string()}).exit_code, 0);
    EXPECT_TRUE(fs::exists(store));
    EXPECT_EQ(run_cli({"validate", "--store", store, valid.string()}).exit_code, 0);
    EXPECT_EQ(run_cli({"history", "--store", store}).exit_code, 0);
}

}  // namespace
