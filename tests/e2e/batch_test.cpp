// National batches from tools/generate-batch.py, validated by the built
// program: a generated batch is accepted without a single finding, every
// planted defect is found at exactly its rule and path (and nothing else
// fires), the generator is deterministic, and progress shows on a terminal
// only, when validating and when accepting.
#include "support/file_bytes.hpp"
#include "support/generated_batch.hpp"
#include "support/report_contract.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"
#include "support/test_paths.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace lmacheck::test;

const fs::path lmacheck_exe = LMACHECK_EXE;
using lmacheck::test_paths::source_dir;
const fs::path python_exe = PYTHON3_EXE;

json read_json(const fs::path& file) { return json::parse(read_bytes(file)); }

// Runs the generator; fails the test when it does not exit 0.
void generate(const fs::path& out, const std::vector<std::string>& options) {
    std::vector<std::string> argv{python_exe.string(), (source_dir / "tools/generate-batch.py").string(),
                                  out.string()};
    argv.insert(argv.end(), options.begin(), options.end());
    const ProcessResult r = run_process(argv);
    ASSERT_EQ(r.exit_code, 0) << describe(r);
}

// `lmacheck <command> --data-dir BATCH/data OPTIONS BATCH/YEAR...`
std::vector<std::string> batch_args(const std::string& command, const fs::path& batch,
                                    const std::vector<std::string>& years, const std::vector<std::string>& options) {
    std::vector<std::string> argv{lmacheck_exe.string(), command, "--data-dir", (batch / "data").string()};
    argv.insert(argv.end(), options.begin(), options.end());
    for (const std::string& year : years) argv.push_back((batch / year).string());
    return argv;
}

std::vector<std::string> validate_args(const fs::path& batch, const std::vector<std::string>& years,
                                       const std::vector<std::string>& options = {}) {
    return batch_args("validate", batch, years, options);
}

// Accepting into a new store `store` (created by the run).
std::vector<std::string> accept_args(const fs::path& store, const fs::path& batch,
                                     const std::vector<std::string>& years, std::vector<std::string> options = {}) {
    options.insert(options.begin(), {"--store", store.string()});
    return batch_args("accept", batch, years, options);
}

// The report without the plausibility rules' findings (plausibility.*,
// docs/plausibility.md), which the tests of this file leave aside: they are
// statistical warnings about figures far from the peers', and on random data
// a few per cent of the submitters are that (tools/plausibility-benchmark.py
// measures how many; tests/plausibility/ tests the rules). Every other
// finding is compared exactly, and the summary's warnings are counted without
// them.
json without_plausibility(json report) {
    int removed = 0;
    for (json& s : report.at("submissions")) {
        json kept = json::array();
        for (json& f : s.at("findings")) {
            if (f.at("rule").get<std::string>().starts_with("plausibility.")) {
                EXPECT_EQ(f.at("severity"), "warning") << f.dump();
                removed += f.at("explained") == false;
                continue;
            }
            kept.push_back(std::move(f));
        }
        s["findings"] = std::move(kept);
    }
    report["summary"]["warnings"] = report.at("summary").at("warnings").get<int>() - removed;
    return report;
}

// The JSON report of validating the given years of a batch, without the
// plausibility findings.
json validate_json(const fs::path& batch, const std::vector<std::string>& years, int expected_exit,
                   const std::vector<std::string>& options = {}) {
    std::vector<std::string> all{"--format", "json"};
    all.insert(all.end(), options.begin(), options.end());
    const ProcessResult r = run_process(validate_args(batch, years, all));
    EXPECT_EQ(r.exit_code, expected_exit) << describe(r);
    json report = report_of(r);
    if (!report.is_object()) return json::object({{"submissions", json::array()}});
    check_report_shape(report);
    return without_plausibility(std::move(report));
}

std::size_t json_files_in(const fs::path& dir) {
    std::size_t count = 0;
    for (const auto& entry : fs::directory_iterator(dir)) count += entry.path().extension() == ".json";
    return count;
}

