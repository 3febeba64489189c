// Faulty plugins and amplifying inputs, end to end: the built program as a
// subprocess.
//
// A rule that hangs, crashes (SIGSEGV, SIGABRT) or calls exit(0) ends the run
// with exit 2 and a message naming the rule and the file, never with a
// report or exit 0 (engine/plugin_guard.hpp). Each run is killed after a
// minute, so a hang the guard misses fails the test instead of the suite.
//
// Inputs that make rules report once per record (a million empty records,
// tens of thousands of duplicate ids or duplicated keys) stay within
// 1 GiB of address space and a minute, and their report lists at most
// --max-findings-per-file findings per file and counts the rest per rule
// (engine/finding_budget.hpp).
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"
#include "support/test_paths.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace lmacheck::test;

const fs::path lmacheck_exe = LMACHECK_EXE;
using lmacheck::test_paths::source_dir;
using lmacheck::test_paths::plugin_dir;
using lmacheck::test_paths::test_plugin_dir;

// Sanitizer runtimes reserve terabytes of address space: no --as limit there.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool address_space_limit_works = false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool address_space_limit_works = false;
#else
constexpr bool address_space_limit_works = true;
#endif
#else
constexpr bool address_space_limit_works = true;
#endif

ProcessResult run_lmacheck(const std::vector<std::string>& args, std::size_t address_space_bytes = 0) {
    std::vector<std::string> argv;
    if (address_space_bytes > 0 && address_space_limit_works) {
        argv = {"/usr/bin/prlimit", "--as=" + std::to_string(address_space_bytes), "--"};
    }
    argv.push_back(lmacheck_exe.string());
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv, {.cwd = source_dir, .timeout = std::chrono::seconds(60)});
}

