// End-to-end tests: the built lmacheck program, run as a subprocess the way
// users and CI pipelines run it, against the contract of report-and-cli.md
// (exit codes, the JSON report, ordering, determinism, plugins, rule sets)
// and the expected outcome of every sample (tests/e2e/sample-expectations.json).
#include "support/file_bytes.hpp"
#include "support/report_contract.hpp"
#include "support/rule_catalog.hpp"
#include "support/sha256.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"
#include "support/test_paths.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <optional>
#include <random>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace lmacheck::test;
using CliResult = ProcessResult;  // a run of the program

const fs::path lmacheck_exe = LMACHECK_EXE;
using lmacheck::test_paths::source_dir;
using lmacheck::test_paths::plugin_dir;
using lmacheck::test_paths::test_plugin_dir;

constexpr const char* structural_errors_reason = "the document has structural errors";

// ---------------------------------------------------------------------------
// Running the program

// Runs the built program with `args` in `cwd`, with `extra_env` entries
// ("NAME=value") added to its environment. A run that takes longer than
// `timeout` is killed: a hang is a failure, not a stuck test suite.
CliResult run_cli(const std::vector<std::string>& args, const fs::path& cwd = source_dir,
                  const std::vector<std::string>& extra_env = {},
                  std::chrono::seconds timeout = std::chrono::seconds(120)) {
    std::vector<std::string> argv{lmacheck_exe.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv, {.cwd = cwd, .extra_env = extra_env, .timeout = timeout});
}

// ---------------------------------------------------------------------------
// Files

json read_json(const fs::path& file) { return json::parse(read_bytes(file)); }

// `document` as the file `name` below `dir`, as people write it (indented).
fs::path write_json(const TempDir& dir, const std::string& name, const json& document) {
    return dir.write(name, document.dump(2));
}

// A rule-set file with the given `rules` and `overrides`.
json rule_set(const std::string& name, json rules, json overrides = json::array()) {
    return json{{"name", name},
                {"description", "written by the end-to-end tests"},
                {"years", {{"from", 2008}, {"to", 2035}}},
                {"rules", std::move(rules)},
                {"overrides", std::move(overrides)}};
}