using FindingKey = std::tuple<std::string, std::string, std::string, bool>;  // rule, path, severity, explained

std::multiset<FindingKey> finding_keys(const json& findings) {
    std::multiset<FindingKey> keys;
    for (const json& f : findings) {
        keys.emplace(f.at("rule").get<std::string>(), f.at("path").get<std::string>(),
                     f.at("severity").get<std::string>(), f.at("explained").get<bool>());
    }
    return keys;
}

// A file of the report, named relative to the batch directory.
std::string relative_name(const json& submission, const fs::path& batch) {
    return fs::path(submission.at("file").get<std::string>()).lexically_relative(batch).generic_string();
}

// The batches the tests read, written once per ctest run (tests/e2e/CMakeLists.txt):
// clean: --years 2014 2019 --institutions 20 --municipalities 20 --seed 4
// defective: --years 2012 2019 --institutions 40 --municipalities 40 --seed 5 --defects 0.5
class GeneratedBatch : public ::testing::Test {
protected:
    void SetUp() override {
        for (const char* name : {"validate-clean", "validate-defects"}) {
            ASSERT_EQ(missing_generated_batch(name), "");
        }
    }
    static fs::path clean() { return generated_batch("validate-clean"); }
    static fs::path defective() { return generated_batch("validate-defects"); }
    // A directory of the test's own, for batches it generates itself.
    fs::path scratch(const std::string& name) const { return scratch_ / name; }

private:
    TempDir scratch_;
};

TEST_F(GeneratedBatch, IsAcceptedWithoutASingleFinding) {
    const json report = validate_json(clean(), {"2014", "2019"}, 0);
    const std::size_t files = json_files_in(clean() / "2014") + json_files_in(clean() / "2019");
    ASSERT_EQ(report.at("submissions").size(), files);
    EXPECT_GE(files, 80u) << "20 institutions and 20 municipalities in each of two years";
    for (const json& s : report.at("submissions")) {
        SCOPED_TRACE(s.at("file").get<std::string>());
        EXPECT_EQ(s.at("status"), "accepted");
        EXPECT_EQ(s.at("findings"), json::array());
    }
    EXPECT_EQ(report.at("summary").at("errors"), 0);
    EXPECT_EQ(report.at("summary").at("warnings"), 0);
}

TEST_F(GeneratedBatch, EveryPlantedDefectIsFoundAtItsRuleAndPathAndNothingElse) {
    const json manifest = read_json(defective() / "defects.json");
    std::map<std::string, json> planted;
    for (const json& d : manifest.at("defects")) planted[d.at("file").get<std::string>()] = d;
    ASSERT_GE(planted.size(), 40u);

    const json report = validate_json(defective(), {"2012", "2019"}, 1);
    std::size_t clean_files = 0, found = 0;
    for (const json& s : report.at("submissions")) {
        const std::string file = relative_name(s, defective());
        SCOPED_TRACE(file);
        const auto it = planted.find(file);
        if (it == planted.end()) {
            ++clean_files;
            EXPECT_EQ(s.at("findings"), json::array());
            EXPECT_EQ(s.at("status"), "accepted");
            continue;
        }
        const json& defect = it->second;
        SCOPED_TRACE(defect.at("defect").get<std::string>());
        EXPECT_EQ(finding_keys(s.at("findings")), finding_keys(defect.at("findings")));
        EXPECT_EQ(s.at("status"), defect.at("status"));
        bool main_finding = false;
        for (const json& f : s.at("findings")) main_finding |= f.at("rule") == defect.at("rule") && f.at("path") == defect.at("path");
        EXPECT_TRUE(main_finding) << "no " << defect.at("rule") << " at " << defect.at("path");
        found += main_finding;
    }
    EXPECT_EQ(found, planted.size()) << "every planted defect is in the report";
    EXPECT_GT(clean_files, 0u);
}

