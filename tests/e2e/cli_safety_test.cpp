// End-to-end tests of what the command line must never do, whatever a user
// types or a file name holds: overwrite the store, the rule set or an input
// with the report; take an input for an option's second value; hang on a
// FIFO or read /dev/zero forever; leave half a report; judge one file twice
// under two names; or pass control characters from names and keys to the
// terminal. Each runs the built program as a subprocess with a time limit,
// so a regression to a hang fails instead of blocking the suite.
#include "support/file_bytes.hpp"
#include "support/report_contract.hpp"
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
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace lmacheck::test;

const fs::path lmacheck_exe = LMACHECK_EXE;
using lmacheck::test_paths::source_dir;
using lmacheck::test_paths::plugin_dir;

const fs::path institution = source_dir / "samples/valid/institution-2019.json";
const fs::path municipality = source_dir / "samples/valid/municipality-2019-central.json";

// Long enough for any run here; a hang ends in a failure after it.
constexpr std::chrono::seconds time_limit{30};

ProcessResult run_cli(const std::vector<std::string>& args, const fs::path& cwd = source_dir) {
    std::vector<std::string> argv{lmacheck_exe.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv, {.cwd = cwd, .timeout = time_limit});
}

std::vector<std::string> files_of(const json& report) {
    std::vector<std::string> files;
    if (!report.is_object()) return files;
    for (const json& s : report.at("submissions")) files.push_back(s.at("file").get<std::string>());
    return files;
}