bool mentions(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

struct FaultCase {
    std::string fault;               // test-plugins/<fault>
    std::vector<std::string> extra;  // more options
    std::string words;               // what stderr must say besides the rule and the file
};

// Names the case in test listings (instead of its bytes).
void PrintTo(const FaultCase& c, std::ostream* os) { *os << c.fault; }

class FaultyPlugin : public ::testing::TestWithParam<FaultCase> {};

TEST_P(FaultyPlugin, StopsTheRunWithExit2NamingRuleAndFile) {
    const FaultCase& c = GetParam();
    ASSERT_TRUE(fs::is_directory(test_plugin_dir / c.fault)) << "test plugin not built: " << c.fault;
    const fs::path faulty = test_plugin_dir / c.fault;
    std::vector<std::string> args{"validate",     "samples/valid/institution-2019.json", "--format",     "json",
                                  "--plugin-dir", plugin_dir.string(),                   "--plugin-dir", faulty.string()};
    args.insert(args.end(), c.extra.begin(), c.extra.end());
    const ProcessResult r = run_lmacheck(args);
    ASSERT_FALSE(r.timed_out) << describe(r);
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    EXPECT_TRUE(mentions(r.err, "test.faulty")) << describe(r);
    EXPECT_TRUE(mentions(r.err, "institution-2019.json")) << describe(r);
    EXPECT_TRUE(mentions(r.err, c.words)) << describe(r);
    EXPECT_EQ(r.out, "") << "no report of a run that was stopped";
}

INSTANTIATE_TEST_SUITE_P(
    Cases, FaultyPlugin,
    ::testing::Values(FaultCase{"hang", {"--rule-timeout-s", "0.5"}, "did not finish within 0.5 s"},
                      FaultCase{"segfault", {}, "SIGSEGV"},
                      FaultCase{"abort", {}, "SIGABRT"},
                      // std::terminate in plugin code: the program's terminate
                      // handler leaves it to the plugin guard, which names the rule.
                      FaultCase{"terminate", {}, "SIGABRT"},
                      FaultCase{"exit", {}, "exit()"}),
    [](const ::testing::TestParamInfo<FaultCase>& param_info) { return param_info.param.fault; });

// A file of `count` copies of `item` (a JSON text) in the array at `key` of
// the valid 2019 sample, written without building it in memory as JSON.
fs::path write_amplifier(const TempDir& dir, const std::string& name, const std::string& key,
                         const std::string& item, std::size_t count) {
    std::ifstream in(source_dir / "samples/valid/institution-2019.json", std::ios::binary);
    json doc = json::parse(in);
    doc[key] = "@ITEMS@";
    const std::string text = doc.dump();
    const std::size_t at = text.find("\"@ITEMS@\"");
    std::string items = "[";
    items.reserve(count * (item.size() + 1) + 2);
    for (std::size_t i = 0; i < count; ++i) {
        if (i > 0) items += ',';
        items += item;
    }
    items += ']';
    return dir.write(name, text.substr(0, at) + items + text.substr(at + 9));
}

std::size_t dropped_count(const json& submission, const std::string& rule) {
    for (const json& d : submission.value("dropped_findings", json::array())) {
        if (d.at("rule") == rule) return d.at("count").get<std::size_t>();
    }
    return 0;
}

constexpr std::size_t one_gib = std::size_t{1} << 30;

// Runs `validate --format json` on `file` within 1 GiB and a minute and
// returns its one submission.
json validate_capped(const fs::path& file, const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args{"validate", "--format", "json", file.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    const ProcessResult r = run_lmacheck(args, one_gib);
    EXPECT_FALSE(r.timed_out) << describe(r);
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    const json report = json::parse(r.out, nullptr, false);
    EXPECT_FALSE(report.is_discarded()) << describe(r);
    if (report.is_discarded()) return json::object();
    return report.at("submissions").at(0);
}

TEST(FindingCap, MillionEmptyRecordsStayWithinMemoryAndAreCounted) {
    const TempDir dir;
    // Under a sanitizer (no memory limit, several times slower) a fifth.
    const std::size_t records = address_space_limit_works ? 1'000'000 : 200'000;
    const fs::path file = write_amplifier(dir, "empty-locations.json", "locations", "{}", records);
    const json s = validate_capped(file);
    ASSERT_TRUE(s.contains("findings"));
    EXPECT_EQ(s["status"], "rejected");
    EXPECT_EQ(s["findings"].size(), 1000u);
    // Four required keys missing in each location.
    EXPECT_EQ(dropped_count(s, "schema.structure"), 4 * records - 1000u);
    EXPECT_EQ(s["counts"]["error"], 4 * records);
}

TEST(FindingCap, DuplicateIdsAreCappedByTheRuleReporter) {
    const TempDir dir;
    const std::string location =
        R"({"location_id":"L-1","name":"x","municipality_code":"GM0363","province":"NH"})";
    const std::size_t count = 60'000;
    const fs::path file = write_amplifier(dir, "duplicate-ids.json", "locations", location, count);
    const json s = validate_capped(file, {"--max-findings-per-file", "100"});
    ASSERT_TRUE(s.contains("findings"));
    EXPECT_EQ(s["status"], "rejected");
    EXPECT_EQ(s["findings"].size(), 100u);
    std::size_t dropped = 0;
    for (const json& d : s["dropped_findings"]) dropped += d["count"].get<std::size_t>();
    EXPECT_GE(dropped, count - 101);  // one finding per repeat of the id, at least
    EXPECT_GT(dropped_count(s, "location.duplicate-id"), 0u);
}

TEST(FindingCap, DistinctDuplicatedKeysAreCapped) {
    // {"k0":0,"k0":0,"k1":0,"k1":0,...} as a location: each key once a
    // duplicate key and once an unknown key.
    const TempDir dir;
    std::string object = "{";
    const std::size_t keys = 150'000;
    for (std::size_t i = 0; i < keys; ++i) {
        const std::string key = "\"k" + std::to_string(i) + "\":0";
        object += (i > 0 ? "," : "") + key + "," + key;
    }
    object += "}";
    const fs::path file = write_amplifier(dir, "duplicate-keys.json", "locations", object, 1);
    const json s = validate_capped(file);
    ASSERT_TRUE(s.contains("findings"));
    EXPECT_EQ(s["status"], "rejected");
    EXPECT_EQ(s["findings"].size(), 1000u);
    EXPECT_EQ(dropped_count(s, "document.duplicate-key") + 1000u + dropped_count(s, "schema.structure") >= keys,
              true);
    EXPECT_GT(dropped_count(s, "document.duplicate-key"), 0u);
}

// A rule that reports a million warnings per location: its reporter keeps
// the cap and counts the rest, so the run fits in 1 GiB (it used to keep
// every one).
TEST(FindingCap, ARuleReportingMillionsOfFindingsIsCappedByItsReporter) {
    const fs::path sample = source_dir / "samples/valid/institution-2019.json";
    std::ifstream in(sample, std::ios::binary);
    const std::size_t locations = json::parse(in).at("locations").size();
    const fs::path faulty = test_plugin_dir / "many-findings";
    const ProcessResult r = run_lmacheck({"validate", "--format", "json", sample.string(), "--plugin-dir",
                                          plugin_dir.string(), "--plugin-dir", faulty.string()},
                                         one_gib);
    ASSERT_FALSE(r.timed_out) << describe(r);
    EXPECT_EQ(r.exit_code, 0) << describe(r);  // warnings only: accepted
    const json report = json::parse(r.out, nullptr, false);
    ASSERT_FALSE(report.is_discarded()) << describe(r);
    const json& s = report["submissions"][0];
    EXPECT_EQ(s["findings"].size(), 1000u);
    EXPECT_EQ(dropped_count(s, "test.faulty"), locations * 1'000'000 - 1000);
    EXPECT_EQ(s["counts"]["warning"], locations * 1'000'000);
}

TEST(FindingCap, TextReportSaysHowManyWereNotListed) {
    const TempDir dir;
    const fs::path file = write_amplifier(dir, "empty-locations.json", "locations", "{}", 100);
    const ProcessResult r = run_lmacheck({"validate", file.string(), "--max-findings-per-file", "10"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(mentions(r.out, ": note: 390 more finding(s) of schema.structure (error) not listed")) << r.out;
    EXPECT_TRUE(mentions(r.out, "rejected (400 errors")) << r.out;
    EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 10 + 1 + 1 + 1) << r.out;
}

TEST(FindingCap, EveryFormatSaysHowManyWereNotListed) {
    const TempDir dir;
    const fs::path file = write_amplifier(dir, "empty-locations.json", "locations", "{}", 100);
    for (const std::string format : {"json", "sarif"}) {
        const ProcessResult r =
            run_lmacheck({"validate", "--format", format, file.string(), "--max-findings-per-file", "10"});
        EXPECT_EQ(r.exit_code, 1) << describe(r);
        EXPECT_TRUE(mentions(json::parse(r.out).dump(),
                             R"("dropped_findings":[{"count":390,"rule":"schema.structure","severity":"error"}])"))
            << format << ": " << r.out;
    }
    for (const std::string format : {"markdown", "html", "junit"}) {
        const ProcessResult r =
            run_lmacheck({"validate", "--format", format, file.string(), "--max-findings-per-file", "10"});
        EXPECT_EQ(r.exit_code, 1) << describe(r);
        EXPECT_TRUE(mentions(r.out, "390 more finding(s) of schema.structure (error) not listed")) << format;
    }
}

TEST(FindingCap, OrdinaryReportHasNoDroppedFindings) {
    for (const std::string format : {"json", "sarif", "text", "markdown", "html"}) {
        const ProcessResult r = run_lmacheck({"validate", "--format", format, "samples/invalid"});
        EXPECT_EQ(r.exit_code, 1) << describe(r);
        EXPECT_FALSE(mentions(r.out, "dropped_findings")) << r.out;
        EXPECT_FALSE(mentions(r.out, "not listed")) << r.out;
    }
}

}  // namespace
