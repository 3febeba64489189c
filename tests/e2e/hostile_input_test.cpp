// Hostile inputs, end to end: the built program against files, names, rule
// sets and plugin directories that a careless or malicious submitter (or an
// operator's mistake) produces. Each case must end in a clear finding or a
// clear usage error, never a crash, a hang or a report that is not JSON.
// (cli_test.cpp covers the empty file, random binary, UTF-16, BOMs, deep
// nesting, the size limit, link loops and FIFOs; this file the rest.)
//
// Under the sanitizer build (scripts/sanitize.sh) every run here is also a
// check for memory errors and undefined behaviour: the sanitizers then exit
// with 86, which no expectation below accepts.
#include "support/file_bytes.hpp"
#include "support/report_contract.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"
#include "support/test_paths.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <dlfcn.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace lmacheck::test;
using CliRun = ProcessResult;  // a run of the program

const fs::path lmacheck_exe = LMACHECK_EXE;
using lmacheck::test_paths::source_dir;
using lmacheck::test_paths::plugin_dir;

// A scratch directory that any user may enter (the unreadable-file case runs
// the program as an unprivileged user).
class Scratch : public TempDir {
public:
    Scratch() {
        fs::permissions(path(), fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                    fs::perms::others_read | fs::perms::others_exec);
    }
};

// Runs the program in the source directory, killed after `timeout`.
// `unprivileged`: as user and group 65534 (nobody) when the tests run as
// root, so that file permissions hold for the program as they would for any
// operator.
CliRun run_lmacheck(const std::vector<std::string>& args, bool unprivileged = false,
                    std::chrono::seconds timeout = std::chrono::seconds(120)) {
    std::vector<std::string> argv{lmacheck_exe.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv, {.cwd = source_dir, .timeout = timeout, .unprivileged = unprivileged});
}

// A copy, so that it may be taken from a temporary report.
json only_submission(const json& report) {
    if (!report.is_object() || report.at("submissions").size() != 1) {
        ADD_FAILURE() << "expected one submission:\n" << report.dump(2);
        return json::object();
    }
    return report.at("submissions").at(0);
}

// The findings of a submission, as "rule at path".
std::vector<std::string> finding_keys(const json& submission) {
    std::vector<std::string> keys;
    for (const json& f : submission.value("findings", json::array())) {
        keys.push_back(f.at("rule").get<std::string>() + " at " + f.at("path").get<std::string>());
    }
    return keys;
}

// The valid sample's text with the first occurrence of `from` replaced by `to`.
std::string sample_text_with(const std::string& from, const std::string& to) {
    std::string text = read_bytes(source_dir / "samples/valid/institution-2019.json");
    const std::size_t at = text.find(from);
    if (at == std::string::npos) throw std::runtime_error("the sample holds no " + from);
    return text.replace(at, from.size(), to);
}

// One file validated with --format json.
CliRun validate_one(const Scratch& scratch, const std::string& name, const std::string& bytes) {
    const fs::path file = scratch.write(name, bytes);
    return run_lmacheck({"validate", "--format", "json", file.string()});
}

// ---------------------------------------------------------------------------
// Numbers

// The line of the first occurrence of `needle` in the valid sample.
int sample_line_of(const std::string& needle) {
    const std::string text = read_bytes(source_dir / "samples/valid/institution-2019.json");
    const std::size_t at = text.find(needle);
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
}

// 1e400 is beyond any double: the file is unreadable, at the number's line.
TEST(HostileNumbers, BeyondDoubleRangeIsUnreadableAtTheNumber) {
    const Scratch scratch;
    for (const std::string big : {"1e400", "-1e400", "1E+999999999999"}) {
        SCOPED_TRACE(big);
        const CliRun r = validate_one(scratch, "big.json", sample_text_with("\"teams\": 6", "\"teams\": " + big));
        EXPECT_EQ(r.exit_code, 1) << describe(r);
        const json& s = only_submission(report_of(r));
        ASSERT_EQ(finding_keys(s), std::vector<std::string>{"document.unreadable at "}) << s.dump(2);
        EXPECT_EQ(s["findings"][0]["line"], sample_line_of("\"teams\": 6")) << s.dump(2);
    }
}