// Every *.json below samples/, as paths relative to the source directory, in byte order.
std::vector<std::string> sample_files() {
    std::vector<std::string> files;
    for (const fs::directory_entry& entry : fs::recursive_directory_iterator(source_dir / "samples")) {
        if (entry.is_regular_file() && entry.path().extension() == ".json") {
            files.push_back(entry.path().lexically_relative(source_dir).generic_string());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

json sample_expectations() { return read_json(source_dir / "tests/e2e/sample-expectations.json"); }

// ---------------------------------------------------------------------------
// Reading reports

const json* submission_for(const json& report, const std::string& file) {
    for (const json& s : report.at("submissions")) {
        if (s.at("file") == file) return &s;
    }
    return nullptr;
}

// The only submission of a one-file run.
const json& only_submission(const json& report) {
    static const json none = json::object();
    if (!report.is_object() || report.at("submissions").size() != 1) {
        ADD_FAILURE() << "expected exactly one submission in " << report.dump(2);
        return none;
    }
    return report.at("submissions").at(0);
}

std::vector<const json*> findings_of(const json& submission, const std::string& rule) {
    std::vector<const json*> found;
    if (!submission.contains("findings")) return found;
    for (const json& f : submission.at("findings")) {
        if (f.at("rule") == rule) found.push_back(&f);
    }
    return found;
}

// "severity rule at path [explained]": one finding as the expectations file describes it.
std::string finding_key(const json& f) {
    return f.at("severity").get<std::string>() + " " + f.at("rule").get<std::string>() + " at \"" +
           f.at("path").get<std::string>() + "\"" + (f.at("explained").get<bool>() ? " (explained)" : "");
}

std::vector<std::string> sorted_keys(const json& findings) {
    std::vector<std::string> keys;
    for (const json& f : findings) keys.push_back(finding_key(f));
    std::sort(keys.begin(), keys.end());
    return keys;
}

std::string lines(const std::vector<std::string>& items) {
    if (items.empty()) return "    (none)\n";
    std::string text;
    for (const std::string& item : items) text += "    " + item + "\n";
    return text;
}

// ---------------------------------------------------------------------------
// The samples

TEST(Samples, EverySampleHasAnExpectation) {
    const json expectations = sample_expectations();
    const std::vector<std::string> files = sample_files();
    for (const std::string& file : files) EXPECT_TRUE(expectations.contains(file)) << "no expectation for " << file;
    for (const auto& [file, expected] : expectations.items()) {
        EXPECT_TRUE(std::find(files.begin(), files.end(), file) != files.end()) << "expectation for missing " << file;
    }
}

// Each sample validated on its own (many samples are variants of one
// submitter's file for one year: validated together they are duplicates);
// one failure per file whose outcome differs, listing the expected and the
// actual findings.
TEST(Samples, OutcomesMatchTheExpectations) {
    const json expectations = sample_expectations();
    for (const auto& [file, expected] : expectations.items()) {
        const CliResult r = run_cli({"validate", "--format", "json", file});
        const json report = report_of(r);
        const json* actual = report.is_object() ? submission_for(report, file) : nullptr;
        if (actual == nullptr) {
            ADD_FAILURE() << file << ": not in the report";
            continue;
        }
        const std::vector<std::string> want = sorted_keys(expected.at("findings"));
        const std::vector<std::string> got = sorted_keys(actual->at("findings"));
        if (expected.at("status") != actual->at("status") || want != got) {
            ADD_FAILURE() << file << "\n  expected " << expected.at("status").get<std::string>() << " with\n"
                          << lines(want) << "  actual " << actual->at("status").get<std::string>() << " with\n"
                          << lines(got);
        }
    }
}

// Level 3 without a store: two files for one submitter and year in one run
// are both rejected, each relating the other.
TEST(Samples, TwoFilesForOneSubmitterAndYearAreDuplicates) {
    const std::string a = "samples/invalid/capacity.occupancy.json", b = "samples/valid/institution-2019.json";
    const CliResult r = run_cli({"validate", "--format", "json", a, b});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    const json report = report_of(r);
    ASSERT_TRUE(report.is_object());
    for (const auto& [file, other] : {std::pair{a, b}, std::pair{b, a}}) {
        const json* s = submission_for(report, file);
        ASSERT_NE(s, nullptr) << file;
        EXPECT_EQ(s->at("status"), "rejected") << file;
        const auto found = findings_of(*s, "cross.duplicate-submission");
        ASSERT_EQ(found.size(), 1u) << file;
        EXPECT_EQ(found[0]->at("path"), "");
        EXPECT_EQ(found[0]->at("level"), 3);
        ASSERT_TRUE(found[0]->contains("related")) << found[0]->dump();
        EXPECT_EQ(found[0]->at("related").at(0).at("file"), other);
    }
}

// Each sample on its own: exit 1 exactly when it is rejected.
TEST(ExitCode, EachSampleAlone) {
    const json expectations = sample_expectations();
    for (const auto& [file, expected] : expectations.items()) {
        const CliResult r = run_cli({"validate", file});
        const int want = expected.at("status") == "rejected" ? 1 : 0;
        EXPECT_EQ(r.exit_code, want) << file << "\n" << describe(r);
    }
}

// ---------------------------------------------------------------------------
// The JSON report

class JsonReport : public ::testing::Test {
protected:
    // One run over the samples directory, shared by the tests of this suite.
    static void SetUpTestSuite() {
        run_ = run_cli({"validate", "--format", "json", "samples"});
        report_ = json::parse(run_.out, nullptr, false);
    }
    static const json& submission(const std::string& file) {
        static const json none = json::object();
        const json* s = report_.is_object() ? submission_for(report_, file) : nullptr;
        if (s == nullptr) ADD_FAILURE() << file << " is not in the report";
        return s == nullptr ? none : *s;
    }
    static inline CliResult run_;
    static inline json report_;
};

TEST_F(JsonReport, HasTheDocumentedShape) {
    EXPECT_EQ(run_.exit_code, 1) << describe(run_);
    ASSERT_FALSE(report_.is_discarded()) << "stdout is not JSON\n" << describe(run_);
    check_report_shape(report_);
    for (const json& s : report_.at("submissions")) EXPECT_EQ(s.at("ruleset"), "lma-v1") << s.at("file");
    // tool.version is the program's version.
    const CliResult version = run_cli({"--version"});
    EXPECT_EQ(version.exit_code, 0) << describe(version);
    EXPECT_EQ(version.out, "lmacheck " + report_.at("tool").value("version", std::string("?")) + "\n");
}

// Files below a directory: the path as given joined with the relative path,
// in byte order of the paths.
TEST_F(JsonReport, ListsEveryFileBelowTheDirectoryInByteOrder) {
    ASSERT_TRUE(report_.is_object());
    std::vector<std::string> files;
    for (const json& s : report_.at("submissions")) files.push_back(s.at("file").get<std::string>());
    // The walk takes workbooks too (samples/workbook, docs/spreadsheets.md).
    std::vector<std::string> expected = sample_files();
    for (const fs::directory_entry& entry : fs::recursive_directory_iterator(source_dir / "samples")) {
        if (entry.path().extension() == ".xlsx" || entry.path().extension() == ".ods") {
            expected.push_back(entry.path().lexically_relative(source_dir).generic_string());
        }
    }
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(files, expected);
}

TEST_F(JsonReport, Sha256IsTheHashOfTheFileBytes) {
    ASSERT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    ASSERT_TRUE(report_.is_object());
    for (const json& s : report_.at("submissions")) {
        EXPECT_EQ(s.at("sha256"), sha256_hex(read_bytes(source_dir / s.at("file").get<std::string>()))) << s.at("file");
    }
}

TEST_F(JsonReport, MetadataOfAValidSubmission) {
    const json& s = submission("samples/valid/institution-2019.json");
    EXPECT_EQ(s.value("kind", json()), "institution");
    EXPECT_EQ(s.value("submitter_id", json()), "06290417");  // the AGB code
    EXPECT_EQ(s.value("reporting_year", json()), 2019);
    // In this run over all samples it is one of several files for 06290417 and
    // 2019 (the invalid variants), so cross.duplicate-submission rejects it.
    EXPECT_EQ(s.value("status", json()), "rejected");
    EXPECT_EQ(findings_of(s, "cross.duplicate-submission").size(), 1u);
    const json& m = submission("samples/valid/municipality-2019-central.json");
    EXPECT_EQ(m.value("kind", json()), "municipality");
    EXPECT_EQ(m.value("submitter_id", json()), "GM0599");  // the municipality code
}

// Metadata is filled whenever the document holds it with the right type,
// even when other parts fail the schema.
TEST_F(JsonReport, MetadataOfADocumentWithSchemaErrors) {
    const json& s = submission("samples/invalid/schema.structure-wrong-type.json");
    EXPECT_EQ(s.value("kind", json()), "institution");
    EXPECT_EQ(s.value("submitter_id", json()), "06290417");
    EXPECT_EQ(s.value("reporting_year", json()), 2019);
}

TEST_F(JsonReport, UnreadableFileHasNullMetadataButAHash) {
    const std::vector<std::string> files = {"samples/invalid/document.unreadable-truncated.json",
                                            "samples/invalid/document.unreadable-not-utf8.json"};
    for (const std::string& file : files) {
        const json& s = submission(file);
        EXPECT_TRUE(s.value("kind", json(0)).is_null()) << file;
        EXPECT_TRUE(s.value("submitter_id", json(0)).is_null()) << file;
        EXPECT_TRUE(s.value("reporting_year", json(0)).is_null()) << file;
        EXPECT_EQ(s.value("sha256", json()), sha256_hex(read_bytes(source_dir / file))) << file;
        EXPECT_EQ(s.value("status", json()), "rejected") << file;
        EXPECT_EQ(findings_of(s, "document.unreadable").size(), 1u) << file;
    }
}

// A document with a structural error lists every level-1 rule for its kind
// as skipped, and has no level-1 finding.
TEST_F(JsonReport, StructuralErrorsSkipLevel1Rules) {
    const CliResult listing = run_cli({"rules", "--format", "json"});
    const json rules = report_of(listing);
    ASSERT_TRUE(rules.is_object());
    std::set<std::string> institution_rules;
    for (const json& rule : rules.at("rules")) {
        // Every rule above level 0 is skipped for structural errors, level 2
        // (which would need a store too) included.
        if (rule.at("level") != 0 && rule.at("applies_to") != "municipality") {
            institution_rules.insert(rule.at("id").get<std::string>());
        }
    }
    // The catalog's institution rules and the engine's explanation rules are
    // among them; municipality rules are not.
    for (const char* id : {"capacity.occupancy", "fact.team-size", "reference.municipality-code", "explanation.unused"}) {
        EXPECT_TRUE(institution_rules.contains(id)) << id;
    }
    EXPECT_FALSE(institution_rules.contains("municipality.budget-per-place"));

    const json& s = submission("samples/invalid/schema.structure-wrong-type.json");
    std::set<std::string> skipped;
    for (const json& r : s.at("skipped_rules")) {
        EXPECT_EQ(r.at("reason"), structural_errors_reason) << r.dump();
        skipped.insert(r.at("rule").get<std::string>());
    }
    EXPECT_EQ(skipped, institution_rules);
    for (const json& f : s.at("findings")) EXPECT_EQ(f.at("level"), 0) << f.dump();
}

TEST_F(JsonReport, SoundDocumentSkipsNothingForStructure) {
    const json& s = submission("samples/valid/institution-2019.json");
    ASSERT_TRUE(s.contains("skipped_rules"));
    for (const json& r : s.at("skipped_rules")) EXPECT_NE(r.at("reason"), structural_errors_reason) << r.dump();
}

TEST_F(JsonReport, FindingsCarryValuesAndPositions) {
    const json& s = submission("samples/invalid/capacity.occupancy.json");
    const auto found = findings_of(s, "capacity.occupancy");
    ASSERT_EQ(found.size(), 1u);
    const json& f = *found[0];
    EXPECT_EQ(f.value("level", -1), 1);
    // 8395 / (22 x 365), unrounded in `actual`.
    ASSERT_TRUE(f.contains("actual") && f.at("actual").is_number());
    EXPECT_NEAR(f.at("actual").get<double>(), 8395.0 / (22.0 * 365.0), 1e-12);
    EXPECT_TRUE(f.contains("expected"));
    // The engine tracks positions: the line of the record's bed_days.
    ASSERT_TRUE(f.contains("line"));
    const std::string text = read_bytes(source_dir / "samples/invalid/capacity.occupancy.json");
    std::istringstream in(text);
    std::string line;
    for (int i = 1; i <= f.at("line").get<int>(); ++i) std::getline(in, line);
    EXPECT_NE(line.find("\"bed_days\""), std::string::npos) << "line " << f.at("line") << " is: " << line;
}

// ---------------------------------------------------------------------------
// Order of findings

// /capacity/2 before /capacity/10: a submission with twelve capacity records,
// copies of one, two of them with wrong places.
TEST(FindingOrder, ArrayIndicesCompareAsNumbers) {
    const TempDir dir;
    json document = read_json(source_dir / "samples/valid/institution-2019.json");
    json capacity = json::array();
    for (int i = 0; i < 12; ++i) capacity.push_back(document["capacity"][0]);
    capacity[2]["places"] = 99.0;
    capacity[10]["places"] = 98.0;
    document["capacity"] = capacity;
    const fs::path file = write_json(dir, "many-records.json", document);

    const CliResult r = run_cli({"validate", "--format", "json", file.string()});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    const json report = report_of(r);
    ASSERT_TRUE(report.is_object());
    const json& s = only_submission(report);
    check_submission_shape(s);

    std::vector<std::string> places_paths;
    for (const json* f : findings_of(s, "capacity.places-from-bed-days")) places_paths.push_back(f->at("path").get<std::string>());
    EXPECT_EQ(places_paths, (std::vector<std::string>{"/capacity/2/places", "/capacity/10/places"}));

    // And across rules: everything at /capacity/2... before anything at /capacity/10...
    std::size_t last_at_2 = 0, first_at_10 = SIZE_MAX;
    const json& findings = s.at("findings");
    for (std::size_t i = 0; i < findings.size(); ++i) {
        const std::string path = findings[i].at("path");
        if (path == "/capacity/2" || path.starts_with("/capacity/2/")) last_at_2 = i;
        if ((path == "/capacity/10" || path.starts_with("/capacity/10/")) && first_at_10 == SIZE_MAX) first_at_10 = i;
    }
    ASSERT_NE(first_at_10, SIZE_MAX);
    EXPECT_LT(last_at_2, first_at_10) << findings.dump(2);
}

// ---------------------------------------------------------------------------
// Exit codes

TEST(ExitCode, ValidSamplesAreAccepted) {
    const CliResult r = run_cli({"validate", "samples/valid"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
}

TEST(ExitCode, MaxWarnings) {
    const std::string warnings_only = "samples/invalid/capacity.occupancy.json";  // one unexplained warning
    EXPECT_EQ(run_cli({"validate", warnings_only}).exit_code, 0);
    EXPECT_EQ(run_cli({"validate", warnings_only, "--max-warnings", "0"}).exit_code, 1);
    EXPECT_EQ(run_cli({"validate", warnings_only, "--max-warnings", "1"}).exit_code, 0) << "exceed means more than N";
    EXPECT_EQ(run_cli({"validate", warnings_only, "--max-warnings", "5"}).exit_code, 0);
    // An explained warning does not count.
    EXPECT_EQ(run_cli({"validate", "samples/valid/institution-2017-explained.json", "--max-warnings", "0"}).exit_code, 0);
    // Warnings add up over all submissions of the run.
    const std::vector<std::string> two = {"validate", warnings_only, "samples/invalid/fact.team-size.json",
                                          "--max-warnings", "1"};
    EXPECT_EQ(run_cli(two).exit_code, 1);
}

// A usage error: exit 2, no report on stdout, and stderr says what is wrong.
void expect_usage_error(const CliResult& r, const std::vector<std::string>& stderr_mentions,
                        const std::string& what) {
    EXPECT_EQ(r.exit_code, 2) << what << "\n" << describe(r);
    EXPECT_EQ(r.out, "") << what << ": a usage error prints no report";
    for (const std::string& part : stderr_mentions) {
        EXPECT_NE(r.err.find(part), std::string::npos) << what << ": stderr does not mention " << part << "\n"
                                                       << describe(r);
    }
}

TEST(ExitCode, UsageErrors) {
    const TempDir empty;
    const TempDir no_json;
    no_json.write("notes.txt", "no submissions here\n");
    expect_usage_error(run_cli({"validate", "samples/no-such-file.json"}), {"samples/no-such-file.json"},
                       "nonexistent path");
    expect_usage_error(run_cli({"validate", empty.path().string()}), {empty.path().string()}, "empty directory");
    expect_usage_error(run_cli({"validate", no_json.path().string()}), {no_json.path().string()},
                       "directory without *.json");
    expect_usage_error(run_cli({"validate", "--no-such-option", "samples/valid"}), {"--no-such-option"},
                       "unknown option");
    expect_usage_error(run_cli({"validate", "--format", "bogus", "samples/valid"}), {"bogus"}, "--format bogus");
    expect_usage_error(run_cli({"validate"}), {}, "no path");
    expect_usage_error(run_cli({}), {}, "no command");
    expect_usage_error(run_cli({"frobnicate"}), {}, "unknown command");
    expect_usage_error(run_cli({"validate", "--jobs", "0", "samples/valid"}), {"--jobs"}, "--jobs 0");
    // -1 is "no limit" (issue 12); below that is a usage error.
    expect_usage_error(run_cli({"validate", "--max-warnings", "-2", "samples/valid"}), {"--max-warnings"},
                       "--max-warnings below -1");
    expect_usage_error(run_cli({"validate", "--ruleset", "rules/no-such-ruleset.json", "samples/valid"}),
                       {"rules/no-such-ruleset.json"}, "missing rule set");
    expect_usage_error(run_cli({"validate", "--data-dir", empty.path().string(), "samples/valid"}),
                       {empty.path().string()}, "data dir without schemas/ and rules/");
}

TEST(ExitCode, BrokenPluginDirectories) {
    const fs::path junk = test_plugin_dir / "not-a-plugin";
    const fs::path wrong_abi = test_plugin_dir / "wrong-abi";
    expect_usage_error(run_cli({"validate", "--plugin-dir", junk.string(), "samples/valid"}), {"junk.so"},
                       "plugin dir holding junk.so");
    expect_usage_error(run_cli({"validate", "--plugin-dir", wrong_abi.string(), "samples/valid"}),
                       {"wrong build fingerprint", "lmacheck_test_wrong_abi.so"}, "wrong-abi plugin");
    expect_usage_error(
        run_cli({"validate", "--plugin-dir", (test_plugin_dir / "no-fingerprint").string(), "samples/valid"}),
        {"lmacheck_test_no_fingerprint.so", "exports no lmacheck_build_fingerprint"}, "plugin without fingerprint");
    // Next to the product plugins, the same.
    expect_usage_error(
        run_cli({"validate", "--plugin-dir", plugin_dir.string(), "--plugin-dir", junk.string(), "samples/valid"}),
        {"junk.so"}, "junk.so after the product plugins");
    expect_usage_error(run_cli({"validate", "--plugin-dir", (test_plugin_dir / "no-factory").string(), "samples/valid"}),
                       {"lmacheck_test_no_factory.so"}, "plugin without factory");
    expect_usage_error(
        run_cli({"validate", "--plugin-dir", (test_plugin_dir / "throwing-factory").string(), "samples/valid"}),
        {"lmacheck_test_throwing_factory.so", "factory exploded"}, "throwing factory");
    // LMACHECK_PLUGIN_PATH is a search path like --plugin-dir.
    expect_usage_error(run_cli({"validate", "samples/valid"}, source_dir, {"LMACHECK_PLUGIN_PATH=" + junk.string()}),
                       {"junk.so"}, "LMACHECK_PLUGIN_PATH holding junk.so");
    expect_usage_error(run_cli({"rules", "--plugin-dir", wrong_abi.string()}), {"wrong build fingerprint"},
                       "rules with wrong-abi plugin");
}

// A rule-set file with a mistake stops the run before any file is judged,
// and the message names the rule (and the option).
TEST(ExitCode, BadRuleSets) {
    const TempDir dir;
    struct Case {
        std::string what;
        json rules;
        std::vector<std::string> mentions;
    };
    const std::vector<Case> cases = {
        {"unknown rule id", {{"capacity.occupation", {{"enabled", false}}}}, {"capacity.occupation"}},
        {"unknown option",
         {{"capacity.occupancy", {{"options", {{"max_occupation", 1.2}}}}}},
         {"capacity.occupancy", "max_occupation"}},
        {"wrong option type",
         {{"capacity.occupancy", {{"options", {{"max_occupancy", "high"}}}}}},
         {"capacity.occupancy", "max_occupancy"}},
        {"option of a rule without options",
         {{"clients.partition", {{"options", {{"tolerance", 1}}}}}},
         {"clients.partition", "tolerance"}},
        {"level-0 rule switched off", {{"schema.structure", {{"enabled", false}}}}, {"schema.structure"}},
        {"level-0 rule downgraded", {{"document.unreadable", {{"severity", "info"}}}}, {"document.unreadable"}},
        {"unknown severity", {{"fact.team-size", {{"severity", "fatal"}}}}, {"fact.team-size"}},
    };
    for (const Case& c : cases) {
        const fs::path file = write_json(dir, "ruleset.json", rule_set("bad", c.rules));
        expect_usage_error(run_cli({"validate", "--ruleset", file.string(), "samples/valid"}), c.mentions, c.what);
    }
    // A mistake inside an override is found too, even if no submission falls in its years.
    const json in_override = rule_set("bad", json::object(),
                                      json::array({{{"years", {{"from", 2030}, {"to", 2031}}},
                                                    {"rules", {{"capacity.occupancy", {{"options", {{"max_occupancy", "x"}}}}}}}}}));
    expect_usage_error(
        run_cli({"validate", "--ruleset", write_json(dir, "override.json", in_override).string(), "samples/valid"}),
        {"capacity.occupancy", "max_occupancy"}, "wrong option type in an override");
    expect_usage_error(run_cli({"validate", "--ruleset", dir.write("not-json.json", "{\"name\": ").string(),
                                "samples/valid"}),
                       {"not-json.json"}, "rule set that is not JSON");
}

// ---------------------------------------------------------------------------
// Plugins at run time

// A rule that throws gives an engine.rule-failed error for that submission
// (exit 1), and the other rules still run.
TEST(Plugins, ThrowingRuleIsAFindingNotACrash) {
    const std::string throwing = (test_plugin_dir / "throwing-rule").string();
    const std::vector<CliResult> runs = {
        run_cli({"validate", "--format", "json", "--plugin-dir", plugin_dir.string(), "--plugin-dir", throwing,
                 "samples/invalid/capacity.occupancy.json"}),
        run_cli({"validate", "--format", "json", "samples/invalid/capacity.occupancy.json"}, source_dir,
                {"LMACHECK_PLUGIN_PATH=" + plugin_dir.string() + ":" + throwing}),
    };
    for (const CliResult& r : runs) {
        EXPECT_EQ(r.exit_code, 1) << describe(r);
        const json report = report_of(r);
        ASSERT_TRUE(report.is_object());
        check_report_shape(report);
        const json& s = only_submission(report);
        const auto failed = findings_of(s, "engine.rule-failed");
        ASSERT_EQ(failed.size(), 1u) << s.dump(2);
        EXPECT_EQ(failed[0]->at("path"), "");
        EXPECT_EQ(failed[0]->at("severity"), "error");
        const std::string message = failed[0]->at("message");
        EXPECT_NE(message.find("test.throws"), std::string::npos) << message;
        EXPECT_NE(message.find("boom"), std::string::npos) << message;
        EXPECT_EQ(findings_of(s, "test.reports").size(), 1u) << "the other test rule still ran";
        EXPECT_EQ(findings_of(s, "capacity.occupancy").size(), 1u) << "the product rules still ran";
        EXPECT_EQ(s.at("status"), "rejected");
    }
}

// --plugin-dir replaces the default and LMACHECK_PLUGIN_PATH.
TEST(Plugins, PluginDirOverridesTheEnvironment) {
    const CliResult r = run_cli({"validate", "--plugin-dir", plugin_dir.string(), "samples/valid"}, source_dir,
                                {"LMACHECK_PLUGIN_PATH=" + (test_plugin_dir / "not-a-plugin").string()});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
}

// ---------------------------------------------------------------------------
// Output, logs, determinism, working directory

TEST(Output, OutputFileGetsTheReportAndStdoutNothing) {
    const TempDir dir;
    const fs::path report_file = dir / "report.json";
    const CliResult to_stdout = run_cli({"validate", "--format", "json", "samples"});
    const CliResult to_file = run_cli({"validate", "--format", "json", "--output", report_file.string(), "samples"});
    EXPECT_EQ(to_file.exit_code, to_stdout.exit_code) << describe(to_file);
    EXPECT_EQ(to_file.out, "");
    EXPECT_EQ(read_bytes(report_file), to_stdout.out);

    // The text report too.
    const fs::path text_file = dir / "report.txt";
    const CliResult text = run_cli({"validate", "--output", text_file.string(), "samples/valid"});
    EXPECT_EQ(text.exit_code, 0) << describe(text);
    EXPECT_EQ(text.out, "");
    EXPECT_EQ(read_bytes(text_file), run_cli({"validate", "samples/valid"}).out);
}

TEST(Output, UnwritableOutputIsAnError) {
    const TempDir dir;
    const CliResult r = run_cli({"validate", "--output", (dir / "no-such-dir" / "report.json").string(), "samples/valid"});
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    EXPECT_EQ(r.out, "");
    EXPECT_NE(r.err.find("report.json"), std::string::npos) << describe(r);
}

// Logs go to stderr only: with -vv, stdout is still exactly the report.
TEST(Output, LogsNeverReachStdout) {
    const CliResult quiet = run_cli({"validate", "--format", "json", "samples"});
    const CliResult verbose = run_cli({"validate", "--format", "json", "-vv", "samples"});
    EXPECT_EQ(verbose.exit_code, quiet.exit_code);
    EXPECT_FALSE(verbose.err.empty()) << "-vv should log something to stderr";
    EXPECT_EQ(verbose.out, quiet.out);
    report_of(verbose);  // and it parses
    const CliResult rules = run_cli({"rules", "--format", "json", "-vv"});
    EXPECT_EQ(rules.exit_code, 0) << describe(rules);
    report_of(rules);
}

TEST(Output, TextReportLinesLikeACompiler) {
    const CliResult r = run_cli({"validate", "samples/invalid/capacity.occupancy.json"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << "no colour when stdout is not a terminal";
    std::istringstream in(r.out);
    std::string line;
    bool found = false;
    while (std::getline(in, line)) {
        if (line.find("[capacity.occupancy]") == std::string::npos) continue;
        found = true;
        // FILE:LINE:COL: SEVERITY: MESSAGE [RULE] at PATH
        const std::string prefix = "samples/invalid/capacity.occupancy.json:";
        EXPECT_TRUE(line.starts_with(prefix)) << line;
        std::size_t pos = prefix.size();
        for (int field = 0; field < 2; ++field) {  // LINE: and COL:
            const std::size_t end = line.find_first_not_of("0123456789", pos);
            ASSERT_NE(end, std::string::npos) << line;
            EXPECT_GT(end, pos) << "line and column: " << line;
            EXPECT_EQ(line[end], ':') << line;
            pos = end + 1;
        }
        EXPECT_EQ(line.compare(pos, 10, " warning: "), 0) << line;
        EXPECT_TRUE(line.ends_with("[capacity.occupancy] at /capacity/1/bed_days")) << line;
    }
    EXPECT_TRUE(found) << describe(r);
}

TEST(Determinism, JobsDoNotChangeTheBytes) {
    const CliResult one = run_cli({"validate", "--format", "json", "--jobs", "1", "samples"});
    const CliResult four = run_cli({"validate", "--format", "json", "--jobs", "4", "samples"});
    const CliResult again = run_cli({"validate", "--format", "json", "--jobs", "4", "samples"});
    ASSERT_FALSE(one.out.empty()) << describe(one);
    EXPECT_TRUE(one.out == four.out) << "--jobs 1 and --jobs 4 differ";
    EXPECT_TRUE(four.out == again.out) << "two runs differ";
    const CliResult text_one = run_cli({"validate", "--jobs", "1", "samples"});
    const CliResult text_four = run_cli({"validate", "--jobs", "4", "samples"});
    EXPECT_TRUE(text_one.out == text_four.out) << "text report: --jobs 1 and --jobs 4 differ";
}

// ---------------------------------------------------------------------------
// --timestamp

using Clock = std::chrono::system_clock;

// An RFC 3339 UTC time with milliseconds, as --timestamp writes it; nullopt
// (and a failure) for anything else.
std::optional<Clock::time_point> parse_utc_millis(const std::string& text) {
    static const std::regex form(R"(^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{3})Z$)");
    std::smatch m;
    if (!std::regex_match(text, m, form)) {
        ADD_FAILURE() << "not an RFC 3339 UTC time with milliseconds: \"" << text << "\"";
        return std::nullopt;
    }
    const auto number = [&](std::size_t i) { return std::stoi(m[i].str()); };
    using namespace std::chrono;
    const year_month_day date{year(number(1)), month(static_cast<unsigned>(number(2))),
                              day(static_cast<unsigned>(number(3)))};
    if (!date.ok()) {
        ADD_FAILURE() << "not a calendar date: " << text;
        return std::nullopt;
    }
    return sys_days(date) + hours(number(4)) + minutes(number(5)) + seconds(number(6)) + milliseconds(number(7));
}

// The times a report of `format` carries, as written (--timestamp: one; JUnit:
// one per suite); none without --timestamp.
std::vector<std::string> report_times(const std::string& format, const std::string& report) {
    std::vector<std::string> times;
    const auto all = [&](const std::regex& pattern) {
        for (std::sregex_iterator it(report.begin(), report.end(), pattern), end; it != end; ++it) {
            times.push_back((*it)[1].str());
        }
    };
    if (format == "json") {
        const json parsed = json::parse(report, nullptr, false);
        if (parsed.is_object() && parsed.contains("generated_at")) times.push_back(parsed["generated_at"]);
    } else if (format == "sarif") {
        const json parsed = json::parse(report, nullptr, false);
        const json::json_pointer invocation("/runs/0/invocations/0");
        if (parsed.is_object() && parsed.contains(invocation)) {
            EXPECT_EQ(parsed[invocation].value("executionSuccessful", false), true) << report;
            times.push_back(parsed[invocation].value("endTimeUtc", ""));
        }
    } else if (format == "junit") {
        all(std::regex("<testsuite [^>]* timestamp=\"([^\"]*)\""));
    } else if (format == "html") {
        all(std::regex("<p class=\"generated\">(?:Generated at|Gemaakt op) ([^<]*)</p>"));
    } else {  // text, markdown
        all(std::regex("(?:^|\n)(?:generated at|gemaakt op|Generated at|Gemaakt op) ([^\n]*)\n"));
    }
    return times;
}

std::size_t suite_count(const std::string& junit) {
    std::size_t n = 0;
    for (std::size_t at = junit.find("<testsuite "); at != std::string::npos; at = junit.find("<testsuite ", at + 1)) {
        ++n;
    }
    return n;
}

// Each format, with --timestamp, carries one time (JUnit: the same on every
// suite) that parses and lies between the clock readings before and after
// the run: the time the run finished.
TEST(Timestamp, EveryFormatCarriesTheTimeTheRunFinished) {
    for (const auto& [format, lang] : std::vector<std::pair<std::string, std::string>>{
             {"text", "en"}, {"text", "nl"}, {"json", "en"}, {"junit", "en"}, {"sarif", "en"},
             {"html", "en"}, {"html", "nl"}, {"markdown", "en"}, {"markdown", "nl"}}) {
        const auto before = std::chrono::floor<std::chrono::milliseconds>(Clock::now());
        const CliResult r = run_cli({"validate", "--timestamp", "--format", format, "--lang", lang, "samples/valid"});
        const auto after = Clock::now();
        EXPECT_EQ(r.exit_code, 0) << describe(r);
        const std::vector<std::string> times = report_times(format, r.out);
        const std::size_t places = format == "junit" ? suite_count(r.out) : 1;
        ASSERT_EQ(times.size(), places) << format << " " << lang << "\n" << r.out;
        for (const std::string& time : times) EXPECT_EQ(time, times.front()) << format;
        const auto finished = parse_utc_millis(times.front());
        ASSERT_TRUE(finished) << format;
        EXPECT_LE(before, *finished) << format << " " << times.front();
        EXPECT_LE(*finished, after) << format << " " << times.front();
    }
}

// accept takes the same options, --timestamp among them.
TEST(Timestamp, AcceptTakesItToo) {
    const TempDir dir;
    const auto before = std::chrono::floor<std::chrono::milliseconds>(Clock::now());
    const CliResult r = run_cli({"accept", "--store", (dir / "store.db").string(), "--timestamp", "--format", "json",
                                 "samples/valid/institution-2019.json"});
    const auto after = Clock::now();
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    const std::vector<std::string> times = report_times("json", r.out);
    ASSERT_EQ(times.size(), 1u) << r.out;
    const auto finished = parse_utc_millis(times.front());
    ASSERT_TRUE(finished);
    EXPECT_LE(before, *finished);
    EXPECT_LE(*finished, after);
}

// Without --timestamp no format holds a time of day: two runs over the same
// input print the same bytes.
TEST(Timestamp, NoTimeWithoutIt) {
    const std::regex time_of_day("[0-9]{2}:[0-9]{2}:[0-9]{2}");
    for (const std::string format : {"text", "json", "junit", "sarif", "html", "markdown"}) {
        const CliResult r = run_cli({"validate", "--format", format, "samples/valid"});
        EXPECT_EQ(r.exit_code, 0) << describe(r);
        EXPECT_FALSE(r.out.empty()) << format;
        EXPECT_FALSE(std::regex_search(r.out, time_of_day)) << format;
        EXPECT_TRUE(report_times(format, r.out).empty()) << format;
    }
}

// Data and plugins are found next to the executable, not in the working directory.
TEST(WorkingDirectory, RunsFromAnotherDirectory) {
    const TempDir cwd;
    const std::string valid = (source_dir / "samples/valid").string();
    // The occupancy sample under another AGB code, so that it is no duplicate
    // of samples/valid/institution-2019.json in this run.
    json variant = read_json(source_dir / "samples/invalid/capacity.occupancy.json");
    variant["submitter"]["agb_code"] = "06999999";
    const std::string occupancy = (cwd.path() / "occupancy.json").string();
    write_bytes(occupancy, variant.dump(2));
    const CliResult r = run_cli({"validate", "--format", "json", valid, occupancy}, cwd.path());
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    const json report = report_of(r);
    ASSERT_TRUE(report.is_object());
    check_report_shape(report);
    EXPECT_EQ(report.at("summary").at("submissions"), 10);
    const json* s = submission_for(report, occupancy);
    ASSERT_NE(s, nullptr) << "file is shown as given";
    EXPECT_EQ(findings_of(*s, "capacity.occupancy").size(), 1u);
    EXPECT_NE(submission_for(report, (fs::path(valid) / "institution-2019.json").string()), nullptr);

    const CliResult from_tmp = run_cli({"validate", occupancy}, fs::temp_directory_path());
    EXPECT_EQ(from_tmp.exit_code, 0) << describe(from_tmp);
    const CliResult rules = run_cli({"rules"}, cwd.path());
    EXPECT_EQ(rules.exit_code, 0) << describe(rules);
}

// ---------------------------------------------------------------------------
// The rules listing

TEST(RulesListing, JsonListsEveryCatalogRuleWithItsDefaults) {
    const CliResult r = run_cli({"rules", "--format", "json"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    const json listing = report_of(r);
    ASSERT_TRUE(listing.is_object() && listing.contains("rules")) << listing.dump();
    std::map<std::string, json> by_id;
    for (const json& rule : listing.at("rules")) by_id[rule.at("id").get<std::string>()] = rule;

    for (const CatalogRule& want : catalog_rules()) {
        SCOPED_TRACE(want.id);
        const auto it = by_id.find(want.id);
        if (it == by_id.end()) {
            ADD_FAILURE() << want.id << " is not listed";
            continue;
        }
        const json& rule = it->second;
        EXPECT_EQ(rule.value("severity", json()), want.severity);
        EXPECT_EQ(rule.value("level", json()), want.level);
        EXPECT_EQ(rule.value("applies_to", json()), want.applies_to.empty() ? "any" : want.applies_to);
        EXPECT_TRUE(rule.value("plugin", json()).is_string() && !rule.at("plugin").get<std::string>().empty());
        EXPECT_TRUE(rule.value("description", json()).is_string() && !rule.at("description").get<std::string>().empty());
        // json compares 365 and 365.0 as equal numbers, as the catalog means them.
        EXPECT_EQ(rule.value("options", json()), want.options);
    }
    EXPECT_EQ(by_id["capacity.occupancy"].value("plugin", json()), "capacity");
}

TEST(RulesListing, TextListsEveryCatalogRule) {
    const CliResult json_run = run_cli({"rules", "--format", "json"});
    const json listing = report_of(json_run);
    ASSERT_TRUE(listing.is_object());
    const CliResult r = run_cli({"rules"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);

    std::map<std::string, std::string> line_of;  // rule id -> its line
    std::istringstream in(r.out);
    for (std::string line; std::getline(in, line);) {
        const std::string first = line.substr(0, line.find(' '));
        if (!first.empty()) line_of[first] = line;
    }
    for (const json& rule : listing.at("rules")) {
        const std::string id = rule.at("id");
        const auto it = line_of.find(id);
        if (it == line_of.end()) {
            ADD_FAILURE() << id << " has no line in `lmacheck rules`\n" << r.out;
            continue;
        }
        const std::vector<std::string> parts = {rule.at("severity").get<std::string>(),
                                                rule.at("plugin").get<std::string>(),
                                                rule.at("description").get<std::string>()};
        for (const std::string& part : parts) {
            EXPECT_NE(it->second.find(part), std::string::npos) << id << ": line lacks " << part << "\n" << it->second;
        }
    }
    for (const CatalogRule& want : catalog_rules()) EXPECT_TRUE(line_of.contains(want.id)) << want.id;
    EXPECT_NE(r.out.find("days_per_place=365"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("abs_tolerance=0.05"), std::string::npos) << r.out;
}

// ---------------------------------------------------------------------------
// Rule sets

// institution-2012 with the zvw beds halved (record and total): occupancy
// 13176 / (20 x 366) = 1.80, one capacity.occupancy warning and nothing else.
json overfull_2012() {
    json document = read_json(source_dir / "samples/valid/institution-2012.json");
    document["capacity"][0]["beds_year_end"] = 20;
    document["capacity_totals"]["zvw"]["beds_year_end"] = 20;
    return document;
}

std::vector<std::string> rules_found(const json& submission) {
    std::vector<std::string> rules;
    for (const json& f : submission.at("findings")) rules.push_back(f.at("rule").get<std::string>());
    return rules;
}

TEST(RuleSets, OverrideAppliesOnlyToItsYears) {
    const TempDir dir;
    const std::string file_2012 = write_json(dir, "occupancy-2012.json", overfull_2012()).string();
    const std::string file_2019 = (source_dir / "samples/invalid/capacity.occupancy.json").string();
    const json no_occupancy_before_2015 =
        rule_set("no-occupancy-before-2015", json::object(),
                 json::array({{{"years", {{"from", 2008}, {"to", 2014}}},
                               {"rules", {{"capacity.occupancy", {{"enabled", false}}}}}}}));
    const std::string ruleset = write_json(dir, "ruleset.json", no_occupancy_before_2015).string();

    const json shipped = report_of(run_cli({"validate", "--format", "json", file_2012, file_2019}));
    const json custom = report_of(run_cli({"validate", "--format", "json", "--ruleset", ruleset, file_2012, file_2019}));
    ASSERT_TRUE(shipped.is_object() && custom.is_object());
    const json* shipped_2012 = submission_for(shipped, file_2012);
    const json* custom_2012 = submission_for(custom, file_2012);
    const json* shipped_2019 = submission_for(shipped, file_2019);
    const json* custom_2019 = submission_for(custom, file_2019);
    ASSERT_TRUE(shipped_2012 && custom_2012 && shipped_2019 && custom_2019);

    EXPECT_EQ(rules_found(*shipped_2012), std::vector<std::string>{"capacity.occupancy"}) << shipped_2012->dump(2);
    EXPECT_EQ(rules_found(*custom_2012), std::vector<std::string>{}) << custom_2012->dump(2);
    EXPECT_EQ(rules_found(*shipped_2019), std::vector<std::string>{"capacity.occupancy"});
    EXPECT_EQ(rules_found(*custom_2019), std::vector<std::string>{"capacity.occupancy"}) << custom_2019->dump(2);
    // The report names the rule set used.
    EXPECT_EQ(shipped_2012->at("ruleset"), "lma-v1");
    EXPECT_EQ(custom_2012->at("ruleset"), "no-occupancy-before-2015");
    EXPECT_EQ(custom_2019->at("ruleset"), "no-occupancy-before-2015");
}

TEST(RuleSets, SeverityChangeChangesCountsAndExitCode) {
    const TempDir dir;
    const std::string ruleset =
        write_json(dir, "ruleset.json", rule_set("team-size-info", {{"fact.team-size", {{"severity", "info"}}}})).string();
    const std::string file = "samples/invalid/fact.team-size.json";

    const CliResult shipped_run = run_cli({"validate", "--format", "json", "--max-warnings", "0", file});
    const CliResult custom_run =
        run_cli({"validate", "--format", "json", "--max-warnings", "0", "--ruleset", ruleset, file});
    EXPECT_EQ(shipped_run.exit_code, 1) << "one warning over --max-warnings 0\n" << describe(shipped_run);
    EXPECT_EQ(custom_run.exit_code, 0) << "an info finding is not a warning\n" << describe(custom_run);

    const json shipped = only_submission(report_of(shipped_run));
    const json custom = only_submission(report_of(custom_run));
    EXPECT_EQ(shipped.value("counts", json()), (json{{"error", 0}, {"warning", 1}, {"info", 0}, {"explained", 0}}));
    EXPECT_EQ(custom.value("counts", json()), (json{{"error", 0}, {"warning", 0}, {"info", 1}, {"explained", 0}}));
    const auto found = findings_of(custom, "fact.team-size");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0]->at("severity"), "info");
}

// ---------------------------------------------------------------------------
// Language

TEST(Language, DutchMessages) {
    const std::string file = "samples/invalid/capacity.occupancy.json";
    const json en = only_submission(report_of(run_cli({"validate", "--format", "json", file})));
    const json nl = only_submission(report_of(run_cli({"validate", "--format", "json", "--lang", "nl", file})));
    const auto en_found = findings_of(en, "capacity.occupancy");
    const auto nl_found = findings_of(nl, "capacity.occupancy");
    ASSERT_EQ(en_found.size(), 1u);
    ASSERT_EQ(nl_found.size(), 1u);
    // 8395 / (22 x 365) = 1.045..., with two decimals; a decimal comma in Dutch.
    const std::string en_message = en_found[0]->at("message");
    const std::string nl_message = nl_found[0]->at("message");
    EXPECT_NE(en_message.find("occupancy 1.05"), std::string::npos) << en_message;
    EXPECT_NE(nl_message.find("bezettingsgraad 1,05"), std::string::npos) << nl_message;
    EXPECT_NE(nl_message.find("ligt boven het maximum"), std::string::npos) << nl_message;
    // Only the message changes: the rule, path and values stay.
    EXPECT_EQ(en_found[0]->at("path"), nl_found[0]->at("path"));
    EXPECT_EQ(en_found[0]->at("actual"), nl_found[0]->at("actual"));
}

// The text report's finding lines keep their fixed tokens in Dutch (error,
// warning, info; `at`), so editors and CI annotation matchers read them in
// any language: every finding of the samples is one line of this form, and
// the other lines are the status line of each file and the summary.
TEST(Language, DutchTextFindingLinesKeepTheFixedTokens) {
    const json report = report_of(run_cli({"validate", "--format", "json", "--lang", "nl", "samples"}));
    ASSERT_TRUE(report.is_object());
    std::size_t findings = 0;
    for (const json& s : report.at("submissions")) findings += s.at("findings").size();
    ASSERT_GT(findings, 0u);

    const CliResult r = run_cli({"validate", "--lang", "nl", "samples"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    // FILE:LINE:COL for JSON, FILE:SHEET!CELL for a workbook (samples/workbook).
    const std::regex finding_line(
        R"(^[^:]+:(\d+:\d+|[^:!]+![A-Z]+\d+): (error|warning|info): .* \[[a-z0-9.-]+\] at .*$)");
    const std::regex status_or_summary(R"(^[^:]+: (geaccepteerd|afgewezen) \(.*|^\d+ inzendingen: .*)");
    std::size_t matching = 0, other = 0;
    bool explained = false;
    std::istringstream in(r.out);
    for (std::string line; std::getline(in, line);) {
        if (std::regex_match(line, finding_line)) {
            ++matching;
            explained = explained || line.find(" (toegelicht) [capacity.occupancy] at /") != std::string::npos;
        } else {
            ++other;
            EXPECT_TRUE(std::regex_match(line, status_or_summary)) << line;
        }
    }
    EXPECT_EQ(matching, findings) << r.out;
    EXPECT_EQ(other, report.at("submissions").size() + 1) << r.out;
    EXPECT_TRUE(explained) << "an explained warning reads \"warning: MESSAGE (toegelicht) [RULE] at PATH\"\n" << r.out;
}

// ---------------------------------------------------------------------------
// Hostile inputs: each is one clear document.unreadable finding and exit 1,
// never a crash or a hang.

// A valid document as UTF-16 little-endian with a BOM (all samples are in the BMP).
std::string utf16le_with_bom(const std::string& utf8) {
    std::string out = "\xFF\xFE";
    for (std::size_t i = 0; i < utf8.size();) {
        const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(utf8[k]); };
        unsigned code = byte(i);
        std::size_t length = 1;
        if (code >= 0xE0) {
            code = ((code & 0x0Fu) << 12) | ((byte(i + 1) & 0x3Fu) << 6) | (byte(i + 2) & 0x3Fu);
            length = 3;
        } else if (code >= 0xC0) {
            code = ((code & 0x1Fu) << 6) | (byte(i + 1) & 0x3Fu);
            length = 2;
        }
        out += static_cast<char>(code & 0xFFu);
        out += static_cast<char>(code >> 8);
        i += length;
    }
    return out;
}

struct HostileCase {
    std::string name;
    std::string bytes;
    std::vector<std::string> extra_args;
};

std::vector<HostileCase> hostile_cases() {
    const std::string valid = read_bytes(source_dir / "samples/valid/institution-2019.json");
    std::mt19937 random(20240611u);  // fixed seed: the same bytes every run
    std::string binary(4096, '\0');
    for (char& c : binary) c = static_cast<char>(random() & 0xFFu);
    const std::size_t depth = 100000;
    // Valid JSON, only too large: 1 MiB and a bit of trailing spaces.
    const std::string large = valid + std::string(1024 * 1024 + 10, ' ');
    return {
        {"empty file", "", {}},
        {"random binary bytes", binary, {}},
        {"UTF-16 LE with BOM", utf16le_with_bom(valid), {}},
        {"100,000-deep nesting", std::string(depth, '[') + std::string(depth, ']'), {}},
        {"100,000-deep nesting in an object", "{\"a\": " + std::string(depth, '[') + std::string(depth, ']') + "}", {}},
        {"over --max-file-size 1", large, {"--max-file-size", "1"}},
        {"only a UTF-8 BOM", "\xEF\xBB\xBF", {}},
        {"NUL bytes", std::string(64, '\0'), {}},
        {"a lone surrogate escape", R"({"kind": "\ud800"})", {}},
    };
}

TEST(HostileInput, EachIsOneUnreadableFinding) {
    const TempDir dir;
    for (const HostileCase& c : hostile_cases()) {
        SCOPED_TRACE(c.name);
        const fs::path file = dir.write("input.json", c.bytes);
        std::vector<std::string> args = {"validate", "--format", "json"};
        args.insert(args.end(), c.extra_args.begin(), c.extra_args.end());
        args.push_back(file.string());
        const CliResult r = run_cli(args);
        EXPECT_EQ(r.exit_code, 1) << describe(r);
        const json report = report_of(r);
        if (!report.is_object()) continue;
        check_report_shape(report);
        const json& s = only_submission(report);
        ASSERT_EQ(s.at("findings").size(), 1u) << s.dump(2);
        const json& f = s.at("findings").at(0);
        EXPECT_EQ(f.at("rule"), "document.unreadable");
        EXPECT_EQ(f.at("path"), "");
        EXPECT_EQ(s.at("status"), "rejected");
        EXPECT_TRUE(s.at("kind").is_null());
        EXPECT_EQ(r.err.find("internal error"), std::string::npos) << describe(r);
    }
}

// Deep nesting the limit allows must not overflow a stack anywhere (parser,
// schema check, positions, report): the run ends with a report. Both the
// root value failing the schema and a deep value below an unknown key.
TEST(HostileInput, DeepNestingWithinARaisedLimit) {
    const TempDir dir;
    const std::size_t depth = 99990;
    const std::string deep = std::string(depth, '[') + std::string(depth, ']');
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"deep array as the document", deep},
        {"deep array below an unknown key", "{\"kind\": \"institution\", \"a\": " + deep + "}"},
    };
    for (const auto& [what, bytes] : cases) {
        const fs::path file = dir.write("deep.json", bytes);
        const CliResult r = run_cli({"validate", "--format", "json", "--max-depth", "100000", file.string()});
        EXPECT_EQ(r.exit_code, 1) << what << "\n" << describe(r);
        const json report = json::parse(r.out, nullptr, false);
        EXPECT_TRUE(report.is_object()) << what << ": no JSON report";
        if (report.is_object()) {
            EXPECT_EQ(only_submission(report).at("status"), "rejected") << what;
        }
    }
}

// A UTF-8 BOM before a valid document is accepted; the hash covers the BOM.
TEST(HostileInput, Utf8BomBeforeAValidDocument) {
    const TempDir dir;
    const std::string bytes = "\xEF\xBB\xBF" + read_bytes(source_dir / "samples/valid/institution-2019.json");
    const fs::path file = dir.write("bom.json", bytes);
    const CliResult r = run_cli({"validate", "--format", "json", file.string()});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    const json report = report_of(r);
    ASSERT_TRUE(report.is_object());
    const json& s = only_submission(report);
    EXPECT_EQ(s.at("status"), "accepted");
    EXPECT_EQ(s.at("findings"), json::array());
    EXPECT_EQ(s.at("sha256"), sha256_hex(bytes));
    EXPECT_EQ(s.at("reporting_year"), 2019);
}

// Files and directories the program may not read become findings of the
// run; nothing is silently dropped.
TEST(HostileInput, UnreadableFileAndDirectory) {
    if (::geteuid() == 0) GTEST_SKIP() << "root reads files whatever their mode";
    const TempDir dir;
    fs::copy_file(source_dir / "samples/valid/institution-2019.json", dir / "valid.json");
    const fs::path locked = dir.write("locked.json", "{}");
    const fs::path locked_dir = dir / "locked-dir";
    dir.write("locked-dir/inside.json", "{}");
    fs::permissions(locked, fs::perms::none);
    fs::permissions(locked_dir, fs::perms::none);

    const CliResult r = run_cli({"validate", "--format", "json", dir.path().string()});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    const json report = report_of(r);
    ASSERT_TRUE(report.is_object());
    check_report_shape(report);
    const json* valid = submission_for(report, (dir / "valid.json").string());
    ASSERT_NE(valid, nullptr) << report.dump(2);
    EXPECT_EQ(valid->at("status"), "accepted");
    const json* unreadable = submission_for(report, locked.string());
    ASSERT_NE(unreadable, nullptr) << report.dump(2);
    EXPECT_EQ(findings_of(*unreadable, "document.unreadable").size(), 1u);
    EXPECT_TRUE(unreadable->at("sha256").is_null()) << "not read at all";
    const json* unlisted = submission_for(report, locked_dir.string());
    ASSERT_NE(unlisted, nullptr) << "an unlistable directory is reported, not skipped\n" << report.dump(2);
    EXPECT_EQ(findings_of(*unlisted, "document.unreadable").size(), 1u);
}

// Link loops must not hang the walk: a link to itself, a *.json link to
// itself and a link to the directory itself.
TEST(HostileInput, SymlinkLoopsEndTheWalk) {
    const TempDir dir;
    fs::copy_file(source_dir / "samples/valid/institution-2019.json", dir / "valid.json");
    fs::create_symlink("loop", dir / "loop");
    fs::create_symlink("loop.json", dir / "loop.json");
    fs::create_directory_symlink(".", dir / "self");

    const CliResult r = run_cli({"validate", "--format", "json", dir.path().string()}, source_dir, {},
                                std::chrono::seconds(60));
    ASSERT_FALSE(r.timed_out) << describe(r);
    EXPECT_EQ(r.exit_code, 1) << "loop.json cannot be read\n" << describe(r);
    const json report = report_of(r);
    ASSERT_TRUE(report.is_object());
    check_report_shape(report);
    std::vector<std::string> files;
    for (const json& s : report.at("submissions")) files.push_back(s.at("file").get<std::string>());
    EXPECT_EQ(files, (std::vector<std::string>{(dir / "loop.json").string(), (dir / "valid.json").string()}));
    const json* loop = submission_for(report, (dir / "loop.json").string());
    ASSERT_NE(loop, nullptr);
    EXPECT_EQ(findings_of(*loop, "document.unreadable").size(), 1u);
    const json* valid = submission_for(report, (dir / "valid.json").string());
    ASSERT_NE(valid, nullptr);
    EXPECT_EQ(valid->at("status"), "accepted");
}

// A FIFO named *.json in a directory must not block the run: opening it waits
// for a writer that never comes. It is reported, not read.
TEST(HostileInput, FifoInADirectoryDoesNotBlock) {
    const TempDir dir;
    fs::copy_file(source_dir / "samples/valid/institution-2019.json", dir / "valid.json");
    ASSERT_EQ(::mkfifo((dir / "pipe.json").c_str(), 0600), 0) << std::strerror(errno);
    const CliResult r = run_cli({"validate", "--format", "json", dir.path().string()}, source_dir, {},
                                std::chrono::seconds(30));
    ASSERT_FALSE(r.timed_out) << describe(r);
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    const json report = report_of(r);
    ASSERT_TRUE(report.is_object());
    check_report_shape(report);
    const json* pipe = submission_for(report, (dir / "pipe.json").string());
    ASSERT_NE(pipe, nullptr) << report.dump(2);
    EXPECT_EQ(findings_of(*pipe, "document.unreadable").size(), 1u);
    const json* valid = submission_for(report, (dir / "valid.json").string());
    ASSERT_NE(valid, nullptr);
    EXPECT_EQ(valid->at("status"), "accepted");
}

}  // namespace

// ---------------------------------------------------------------------------
// Expression rules (rules/README.md): the shipped example through the program

TEST(ExpressionRules, TheExampleRuleSetIsListedWithItsFileAsPlugin) {
    const CliResult text = run_cli({"rules", "--ruleset", "rules/examples/extra-checks.json"});
    ASSERT_EQ(text.exit_code, 0) << describe(text);
    EXPECT_NE(text.out.find("local.fact-clients-per-certified-team"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("extra-checks.json"), std::string::npos) << text.out;
    const CliResult markdown = run_cli({"rules", "--ruleset", "rules/examples/extra-checks.json", "--format", "markdown"});
    ASSERT_EQ(markdown.exit_code, 0) << describe(markdown);
    EXPECT_NE(markdown.out.find("### `local.waiting-list-bound`"), std::string::npos) << markdown.out;
    EXPECT_NE(markdown.out.find("plugin `extra-checks.json`"), std::string::npos) << markdown.out;
    // Without --ruleset only the shipped rule sets' rules are listed.
    EXPECT_EQ(run_cli({"rules"}).out.find("local.fact-clients-per-certified-team"), std::string::npos);
}

TEST(ExpressionRules, FindingsInEveryLanguageWithExpectedAndActual) {
    const CliResult en = run_cli({"validate", "--ruleset", "rules/examples/extra-checks.json", "--format", "json",
                                  "samples/valid/institution-2012.json"});
    ASSERT_EQ(en.exit_code, 0) << describe(en);
    const json report = json::parse(en.out);
    bool found = false;
    for (const json& finding : report.at("submissions").at(0).at("findings")) {
        if (finding.at("rule") != "local.fact-clients-per-certified-team") continue;
        found = true;
        EXPECT_EQ(finding.at("path"), "/fact/clients");
        EXPECT_EQ(finding.at("severity"), "warning");
        EXPECT_EQ(finding.at("expected"), "<= 300");
        EXPECT_EQ(finding.at("actual"), 540);
        EXPECT_EQ(finding.at("message"), "540 FACT clients on 1 certified teams is 540 per team, above 300");
    }
    EXPECT_TRUE(found) << en.out;
    const CliResult nl = run_cli({"validate", "--lang", "nl", "--ruleset", "rules/examples/extra-checks.json",
                                  "samples/valid/institution-2012.json"});
    EXPECT_NE(nl.out.find("540 FACT-cliënten op 1 gecertificeerde teams is 540 per team, meer dan 300"),
              std::string::npos)
        << nl.out;
    const CliResult sarif = run_cli({"validate", "--ruleset", "rules/examples/extra-checks.json", "--format", "sarif",
                                     "samples/valid/institution-2012.json"});
    EXPECT_NE(sarif.out.find("FACT clients per certified FACT team are at most 300."), std::string::npos);
}

TEST(ExpressionRules, ABadExpressionIsAUsageErrorNamingFileRuleKeyAndPosition) {
    const TempDir dir;
    json set = read_json(source_dir / "rules" / "examples" / "extra-checks.json");
    set["expressions"][1]["check"]["right"] = "300 * certifed";
    const fs::path file = write_json(dir, "my-checks.json", set);
    expect_usage_error(run_cli({"validate", "--ruleset", file.string(), "samples/valid"}),
                       {"my-checks.json", "local.fact-clients-per-certified-team", "check/right",
                        "the name certifed is not bound by `let`", "(at character 7)"},
                       "an unbound name");
}