// rule id -> level, as the program lists its rules.
std::map<std::string, int> rule_levels() {
    const ProcessResult r = run_process({lmacheck_exe.string(), "rules", "--format", "json"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    const json listing = json::parse(r.out);
    std::map<std::string, int> levels;
    for (const json& rule : listing.at("rules")) levels[rule.at("id").get<std::string>()] = rule.at("level").get<int>();
    return levels;
}

// The defects exercise every check one file can fail: each level-1 rule of
// the shipped rule set and the level-0 checks of a document. (Level-2 and
// level-3 rules need a store: a clean batch satisfies them; the register
// rules need a register.)
TEST_F(GeneratedBatch, PlantedDefectsCoverEveryRuleOfTheShippedRuleSet) {
    const json manifest = read_json(defective() / "defects.json");
    std::set<std::string> planted_rules;
    for (const json& d : manifest.at("defects")) {
        for (const json& f : d.at("findings")) planted_rules.insert(f.at("rule").get<std::string>());
    }
    const json ruleset = read_json(source_dir / "rules/lma-v1.json");
    std::set<std::string> expected{"document.unreadable", "document.duplicate-key", "schema.structure"};
    const std::map<std::string, int> levels = rule_levels();
    for (const auto& [rule, settings] : ruleset.at("rules").items()) {
        ASSERT_TRUE(levels.contains(rule)) << rule;
        // The register rules read a register (rules/registers/), which the
        // generated data directory does not hold: skipped there, as
        // without a store the level-2 rules are.
        if (levels.at(rule) <= 1 && !rule.starts_with("register.")) expected.insert(rule);
    }
    EXPECT_GT(expected.size(), 20u);
    for (const std::string& rule : expected) EXPECT_TRUE(planted_rules.contains(rule)) << rule << " never planted";
}

// Each message a defect produces exists in both languages: the Dutch report
// differs from the English one in every message, and names no missing template.
TEST_F(GeneratedBatch, DefectsAreReportedInEnglishAndDutch) {
    const json en = validate_json(defective(), {"2012", "2019"}, 1, {"--lang", "en"});
    const json nl = validate_json(defective(), {"2012", "2019"}, 1, {"--lang", "nl"});
    ASSERT_EQ(en.at("submissions").size(), nl.at("submissions").size());
    std::size_t messages = 0;
    for (std::size_t i = 0; i < en.at("submissions").size(); ++i) {
        const json& en_findings = en["submissions"][i].at("findings");
        const json& nl_findings = nl["submissions"][i].at("findings");
        ASSERT_EQ(en_findings.size(), nl_findings.size());
        for (std::size_t j = 0; j < en_findings.size(); ++j) {
            const std::string en_message = en_findings[j].at("message"), nl_message = nl_findings[j].at("message");
            SCOPED_TRACE(en_findings[j].at("rule").get<std::string>() + ": " + en_message);
            EXPECT_NE(en_message, nl_message);
            EXPECT_EQ(en_message.find("[missing message"), std::string::npos);
            EXPECT_EQ(nl_message.find("[missing message"), std::string::npos);
            ++messages;
        }
    }
    EXPECT_GE(messages, 40u);
}

TEST_F(GeneratedBatch, SameSeedWritesTheSameBytesAndIdentitiesLastAcrossYears) {
    const fs::path again = scratch("again");
    generate(again, {"--years", "2014", "2019", "--institutions", "20", "--municipalities", "20", "--seed", "4"});
    std::size_t compared = 0;
    for (const auto& entry : fs::recursive_directory_iterator(clean())) {
        if (!entry.is_regular_file()) continue;
        const fs::path relative = entry.path().lexically_relative(clean());
        EXPECT_EQ(read_bytes(entry.path()), read_bytes(again / relative)) << relative;
        ++compared;
    }
    EXPECT_GT(compared, 80u);

    // The same institutions, under the same names, in both years.
    std::map<std::string, std::string> names_2014;
    for (const auto& entry : fs::directory_iterator(clean() / "2014")) {
        if (entry.path().filename().string().starts_with("institution-")) {
            names_2014[entry.path().filename().string()] = read_json(entry.path()).at("/submitter/name"_json_pointer);
        }
    }
    EXPECT_EQ(names_2014.size(), 20u);
    for (const auto& [file, name] : names_2014) {
        ASSERT_TRUE(fs::exists(clean() / "2019" / file)) << file;
        EXPECT_EQ(read_json(clean() / "2019" / file).at("/submitter/name"_json_pointer), name) << file;
    }

    const fs::path other = scratch("other-seed");
    generate(other, {"--years", "2019", "--institutions", "20", "--municipalities", "20", "--seed", "5"});
    EXPECT_NE(json_files_in(other / "2019"), 0u);
    std::size_t same = 0;
    for (const auto& entry : fs::directory_iterator(other / "2019")) {
        same += fs::exists(clean() / "2019" / entry.path().filename());
    }
    EXPECT_LT(same, 40u) << "another seed gives other institutions";
}

TEST_F(GeneratedBatch, AnInstitutionWithTenThousandLocations) {
    const fs::path big = scratch("big");
    generate(big, {"--years", "2019", "--institutions", "1", "--municipalities", "30", "--locations-max", "10000"});
    std::vector<fs::path> institutions;
    for (const auto& entry : fs::directory_iterator(big / "2019")) {
        if (entry.path().filename().string().starts_with("institution-")) institutions.push_back(entry.path());
    }
    ASSERT_EQ(institutions.size(), 1u);
    EXPECT_EQ(read_json(institutions[0]).at("locations").size(), 10000u);
    const json report = validate_json(big, {"2019"}, 0);
    for (const json& s : report.at("submissions")) EXPECT_EQ(s.at("findings"), json::array()) << s.at("file");
}

// ---------------------------------------------------------------------------
// Progress on standard error

TEST_F(GeneratedBatch, NoProgressWhenStandardErrorIsNotATerminal) {
    const ProcessResult r = run_process(validate_args(clean(), {"2014", "2019"}, {"--jobs", "2"}));
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_EQ(r.err, "");
    EXPECT_NE(r.out.find("accepted"), std::string::npos) << "the report still goes to stdout";
}

// A run on a terminal over `files` files succeeded, and the progress line it
// redrew in place ends with the final count.
void expect_progress_ends_with_final_count(const ProcessResult& r, std::size_t files) {
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    const std::string final_line = "\rvalidated " + std::to_string(files) + " / " + std::to_string(files) + " files";
    ASSERT_TRUE(r.err.ends_with(final_line + "\r\n")) << describe(r);  // the terminal shows "\n" as "\r\n"
    EXPECT_EQ(r.out.find("validated"), std::string::npos) << "progress never reaches the report";
}

TEST_F(GeneratedBatch, ProgressOnATerminalEndsWithTheFinalCount) {
    const std::size_t files = json_files_in(clean() / "2014") + json_files_in(clean() / "2019");
    expect_progress_ends_with_final_count(
        run_on_terminal(validate_args(clean(), {"2014", "2019"}, {"--jobs", "2"})), files);
}

TEST_F(GeneratedBatch, QuietSilencesProgressOnATerminal) {
    const ProcessResult r = run_on_terminal(validate_args(clean(), {"2014", "2019"}, {"--quiet"}));
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_EQ(r.err, "");
}

// accept validates with the same progress as validate (cli/validation_run.cpp),
// then stores the batch.
TEST_F(GeneratedBatch, AcceptProgressOnATerminalEndsWithTheFinalCount) {
    const TempDir store_dir;
    const std::size_t files = json_files_in(clean() / "2014") + json_files_in(clean() / "2019");
    expect_progress_ends_with_final_count(
        run_on_terminal(accept_args(store_dir / "lma.db", clean(), {"2014", "2019"}, {"--jobs", "2"})), files);
    EXPECT_TRUE(fs::exists(store_dir / "lma.db")) << "accept created its store";
}

TEST_F(GeneratedBatch, AcceptQuietSilencesProgressOnATerminal) {
    const TempDir store_dir;
    const ProcessResult r = run_on_terminal(accept_args(store_dir / "lma.db", clean(), {"2014", "2019"}, {"--quiet"}));
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_EQ(r.err, "");
}

}  // namespace