// -0 (and -0.0) is the number zero: the same outcome as 0.
TEST(HostileNumbers, MinusZeroIsZero) {
    const Scratch scratch;
    const CliRun zero = validate_one(scratch, "zero.json", sample_text_with("\"coercive_measures\": 87", "\"coercive_measures\": 0"));
    const json& expected = only_submission(report_of(zero));
    EXPECT_EQ(expected.value("status", ""), "accepted") << expected.dump(2);
    for (const std::string minus_zero : {"-0", "-0.0", "-0e5"}) {
        SCOPED_TRACE(minus_zero);
        const CliRun r = validate_one(scratch, "minus-zero.json",
                                   sample_text_with("\"coercive_measures\": 87", "\"coercive_measures\": " + minus_zero));
        EXPECT_EQ(r.exit_code, zero.exit_code) << describe(r);
        const json& s = only_submission(report_of(r));
        EXPECT_EQ(finding_keys(s), finding_keys(expected)) << s.dump(2);
        EXPECT_EQ(s.value("status", ""), "accepted");
    }
}

// An integer beyond 64 bits in a count is not truncated into a plausible
// number: the schema rejects it at its path, and no rule runs on it.
TEST(HostileNumbers, IntegersBeyondSixtyFourBitsFailTheSchema) {
    const Scratch scratch;
    for (const std::string big : {"99999999999999999999999", "-99999999999999999999999", "18446744073709551616"}) {
        SCOPED_TRACE(big);
        const CliRun r = validate_one(scratch, "huge.json", sample_text_with("\"teams\": 6", "\"teams\": " + big));
        EXPECT_EQ(r.exit_code, 1) << describe(r);
        const json& s = only_submission(report_of(r));
        EXPECT_EQ(finding_keys(s), std::vector<std::string>{"schema.structure at /fact/teams"}) << s.dump(2);
        EXPECT_EQ(s.value("status", ""), "rejected");
    }
}

// ---------------------------------------------------------------------------
// Text

// A key repeated deep inside the document: one finding at the object that
// holds it, positioned at the repeated key.
TEST(HostileText, DuplicateKeyAtDepth) {
    const Scratch scratch;
    const CliRun r = validate_one(scratch, "dup.json",
                               sample_text_with("\"financing\": \"zvw\",", "\"financing\": \"zvw\", \"financing\": \"zvw\","));
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    const json& s = only_submission(report_of(r));
    ASSERT_EQ(finding_keys(s), std::vector<std::string>{"document.duplicate-key at /capacity/0"}) << s.dump(2);
    EXPECT_TRUE(s["findings"][0]["line"].is_number_integer()) << "the repeated key's position";
}

// Bytes that are not UTF-8 inside a string: unreadable, with the place, and
// the report itself stays valid UTF-8 (report_of parses it).
TEST(HostileText, NonUtf8BytesInAString) {
    const Scratch scratch;
    for (const std::string& bad : {std::string("\xFF"), std::string("\xC3\x28"), std::string("\xED\xA0\x80"),
                                  std::string("\xF4\x90\x80\x80"), std::string("\xE2\x82")}) {
        const CliRun r = validate_one(scratch, "latin1.json",
                                   sample_text_with("\"GGZ Lindenhove\"", "\"GGZ Lindenhove " + bad + "\""));
        EXPECT_EQ(r.exit_code, 1) << describe(r);
        const json& s = only_submission(report_of(r));
        ASSERT_EQ(finding_keys(s), std::vector<std::string>{"document.unreadable at "}) << s.dump(2);
        EXPECT_EQ(s["findings"][0]["line"], sample_line_of("\"GGZ Lindenhove\"")) << s.dump(2);
    }
}

// A NUL escape and other control escapes are legal JSON: the schema judges the
// value, nothing crashes on the embedded NUL.
TEST(HostileText, EscapedNulInAString) {
    const Scratch scratch;
    const CliRun r = validate_one(scratch, "nul.json", sample_text_with("\"GGZ Lindenhove\"", "\"GGZ\\u0000Lindenhove\\u001f\""));
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_EQ(only_submission(report_of(r)).value("status", ""), "accepted");
}