// The names of the entries of `directory`, sorted.
std::vector<std::string> names_in(const fs::path& directory) {
    std::vector<std::string> names;
    for (const fs::directory_entry& e : fs::directory_iterator(directory)) {
        names.push_back(e.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

void make_fifo(const fs::path& path) { ASSERT_EQ(::mkfifo(path.c_str(), 0600), 0) << std::strerror(errno); }

// A store holding one accepted submission.
fs::path accepted_store(const TempDir& dir) {
    const fs::path store = dir / "lma.db";
    const ProcessResult r = run_cli({"accept", "--store", store.string(), institution.string()});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    return store;
}

// ---------------------------------------------------------------------------
// --output never overwrites what the run reads or keeps (issue 8, item 1)

TEST(CliSafetyOutput, AcceptRefusesToWriteTheReportOverTheStore) {
    const TempDir dir;
    const fs::path store = accepted_store(dir);
    const std::string before = read_bytes(store);
    fs::create_symlink(store, dir / "link.db");
    fs::create_hard_link(store, dir / "hard.db");

    for (const fs::path& output : {store, dir / "link.db", dir / "hard.db", fs::path(store.string() + "-wal"),
                                   fs::path(store.string() + "-journal")}) {
        SCOPED_TRACE(output.string());
        const ProcessResult r =
            run_cli({"accept", "--store", store.string(), "--output", output.string(), municipality.string()});
        EXPECT_EQ(r.exit_code, 2) << describe(r);
        EXPECT_NE(r.err.find("would overwrite"), std::string::npos) << describe(r);
        EXPECT_EQ(read_bytes(store), before) << "the store was changed";
        EXPECT_FALSE(fs::exists(store.string() + "-journal"));
    }
    // The same store through `./`: the same file.
    const ProcessResult dotted = run_cli({"validate", "--store", "lma.db", "--output", "./lma.db", institution.string()},
                                         dir.path());
    EXPECT_EQ(dotted.exit_code, 2) << describe(dotted);
    EXPECT_EQ(read_bytes(store), before);

    // The store is intact: it still holds its one submission.
    const ProcessResult history = run_cli({"history", "--store", store.string(), "--format", "json"});
    ASSERT_EQ(history.exit_code, 0) << describe(history);
    EXPECT_EQ(parse_report(history.out).at("submissions").size(), 1u) << history.out;
}

TEST(CliSafetyOutput, HistoryAndExportRefuseToWriteOverTheStore) {
    const TempDir dir;
    const fs::path store = accepted_store(dir);
    const std::string before = read_bytes(store);
    const ProcessResult history = run_cli({"history", "--store", store.string(), "--output", store.string()});
    EXPECT_EQ(history.exit_code, 2) << describe(history);
    const ProcessResult exported =
        run_cli({"export", "--store", store.string(), "--year", "2019", "--output", store.string()});
    EXPECT_EQ(exported.exit_code, 2) << describe(exported);
    const ProcessResult verified = run_cli({"verify", "--store", store.string(), "--output", store.string()});
    EXPECT_EQ(verified.exit_code, 2) << describe(verified);
    EXPECT_EQ(read_bytes(store), before);
}

// The program's own configuration (a copy of the data directory and a
// plugin directory) is kept like the store: a report over a shipped rule set
// would break every later run.
TEST(CliSafetyOutput, ValidateRefusesToWriteOverTheDataDirectoryOrAPlugin) {
    const TempDir dir;
    const fs::path data = dir / "data";
    fs::create_directories(data);
    fs::copy(source_dir / "schemas", data / "schemas", fs::copy_options::recursive);
    fs::copy(source_dir / "rules", data / "rules", fs::copy_options::recursive);
    const fs::path plugins = dir / "plugins";
    fs::copy(plugin_dir, plugins, fs::copy_options::recursive);
    const fs::path plugin = *std::find_if(fs::directory_iterator(plugins), fs::directory_iterator(),
                                          [](const fs::directory_entry& e) { return e.path().extension() == ".so"; });
    for (const fs::path& kept : {data / "rules/lma-v1.json", data / "schemas/institution-1.0.schema.json", plugin}) {
        SCOPED_TRACE(kept.string());
        const std::string before = read_bytes(kept);
        const ProcessResult r = run_cli({"validate", "--data-dir", data.string(), "--plugin-dir", plugins.string(),
                                         "--output", kept.string(), institution.string()});
        EXPECT_EQ(r.exit_code, 2) << describe(r);
        EXPECT_EQ(read_bytes(kept), before);
    }
}

TEST(CliSafetyOutput, ValidateRefusesToWriteOverAnInputOrTheRuleSet) {
    const TempDir dir;
    const fs::path input = dir / "in/submission.json";
    fs::create_directories(input.parent_path());
    fs::copy_file(institution, input);
    const std::string submission = read_bytes(input);
    const fs::path ruleset = dir / "ruleset.json";
    fs::copy_file(source_dir / "rules/lma-v1.json", ruleset);
    const std::string rules = read_bytes(ruleset);
    fs::create_symlink(input, dir / "link.json");

    const std::vector<std::vector<std::string>> runs = {
        {"validate", input.string(), "--output", input.string()},
        {"validate", input.string(), "--output", (dir / "link.json").string()},
        {"validate", (dir / "in").string(), "--output", input.string()},  // found below a directory
        {"validate", "--ruleset", ruleset.string(), "--output", ruleset.string(), institution.string()},
    };
    for (const std::vector<std::string>& args : runs) {
        SCOPED_TRACE(args.back());
        const ProcessResult r = run_cli(args);
        EXPECT_EQ(r.exit_code, 2) << describe(r);
        EXPECT_EQ(read_bytes(input), submission);
        EXPECT_EQ(read_bytes(ruleset), rules);
    }
}

// ---------------------------------------------------------------------------
// --output is written whole or not at all (item 16)

// A file size limit (RLIMIT_FSIZE, SIGXFSZ ignored) makes the report's write
// fail part-way: the earlier file stays, and no temporary file is left.
TEST(CliSafetyOutput, ReportThatCannotBeWrittenWholeLeavesTheEarlierFile) {
    const TempDir dir;
    const fs::path output = dir / "out/report.json";
    fs::create_directories(output.parent_path());
    write_bytes(output, "the previous report\n");
    const std::string script = "trap '' XFSZ; ulimit -f 2; exec \"$0\" \"$@\"";
    std::vector<std::string> argv{"/bin/sh", "-c", script, lmacheck_exe.string(), "validate", "--format", "json",
                                  "--output", output.string()};
    for (const char* sample : {"samples/valid", "samples/invalid", "samples/history"}) {
        argv.push_back((source_dir / sample).string());
    }
    const ProcessResult r = run_process(argv, {.cwd = source_dir, .timeout = time_limit});
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    EXPECT_NE(r.err.find("cannot write the report"), std::string::npos) << describe(r);
    EXPECT_EQ(read_bytes(output), "the previous report\n");
    EXPECT_EQ(names_in(output.parent_path()), std::vector<std::string>{"report.json"}) << "no temporary file is left";
}

// The JSON report of a large run is written in pieces while it is rendered
// (a national batch's report is never in memory whole). When a later piece
// fails, the earlier file stays all the same, and no temporary file is left;
// when all pieces fit, the report is whole.
TEST(CliSafetyOutput, AReportWrittenInPiecesIsWholeOrNotAtAll) {
    const TempDir dir;
    // One national year (649 files): a JSON report of about 520 KiB.
    const fs::path batch = dir / "batch";
    const std::string generate = "python3 '" + (source_dir / "tools/generate-batch.py").string() + "' '" +
                                 batch.string() + "' --years 2019 > /dev/null";
    ASSERT_EQ(std::system(generate.c_str()), 0) << "tools/generate-batch.py failed";
    const fs::path inputs = batch / "2019";
    const std::string data_dir = (batch / "data").string();
    const fs::path output = dir / "out/report.json";
    fs::create_directories(output.parent_path());
    write_bytes(output, "the previous report\n");
    // dash counts the limit in 512-byte blocks: 300 KiB, past the first
    // piece (256 KiB) and short of the whole report.
    const std::string script = "trap '' XFSZ; ulimit -f 600; exec \"$0\" \"$@\"";
    const std::vector<std::string> argv{"/bin/sh", "-c",     script,   lmacheck_exe.string(), "validate",
                                        "--format", "json",   "--data-dir", data_dir, "--output",
                                        output.string(), inputs.string()};
    // A year takes seconds, longer under the sanitizers.
    constexpr std::chrono::seconds year_time_limit{300};
    const ProcessResult r = run_process(argv, {.cwd = source_dir, .timeout = year_time_limit});
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    EXPECT_NE(r.err.find("cannot write the report"), std::string::npos) << describe(r);
    EXPECT_EQ(read_bytes(output), "the previous report\n");
    EXPECT_EQ(names_in(output.parent_path()), std::vector<std::string>{"report.json"}) << "no temporary file is left";

    const ProcessResult whole = run_process({lmacheck_exe.string(), "validate", "--format", "json", "--data-dir",
                                             data_dir, "--output", output.string(), inputs.string()},
                                            {.cwd = source_dir, .timeout = year_time_limit});
    EXPECT_EQ(whole.exit_code, 0) << describe(whole);
    const std::string report = read_bytes(output);
    EXPECT_GT(report.size(), 400u * 1024u) << "the report must be larger than the limit above";
    EXPECT_GE(files_of(parse_report(report)).size(), 600u);
}

TEST(CliSafetyOutput, ReportReplacesTheFileALinkPointsTo) {
    const TempDir dir;
    const fs::path output = dir / "report.json";
    write_bytes(output, "old");
    ::chmod(output.c_str(), 0640);
    fs::create_symlink(output, dir / "link.json");
    const ProcessResult r =
        run_cli({"validate", "--format", "json", "--output", (dir / "link.json").string(), institution.string()});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(fs::is_symlink(dir / "link.json"));
    EXPECT_EQ(files_of(parse_report(read_bytes(output))), std::vector<std::string>{institution.string()});
    struct stat info {};
    ASSERT_EQ(::stat(output.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0640u);
}

// ---------------------------------------------------------------------------
// An option that repeats takes one value each (item 2)

// Every option with a value, of both commands that take inputs, followed by
// two inputs: both must be judged. (CLI11 lets a vector option swallow the
// arguments after it unless told not to.)
TEST(CliSafetyOptions, EveryOptionTakesOneValueAndLeavesTheInputs) {
    const std::vector<std::vector<std::string>> options = {
        {"--plugin-dir", plugin_dir.string()},
        {"--data-dir", source_dir.string()},
        {"--format", "json"},
        {"--lang", "en"},
        {"--log-level", "warn"},
        {"--ruleset", (source_dir / "rules/lma-v1.json").string()},
        {"--max-warnings", "100"},
        {"--jobs", "2"},
        {"--max-file-size", "64"},
        {"--max-depth", "512"},
        {"-v"},
        {"-q"},
        {"--timestamp"},
    };
    const std::vector<std::string> inputs{institution.string(), municipality.string()};
    for (const std::string command : {"validate", "accept"}) {
        for (const std::vector<std::string>& option : options) {
            SCOPED_TRACE(command + " " + option.front());
            const TempDir dir;
            std::vector<std::string> args{command, "--output", (dir / "report.json").string()};
            if (option.front() != "--format") args.insert(args.end(), {"--format", "json"});
            if (command == "accept") args.insert(args.end(), {"--store", (dir / "lma.db").string()});
            args.insert(args.end(), option.begin(), option.end());
            args.insert(args.end(), inputs.begin(), inputs.end());
            const ProcessResult r = run_cli(args);
            EXPECT_EQ(r.exit_code, 0) << describe(r);
            if (fs::exists(dir / "report.json")) {
                EXPECT_EQ(files_of(parse_report(read_bytes(dir / "report.json"))), inputs);
            }
        }
        // --store and --output themselves, just before the inputs (validate
        // reads only a store that exists: accept makes it).
        const TempDir dir;
        ASSERT_EQ(run_cli({"accept", "--store", (dir / "lma.db").string(), "samples/valid/institution-2012.json"}).exit_code, 0);
        std::vector<std::string> args{command, "--format", "json", "--store", (dir / "lma.db").string(), "--output",
                                      (dir / "report.json").string()};
        args.insert(args.end(), inputs.begin(), inputs.end());
        const ProcessResult r = run_cli(args);
        EXPECT_EQ(r.exit_code, 0) << describe(r);
        EXPECT_EQ(files_of(parse_report(read_bytes(dir / "report.json"))), inputs);
    }
}

// The shipped plugins split over two directories, given one --plugin-dir
// each: both are searched.
TEST(CliSafetyOptions, PluginDirRepeatsWithOneDirectoryEach) {
    const TempDir dir;
    fs::create_directories(dir / "one");
    fs::create_directories(dir / "two");
    int count = 0;
    for (const fs::directory_entry& e : fs::directory_iterator(plugin_dir)) {
        if (e.path().extension() != ".so") continue;
        fs::create_symlink(e.path(), dir / (count++ % 2 == 0 ? "one" : "two") / e.path().filename());
    }
    ASSERT_GE(count, 2);
    const ProcessResult r = run_cli({"validate", "--format", "json", "--plugin-dir", (dir / "one").string(),
                                     "--plugin-dir", (dir / "two").string(), institution.string(),
                                     municipality.string()});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_EQ(files_of(parse_report(r.out)), (std::vector<std::string>{institution.string(), municipality.string()}));
}

// ---------------------------------------------------------------------------
// Only regular files are opened (item 10)

TEST(CliSafetyFiles, FifoInputByNameOrLinkIsReportedNotRead) {
    const TempDir dir;
    make_fifo(dir / "pipe.json");
    fs::create_symlink(dir / "pipe.json", dir / "link.json");
    for (const fs::path& input : {dir / "pipe.json", dir / "link.json"}) {
        SCOPED_TRACE(input.string());
        const ProcessResult r = run_cli({"validate", "--format", "json", input.string(), institution.string()});
        ASSERT_FALSE(r.timed_out) << "the run waited on the FIFO\n" << describe(r);
        EXPECT_EQ(r.exit_code, 1) << describe(r);
        const json report = parse_report(r.out);
        ASSERT_TRUE(report.is_object());
        ASSERT_EQ(report.at("submissions").size(), 2u) << report.dump(2);
        const json& fifo = report.at("submissions").at(0).at("file") == input.string() ? report.at("submissions").at(0)
                                                                                         : report.at("submissions").at(1);
        EXPECT_EQ(rules_of(fifo), std::vector<std::string>{"document.unreadable"}) << fifo.dump(2);
        EXPECT_NE(fifo.dump().find("not a regular file"), std::string::npos) << fifo.dump(2);
    }
}

TEST(CliSafetyFiles, ConfigurationThatIsNotARegularFileStopsTheRun) {
    const TempDir dir;
    make_fifo(dir / "ruleset.json");
    make_fifo(dir / "store.db");
    fs::create_directories(dir / "plugins");
    make_fifo(dir / "plugins/rules.so");
    make_fifo(dir / "other.db-wal");  // a file SQLite keeps next to the store
    // A data directory whose envelope schema is a FIFO.
    fs::create_directories(dir / "data");
    fs::copy(source_dir / "schemas", dir / "data/schemas", fs::copy_options::recursive);
    fs::copy(source_dir / "rules", dir / "data/rules", fs::copy_options::recursive);
    fs::remove(dir / "data/schemas/envelope-1.0.schema.json");
    make_fifo(dir / "data/schemas/envelope-1.0.schema.json");
    const std::vector<std::vector<std::string>> runs = {
        {"validate", "--ruleset", (dir / "ruleset.json").string(), institution.string()},
        {"validate", "--ruleset", "/dev/zero", institution.string()},
        {"validate", "--store", (dir / "store.db").string(), institution.string()},
        {"accept", "--store", (dir / "store.db").string(), institution.string()},
        {"history", "--store", (dir / "store.db").string()},
        {"validate", "--plugin-dir", (dir / "plugins").string(), institution.string()},
        {"accept", "--store", (dir / "other.db").string(), institution.string()},
        {"validate", "--data-dir", (dir / "data").string(), institution.string()},
    };
    for (const std::vector<std::string>& args : runs) {
        SCOPED_TRACE(args.at(0) + " " + args.at(1) + " " + args.at(2));
        const ProcessResult r = run_cli(args);
        ASSERT_FALSE(r.timed_out) << "the run waited on a FIFO or read a device\n" << describe(r);
        EXPECT_EQ(r.exit_code, 2) << describe(r);
        EXPECT_NE(r.err.find("not a regular file"), std::string::npos) << describe(r);
        EXPECT_EQ(r.out, "") << "no report when the run cannot be configured";
    }
}

TEST(CliSafetyFiles, OversizedRuleSetStopsTheRunWithoutBeingRead) {
    const TempDir dir;
    const fs::path ruleset = dir / "huge.json";
    write_bytes(ruleset, "");
    fs::resize_file(ruleset, std::uintmax_t{17} << 20);  // sparse: no disk used
    const ProcessResult r = run_cli({"validate", "--ruleset", ruleset.string(), institution.string()});
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    EXPECT_NE(r.err.find("more than the limit of 16777216 bytes"), std::string::npos) << describe(r);
}

// ---------------------------------------------------------------------------
// One file under two names is judged once (item 17)

TEST(CliSafetyInputs, OneFileUnderTwoNamesIsJudgedOnce) {
    const TempDir dir;
    fs::copy_file(institution, dir / "a.json");
    fs::create_directories(dir / "more");
    fs::create_symlink(dir / "a.json", dir / "more/link.json");
    fs::create_hard_link(dir / "a.json", dir / "more/hard.json");

    const ProcessResult twice = run_cli({"validate", "--format", "json", "a.json", "./a.json"}, dir.path());
    EXPECT_EQ(twice.exit_code, 0) << describe(twice);
    const json report = parse_report(twice.out);
    EXPECT_EQ(files_of(report), std::vector<std::string>{"./a.json"}) << "the first name in byte order";
    EXPECT_NE(twice.err.find("same file"), std::string::npos) << describe(twice);

    const ProcessResult links = run_cli({"validate", "--format", "json", "a.json", "more"}, dir.path());
    EXPECT_EQ(links.exit_code, 0) << describe(links);
    EXPECT_EQ(files_of(parse_report(links.out)), std::vector<std::string>{"a.json"});

    // Two different files with the same content are still two submissions.
    fs::copy_file(institution, dir / "copy.json");
    const ProcessResult copies = run_cli({"validate", "--format", "json", "a.json", "copy.json"}, dir.path());
    EXPECT_EQ(copies.exit_code, 1) << describe(copies);
}

// ---------------------------------------------------------------------------
// Control characters from outside never reach the terminal raw (item 15)

// Lines of `text`.
std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

void expect_no_forged_lines(const std::string& text) {
    EXPECT_EQ(text.find('\x1b'), std::string::npos) << text;
    EXPECT_EQ(text.find('\r'), std::string::npos) << text;
    for (const std::string& line : lines_of(text)) {
        EXPECT_NE(line.rfind("forged.json", 0), 0u) << "a line starts with a forged location:\n" << text;
    }
}

TEST(CliSafetyText, ControlCharactersInNamesAndKeysAreEscaped) {
    const TempDir dir;
    const std::string evil_name = "x\x1b[2J\nforged.json:1:1: error: forged [x] at \"\".json";
    json submission = json::parse(read_bytes(institution));
    submission["\nforged.json:1:1: error: forged key\x1b]0;title\x07"] = 1;
    write_bytes(dir / evil_name, submission.dump(2));

    const ProcessResult r = run_cli({"validate", (dir / evil_name).string()});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    expect_no_forged_lines(r.out);
    EXPECT_NE(r.out.find("x\\u001B[2J\\u000Aforged.json:1:1"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\\u000Aforged.json:1:1: error: forged key\\u001B]0;title\\u0007"), std::string::npos) << r.out;

    // The same name accepted into a store and listed by `history`.
    write_bytes(dir / evil_name, read_bytes(institution));
    const fs::path store = dir / "lma.db";
    const ProcessResult accepted = run_cli({"accept", "--store", store.string(), (dir / evil_name).string()});
    ASSERT_EQ(accepted.exit_code, 0) << describe(accepted);
    const ProcessResult history = run_cli({"history", "--store", store.string()});
    EXPECT_EQ(history.exit_code, 0) << describe(history);
    expect_no_forged_lines(history.out);
    EXPECT_EQ(lines_of(history.out).size(), 3u) << history.out;  // header, one version, count
}

// Markdown: a line break or a pipe in a file name stays inside its cell.
TEST(CliSafetyText, MarkdownCellsHoldLineBreaksAndPipes) {
    const TempDir dir;
    write_bytes(dir / "a|b\n| forged | row |.json", read_bytes(institution));
    const ProcessResult r = run_cli({"validate", "--format", "markdown", dir.path().string()});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    std::vector<std::string> rows;
    for (const std::string& line : lines_of(r.out)) {
        if (line.rfind("|", 0) == 0) rows.push_back(line);
    }
    ASSERT_EQ(rows.size(), 3u) << r.out;  // header, separator, one file
    auto cell_borders = [](const std::string& row) {  // the '|' not escaped as "\\|"
        std::size_t count = 0;
        for (std::size_t i = 0; i < row.size(); ++i) count += row[i] == '|' && (i == 0 || row[i - 1] != '\\');
        return count;
    };
    EXPECT_EQ(cell_borders(rows[2]), cell_borders(rows[0])) << r.out;
}

}  // namespace
