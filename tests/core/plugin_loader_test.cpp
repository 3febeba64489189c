// The plugin loader against real shared libraries: the product plugins, and
// the defective test plugins of tests/plugins (each in its own directory
// below LMACHECK_TEST_PLUGIN_DIR). A plugin directory holds plugins only, so
// every defect stops the run with a ConfigError that names the file and the
// search path; a rule that throws never does, it becomes a finding.
#include "model/config_error.hpp"
#include "engine/engine.hpp"
#include "engine/pipeline.hpp"
#include "lmacheck/plugin.hpp"
#include "lmacheck/version.hpp"
#include "plugins/plugin_loader.hpp"
#include "support/rule_catalog.hpp"
#include "support/temp_dir.hpp"
#include "support/test_paths.hpp"
#include "support/text_expectations.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace lmacheck {
namespace {

namespace fs = std::filesystem;

using lmacheck::test_paths::source_dir;
using lmacheck::test_paths::plugin_dir;
using lmacheck::test_paths::test_plugin_dir;

// The rules of rule-catalog.md that plugins provide (written out in tests/support).
const std::vector<std::string> catalog_plugin_rules = lmacheck::test::catalog_plugin_rule_ids();

nlohmann::json read_json(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return nlohmann::json::parse(in);
}

// Runs load_plugins and returns the ConfigError's message; fails the test
// when it succeeds or throws anything else.
std::string load_error_of(const std::vector<fs::path>& dirs) {
    try {
        const std::vector<LoadedRule> rules = load_plugins(dirs);
        ADD_FAILURE() << "load_plugins succeeded with " << rules.size() << " rules; expected a ConfigError";
    } catch (const ConfigError& e) {
        return e.what();
    } catch (const std::exception& e) {
        ADD_FAILURE() << "expected a ConfigError, got another exception: " << e.what();
    }
    return "";
}

using test::expect_mentions;

TEST(PluginLoader, LoadsEveryCatalogRuleFromTheProductPlugins) {
    const std::vector<LoadedRule> rules = load_plugins({plugin_dir});
    std::map<std::string, const LoadedRule*> by_id;
    for (const LoadedRule& loaded : rules) {
        ASSERT_NE(loaded.rule, nullptr);
        EXPECT_TRUE(by_id.emplace(loaded.rule->info().id, &loaded).second)
            << "rule " << loaded.rule->info().id << " loaded twice";
        EXPECT_FALSE(loaded.plugin.empty()) << loaded.rule->info().id;
        EXPECT_EQ(loaded.library.parent_path(), plugin_dir) << loaded.rule->info().id;
    }
    for (const std::string& id : catalog_plugin_rules) {
        const auto it = by_id.find(id);
        ASSERT_NE(it, by_id.end()) << "catalog rule " << id << " is not provided by any plugin";
        EXPECT_EQ(it->second->rule->info().level, lmacheck::test::catalog_rule(id)->level) << id;
    }
    // The plugin's own name (from LMACHECK_PLUGIN), not the file name.
    const LoadedRule& occupancy = *by_id.at("capacity.occupancy");
    EXPECT_EQ(occupancy.plugin, "capacity");
    EXPECT_EQ(occupancy.library.filename(), "lmacheck_capacity.so");
    EXPECT_EQ(occupancy.rule->info().severity, Severity::warning);
}

// Each defective case, alone and after the product plugins: the error names
// the offending file and the whole search path (so a user sees where the
// loader looked, also when the directory came from LMACHECK_PLUGIN_PATH).
struct DefectCase {
    std::string dir;    // below LMACHECK_TEST_PLUGIN_DIR
    std::string file;   // the file the message must name
    std::string words;  // what the message must say about it
};

class DefectivePlugin : public ::testing::TestWithParam<DefectCase> {};

TEST_P(DefectivePlugin, StopsWithAConfigErrorNamingFileAndSearchPath) {
    const DefectCase& c = GetParam();
    const fs::path dir = test_plugin_dir / c.dir;
    ASSERT_TRUE(fs::exists(dir / c.file)) << "test plugin not built: " << (dir / c.file);

    expect_mentions(load_error_of({dir}), {(dir / c.file).string(), "search path", dir.string(), c.words});

    const std::string both = plugin_dir.string() + ":" + dir.string();
    expect_mentions(load_error_of({plugin_dir, dir}), {(dir / c.file).string(), both, c.words});
}

INSTANTIATE_TEST_SUITE_P(
    Cases, DefectivePlugin,
    ::testing::Values(DefectCase{"wrong-abi", "lmacheck_test_wrong_abi.so", "wrong build fingerprint"},
                      DefectCase{"no-fingerprint", "lmacheck_test_no_fingerprint.so",
                                 "exports no lmacheck_build_fingerprint"},
                      DefectCase{"no-factory", "lmacheck_test_no_factory.so", "lmacheck_register_rules"},
                      DefectCase{"not-a-plugin", "junk.so", "cannot load"},
                      DefectCase{"throwing-factory", "lmacheck_test_throwing_factory.so", "factory exploded"},
                      // throw 42: not a std::exception, still a ConfigError naming the entry point.
                      DefectCase{"throw-in-name", "lmacheck_test_faulty_throw_in_name.so",
                                 "lmacheck_plugin_name"},
                      DefectCase{"throw-in-register", "lmacheck_test_faulty_throw_in_register.so",
                                 "lmacheck_register_rules"}),
    [](const ::testing::TestParamInfo<DefectCase>& param_info) {
        std::string name = param_info.param.dir;
        std::replace(name.begin(), name.end(), '-', '_');
        return name;
    });

TEST(PluginLoader, WrongFingerprintMessageGivesBothFingerprints) {
    // The wrong-abi plugin's factory aborts the process when called, so
    // reaching the assertions also shows the loader stopped at the fingerprint.
    const std::string ours = LMACHECK_BUILD_FINGERPRINT;
    const std::string theirs = ours.substr(0, ours.find("diagnostics 0")) + "diagnostics 1" +
                               ours.substr(ours.find("diagnostics 0") + std::string("diagnostics 0").size());
    ASSERT_NE(ours.find("diagnostics 0"), std::string::npos) << ours;
    const std::string message = load_error_of({test_plugin_dir / "wrong-abi"});
    expect_mentions(message, {"lmacheck_test_wrong_abi.so", "\"" + ours + "\"", "\"" + theirs + "\"",
                              "'nlohmann_json " + std::to_string(NLOHMANN_JSON_VERSION_MAJOR) + "." +
                                  std::to_string(NLOHMANN_JSON_VERSION_MINOR) + "." +
                                  std::to_string(NLOHMANN_JSON_VERSION_PATCH) + " diagnostics 1' where lmacheck has",
                              "rebuild the plugin"});
}

// A plugin built before the fingerprint (it exports the old integer ABI
// version) is refused by name; every export of it aborts when called.
TEST(PluginLoader, PluginWithoutFingerprintIsRefusedAsTooOld) {
    const std::string message = load_error_of({test_plugin_dir / "no-fingerprint"});
    expect_mentions(message, {"lmacheck_test_no_fingerprint.so", "exports no lmacheck_build_fingerprint",
                              "older than SDK 1.0.0", LMACHECK_BUILD_FINGERPRINT});
}

// The fingerprint names what decides the layout across the boundary.
TEST(PluginLoader, FingerprintNamesSdkJsonAndStandardLibrary) {
    const std::string fingerprint = LMACHECK_BUILD_FINGERPRINT;
    expect_mentions(fingerprint, {std::string("lmacheck-sdk ") + LMACHECK_SDK_VERSION, "nlohmann_json ",
                                  "diagnostics ", "libstdc++ cxx11-abi 1 debug 0"});
}

TEST(PluginLoader, EmptyDirectoryIsAnError) {
    const test::TempDir empty;
    expect_mentions(load_error_of({empty.path()}), {"no lmacheck plugins found", empty.path().string()});
}

TEST(PluginLoader, DirectoryWithoutSharedLibrariesIsAnError) {
    // Only *.so files are plugins; anything else in the directory is ignored.
    const test::TempDir dir;
    std::ofstream(dir.path() / "README.txt") << "not a plugin\n";
    expect_mentions(load_error_of({dir.path()}), {"no lmacheck plugins found"});
}

TEST(PluginLoader, MissingDirectoryIsAnError) {
    const fs::path missing = test_plugin_dir / "there-is-no-such-directory";
    expect_mentions(load_error_of({missing}), {missing.string(), "search path"});
    // Also when another directory of the search path is fine.
    expect_mentions(load_error_of({plugin_dir, missing}), {missing.string()});
}

TEST(PluginLoader, NoDirectoryIsAnError) { EXPECT_THROW(load_plugins({}), ConfigError); }

TEST(PluginLoader, SameDirectoryTwiceDefinesEveryRuleTwice) {
    expect_mentions(load_error_of({plugin_dir, plugin_dir}), {"defined twice"});
}

// A Submission needs reference data; the occupancy rule never asks for it.
class NoReference final : public ReferenceData {
public:
    const Municipality* municipality(std::string_view, int) const override { return nullptr; }
};

class Recorder final : public Reporter {
public:
    void report(std::string path, std::string_view message_id, const MessageArgs&, std::optional<nlohmann::json>,
                std::optional<nlohmann::json>) override {
        reported.emplace_back(std::move(path), std::string(message_id));
    }
    std::vector<std::pair<std::string, std::string>> reported;
};

std::shared_ptr<const Rule> only_occupancy_rule() {
    std::vector<LoadedRule> rules = load_plugins({plugin_dir});
    const auto it = std::find_if(rules.begin(), rules.end(),
                                 [](const LoadedRule& r) { return r.rule->info().id == "capacity.occupancy"; });
    if (it == rules.end()) return nullptr;
    std::shared_ptr<const Rule> kept = it->rule;
    rules.clear();  // every other handle on every plugin library is gone
    return kept;
}

void expect_occupancy_warning(const Check& check) {
    const nlohmann::json document = read_json(source_dir / "samples/invalid/capacity.occupancy.json");
    const NoReference reference;
    const Submission submission(document, Kind::institution, document.at("reporting_year").get<int>(), reference);
    Recorder recorder;
    check.check(submission, recorder);
    ASSERT_EQ(recorder.reported.size(), 1u);
    EXPECT_EQ(recorder.reported[0].first, "/capacity/1/bed_days");
}

// The shared_ptr of a rule owns its library: with the vector and all other
// rules destroyed, the library must still be mapped, or these calls jump into
// unmapped code.
TEST(PluginLoader, RuleKeepsItsLibraryLoaded) {
    const std::shared_ptr<const Rule> rule = only_occupancy_rule();
    ASSERT_NE(rule, nullptr);
    EXPECT_EQ(rule->info().id, "capacity.occupancy");
    EXPECT_FALSE(rule->info().messages.empty());
    const std::unique_ptr<Check> check =
        rule->configure(Options(nlohmann::json{{"min_occupancy", 0.5}, {"max_occupancy", 1.0}}));
    ASSERT_NE(check, nullptr);
    expect_occupancy_warning(*check);
}

// The same for a check made by configure_check: it outlives its rule.
TEST(PluginLoader, ConfiguredCheckKeepsItsLibraryLoaded) {
    std::shared_ptr<const Check> check;
    {
        const std::shared_ptr<const Rule> rule = only_occupancy_rule();
        ASSERT_NE(rule, nullptr);
        check = configure_check(rule, Options(nlohmann::json{{"min_occupancy", 0.5}, {"max_occupancy", 1.0}}));
    }
    ASSERT_NE(check, nullptr);
    expect_occupancy_warning(*check);
}

// The engine with the throwing-rule plugin next to the product plugins: the
// exception becomes an engine.rule-failed error at "", and the other rules
// (the product rules and test.reports) still run.
TEST(PluginLoader, ThrowingRuleBecomesAFindingAndOtherRulesStillRun) {
    EngineOptions options;
    options.data_dir = source_dir;
    options.plugin_dirs = {plugin_dir, test_plugin_dir / "throwing-rule"};
    const Engine engine(options);
    ValidationContext context;
    const SubmissionReport report =
        judge_run(engine, {InputFile{source_dir / "samples/valid/institution-2019.json", "institution-2019.json", ""}}, 1).submissions.at(0);

    const Finding* failed = nullptr;
    const Finding* reported = nullptr;
    for (const Finding& f : report.findings) {
        if (f.rule == "engine.rule-failed") failed = &f;
        if (f.rule == "test.reports") reported = &f;
    }
    ASSERT_NE(failed, nullptr) << "no engine.rule-failed finding";
    EXPECT_EQ(failed->severity, Severity::error);
    EXPECT_EQ(failed->level, 0);
    EXPECT_EQ(failed->path, "");
    expect_mentions(failed->message, {"test.throws", "boom"});

    ASSERT_NE(reported, nullptr) << "test.reports did not run after test.throws threw";
    EXPECT_EQ(reported->severity, Severity::warning);
    EXPECT_EQ(reported->path, "/reporting_year");
    EXPECT_EQ(reported->message, "test warning for 2019");

    // Exactly those two: the sample is otherwise valid, so every product rule ran cleanly.
    EXPECT_EQ(report.findings.size(), 2u);
    EXPECT_FALSE(report.accepted());
    EXPECT_EQ(report.counts.error, 1);
    EXPECT_EQ(report.counts.warning, 1);
}

// dlopen's own reason, not Boost.DLL's errno ("Bad file descriptor").
TEST(PluginLoader, LoadFailureSaysWhyDlopenRefusedTheFile) {
    const fs::path dir = test_plugin_dir / "not-a-plugin";
    const std::string message = load_error_of({dir});
    expect_mentions(message, {(dir / "junk.so").string(), "search path", "invalid ELF header"});
    EXPECT_EQ(message.find("Bad file descriptor"), std::string::npos) << message;
}

TEST(PluginLoader, NonStandardExceptionsNameTheEntryPoint) {
    expect_mentions(load_error_of({test_plugin_dir / "throw-in-name"}),
                    {"lmacheck_plugin_name", "other than std::exception"});
    expect_mentions(load_error_of({test_plugin_dir / "throw-in-register"}),
                    {"lmacheck_register_rules", "other than std::exception"});
}

// Runs the engine's constructor and returns the ConfigError's message.
std::string engine_error_of(const std::vector<fs::path>& dirs) {
    EngineOptions options;
    options.data_dir = source_dir;
    options.plugin_dirs = dirs;
    try {
        const Engine engine(options);
        ADD_FAILURE() << "the engine accepted the plugins; expected a ConfigError";
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "";
}

// A rule that declares a severity outside error/warning/info, or a level a
// plugin rule cannot have (only 1 and 2 ever run), is refused at load.
TEST(PluginLoader, CatalogRefusesUnknownSeverityAndLevels) {
    expect_mentions(engine_error_of({plugin_dir, test_plugin_dir / "bad-severity"}),
                    {"plugin faulty", "test.faulty", "severity 7"});
    for (const char* level : {"0", "3", "7"}) {
        expect_mentions(engine_error_of({plugin_dir, test_plugin_dir / (std::string("bad-level-") + level)}),
                        {"plugin faulty", "test.faulty", std::string("level ") + level});
    }
}

TEST(PluginLoader, NonStandardExceptionFromACheckConstructorNamesThePlugin) {
    expect_mentions(engine_error_of({plugin_dir, test_plugin_dir / "throw-in-constructor"}),
                    {"test.faulty", "plugin faulty", "other than std::exception"});
}

// throw 42 from check(): engine.rule-failed (report-and-cli.md), the run goes on.
TEST(PluginLoader, NonStandardExceptionFromCheckBecomesRuleFailed) {
    EngineOptions options;
    options.data_dir = source_dir;
    options.plugin_dirs = {plugin_dir, test_plugin_dir / "throw-in-check"};
    const Engine engine(options);
    ValidationContext context;
    const SubmissionReport report =
        judge_run(engine, {InputFile{source_dir / "samples/valid/institution-2019.json", "institution-2019.json", ""}}, 1).submissions.at(0);
    ASSERT_EQ(report.findings.size(), 1u);
    EXPECT_EQ(report.findings[0].rule, "engine.rule-failed");
    expect_mentions(report.findings[0].message, {"test.faulty"});
    EXPECT_FALSE(report.accepted());
}

}  // namespace
}  // namespace lmacheck