// A valid submission, a NUL byte and anything: nlohmann's lexer took the NUL
// for the end of the input, so the file was accepted and stored whole.
// Everything after the document must be whitespace.
TEST(HostileText, ContentAfterANulByteIsUnreadable) {
    const Scratch scratch;
    const std::string valid = read_bytes(source_dir / "samples/valid/institution-2019.json");
    const std::string bytes = valid + std::string(1, '\0') + "{\"smuggled\": true}";
    const int last_line = 1 + static_cast<int>(std::count(valid.begin(), valid.end(), '\n'));
    const CliRun r = validate_one(scratch, "nul.json", bytes);
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    const json& s = only_submission(report_of(r));
    ASSERT_EQ(finding_keys(s), std::vector<std::string>{"document.unreadable at "}) << s.dump(2);
    EXPECT_EQ(s["findings"][0]["line"], last_line) << s.dump(2);
    EXPECT_NE(s["findings"][0].value("message", "").find("unexpected content after the document"), std::string::npos)
        << s.dump(2);

    // accept stores nothing of it.
    const fs::path store = scratch.path() / "store.db";
    const CliRun accepted = run_lmacheck({"accept", "--store", store.string(), "--format", "json",
                                          (scratch.path() / "nul.json").string()});
    EXPECT_EQ(accepted.exit_code, 1) << describe(accepted);
    const CliRun history = run_lmacheck({"history", "--store", store.string(), "--format", "json"});
    EXPECT_EQ(report_of(history).value("submissions", json::array()), json::array()) << describe(history);
}

// ---------------------------------------------------------------------------
// Names

// Files and directories whose names hold spaces and characters beyond ASCII
// are validated and named in the report exactly as found on disk.
TEST(HostileNames, SpacesAndNonAsciiInNames) {
    const Scratch scratch;
    const std::string text = read_bytes(source_dir / "samples/valid/institution-2019.json");
    const std::string relative = "map met spaties/Zorg \xC3\xAB \xE2\x82\xAC \xF0\x9F\x98\x80 instelling.json";
    scratch.write(relative, text);
    const fs::path dir = scratch.path() / fs::u8path("map met spaties");
    const CliRun r = run_lmacheck({"validate", "--format", "json", dir.string()});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    const json& s = only_submission(report_of(r));
    EXPECT_EQ(s.value("file", ""), (scratch.path() / fs::u8path(relative)).string());
    EXPECT_EQ(s.value("status", ""), "accepted");

    const CliRun text_run = run_lmacheck({"validate", dir.string()});
    EXPECT_EQ(text_run.exit_code, 0) << describe(text_run);
    EXPECT_NE(text_run.out.find("Zorg \xC3\xAB \xE2\x82\xAC \xF0\x9F\x98\x80 instelling.json: accepted"),
              std::string::npos)
        << text_run.out;
}

// A file name that is not UTF-8 (Linux allows any bytes): the file is still
// validated, and the report is still valid UTF-8 JSON.
TEST(HostileNames, FileNameThatIsNotUtf8) {
    const Scratch scratch;
    const fs::path file = scratch.path() / "latin1-\xE9t\xE9.json";
    write_bytes(file, read_bytes(source_dir / "samples/valid/institution-2019.json"));
    const CliRun r = run_lmacheck({"validate", "--format", "json", scratch.path().string()});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    const json& s = only_submission(report_of(r));
    EXPECT_EQ(s.value("status", ""), "accepted");
    const CliRun text_run = run_lmacheck({"validate", file.string()});
    EXPECT_EQ(text_run.exit_code, 0) << describe(text_run);
}

// ---------------------------------------------------------------------------
// Unreadable files, for real: as root the program runs as nobody here, so the
// permissions count (cli_test.cpp's version is skipped under root, as in CI).
TEST(HostileFiles, UnreadableFilesInADirectoryAreReported) {
    const Scratch scratch;
    const fs::path dir = scratch.path() / "in";
    scratch.write("in/valid.json", read_bytes(source_dir / "samples/valid/institution-2019.json"));
    const fs::path locked = scratch.write("in/locked.json", "{}");
    scratch.write("in/locked-dir/inside.json", "{}");
    fs::permissions(locked, fs::perms::none);
    fs::permissions(dir / "locked-dir", fs::perms::none);

    const CliRun r = run_lmacheck({"validate", "--format", "json", dir.string()}, /*unprivileged=*/true);
    if (r.exit_code >= 125 && r.exit_code <= 127) {
        GTEST_SKIP() << "the unprivileged user cannot reach the program or the source tree here: " << describe(r);
    }
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    const json report = report_of(r);
    ASSERT_TRUE(report.is_object());
    std::map<std::string, std::vector<std::string>> by_file;
    for (const json& s : report.at("submissions")) by_file[s.at("file").get<std::string>()] = finding_keys(s);
    const std::vector<std::string> unreadable = {"document.unreadable at "};
    EXPECT_EQ(by_file[(dir / "valid.json").string()], std::vector<std::string>{}) << report.dump(2);
    EXPECT_EQ(by_file[locked.string()], unreadable) << report.dump(2);
    EXPECT_EQ(by_file[(dir / "locked-dir").string()], unreadable) << report.dump(2);
    EXPECT_EQ(by_file.size(), 3u) << report.dump(2);
}

// ---------------------------------------------------------------------------
// Rule sets with options of the wrong type: a usage error (exit 2, no report)
// naming the rule, before any file is judged.
TEST(HostileRuleSets, WrongOptionTypes) {
    const Scratch scratch;
    struct Case {
        std::string what;
        json rule;  // the entry for the named rule
        std::string rule_id;
    };
    const std::vector<Case> cases = {
        {"null option", {{"options", {{"max_occupancy", nullptr}}}}, "capacity.occupancy"},
        {"array option", {{"options", {{"max_occupancy", {1, 2}}}}}, "capacity.occupancy"},
        {"object option", {{"options", {{"max_occupancy", {{"value", 1}}}}}}, "capacity.occupancy"},
        {"boolean option", {{"options", {{"max_occupancy", true}}}}, "capacity.occupancy"},
        {"fraction for an integer option", {{"options", {{"awbz_last_year", 2014.5}}}}, "financing.valid-for-year"},
        {"integer option beyond 64 bits",
         {{"options", {{"awbz_last_year", json::parse("99999999999999999999999")}}}},
         "financing.valid-for-year"},
        {"integer option beyond signed 64 bits",
         {{"options", {{"awbz_last_year", json::parse("18446744073709551615")}}}},
         "financing.valid-for-year"},
        {"options not an object", {{"options", {1, 2}}}, "capacity.occupancy"},
        {"enabled not a boolean", {{"enabled", "yes"}}, "capacity.occupancy"},
        {"rule entry not an object", true, "capacity.occupancy"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.what);
        const json ruleset = {{"name", "hostile"},
                              {"description", "written by the hostile-input tests"},
                              {"years", {{"from", 2008}, {"to", 2035}}},
                              {"rules", {{c.rule_id, c.rule}}},
                              {"overrides", json::array()}};
        const fs::path file = scratch.write("ruleset.json", ruleset.dump(2));
        const CliRun r = run_lmacheck({"validate", "--ruleset", file.string(), "samples/valid"});
        EXPECT_EQ(r.exit_code, 2) << describe(r);
        EXPECT_EQ(r.out, "") << "a usage error prints no report";
        EXPECT_NE(r.err.find(c.rule_id), std::string::npos) << describe(r);
    }
}

// Rule sets that are not quite JSON, or that repeat a key: a usage error
// naming the file and the line and column, never an "internal error" or a
// silent choice between two settings.
TEST(HostileRuleSets, MalformedJsonIsAUsageErrorAtItsPlace) {
    const Scratch scratch;
    const std::string head = R"({"name": "hostile", "years": {"from": 2008, "to": 2035},)";
    const std::vector<std::pair<std::string, std::string>> cases = {
        {head + "\n\"rules\": {\"capacity.occupancy\": {\"options\": {\"max_occupancy\": 1e400}}}}",
         "line 2, column 63"},
        {head + "\n\"rules\": {\"capacity.occupancy\": {\"enabled\": false, \"enabled\": true}}}", "line 2, column 52"},
        {head + "\n\"rules\": {}}" + std::string(1, '\0') + "{\"rules\": {\"capacity.occupancy\": {}}}",
         "line 2, column 13"},
        {head + "\n\"rules\": {\"capacity.occupancy\": {\"options\": {\"min_occupancy\": 2, \"max_occupancy\": 1}}}}",
         "line 2, column 45"},
    };
    for (const auto& [bytes, place] : cases) {
        SCOPED_TRACE(place);
        const fs::path file = scratch.write("ruleset.json", bytes);
        const CliRun r = run_lmacheck({"validate", "--ruleset", file.string(), "samples/valid"});
        EXPECT_EQ(r.exit_code, 2) << describe(r);
        EXPECT_EQ(r.out, "") << "a usage error prints no report";
        EXPECT_NE(r.err.find(file.string()), std::string::npos) << describe(r);
        EXPECT_NE(r.err.find(place), std::string::npos) << describe(r);
        EXPECT_EQ(r.err.find("internal error"), std::string::npos) << describe(r);
    }
}

// A schema of the data directory that refers back to itself crashed the
// program with a stack overflow; it is a usage error naming file and cycle.
TEST(HostileDataDir, SchemaReferenceCycleIsAUsageError) {
    const Scratch scratch;
    fs::copy(source_dir / "schemas", scratch.path() / "schemas", fs::copy_options::recursive);
    fs::copy(source_dir / "rules", scratch.path() / "rules", fs::copy_options::recursive);
    scratch.write("schemas/envelope-1.0.schema.json",
                  R"({"$ref": "#/definitions/a", "definitions": {"a": {"$ref": "#/definitions/b"}, "b": {"$ref": "#/definitions/a"}}})");
    const CliRun r = run_lmacheck({"validate", "--data-dir", scratch.path().string(), "samples/valid"});
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    EXPECT_NE(r.err.find("envelope-1.0.schema.json"), std::string::npos) << describe(r);
    EXPECT_NE(r.err.find("#/definitions/a -> #/definitions/b -> #/definitions/a"), std::string::npos) << describe(r);
}

// ---------------------------------------------------------------------------
// Plugin directories

// The path of a shared library this process has loaded (libm, through cos).
fs::path a_system_shared_library() {
    Dl_info info{};
    double (*cosine)(double) = &std::cos;
    if (::dladdr(reinterpret_cast<void*>(cosine), &info) == 0 || info.dli_fname == nullptr) return {};
    return fs::canonical(info.dli_fname);
}

// Files that are not *.so beside the plugins are ignored (a README, notes, a
// subdirectory); a *.so that is a real shared library but not a plugin stops
// the run, naming the file.
TEST(HostilePlugins, NonPluginFilesInThePluginDirectory) {
    const Scratch scratch;
    const fs::path plugins = scratch.path() / "plugins";
    fs::create_directories(plugins / "old");
    for (const fs::directory_entry& e : fs::directory_iterator(plugin_dir)) {
        if (e.path().extension() == ".so") fs::copy_file(e.path(), plugins / e.path().filename());
    }
    scratch.write("plugins/README.md", "These are the lmacheck plugins.\n");
    scratch.write("plugins/notes.so.txt", "not a plugin\n");
    scratch.write("plugins/old/broken.so", "not even a library\n");
    const CliRun ok = run_lmacheck({"validate", "--plugin-dir", plugins.string(), "samples/valid"});
    EXPECT_EQ(ok.exit_code, 0) << describe(ok);

    const fs::path library = a_system_shared_library();
    ASSERT_FALSE(library.empty());
    fs::copy_file(library, plugins / "libsystem.so");
    const CliRun refused = run_lmacheck({"validate", "--plugin-dir", plugins.string(), "samples/valid"});
    EXPECT_EQ(refused.exit_code, 2) << describe(refused);
    EXPECT_EQ(refused.out, "");
    EXPECT_NE(refused.err.find("libsystem.so"), std::string::npos) << describe(refused);
    EXPECT_NE(refused.err.find("not an lmacheck plugin"), std::string::npos) << describe(refused);
}

}  // namespace
