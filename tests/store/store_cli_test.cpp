// The acceptance step as users run it (the built program, as a subprocess):
// accept, history and export; stores that must be refused and left as they
// were; two accept processes on one store at once; and accept killed with
// SIGKILL at random moments, after which the store is intact, holds only
// complete submissions, and a second run completes the batch without
// duplicates.
#include "support/file_bytes.hpp"
#include "support/generated_batch.hpp"
#include "support/raw_store.hpp"
#include "support/report_contract.hpp"
#include "support/sha256.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"
#include "support/test_paths.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace lmacheck::test;
using CliResult = ProcessResult;  // a run of the program

const fs::path lmacheck_exe = LMACHECK_EXE;
using lmacheck::test_paths::source_dir;

// ---------------------------------------------------------------------------
// Processes and hashes

std::vector<std::string> program_with(const std::vector<std::string>& args) {
    std::vector<std::string> argv{lmacheck_exe.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return argv;
}

// Starts the program with `args` in the source directory; stdout and stderr
// go to the given descriptors (-1: /dev/null). Returns the child's pid.
pid_t spawn(const std::vector<std::string>& args, int out_fd = -1, int err_fd = -1) {
    return start_process(program_with(args), source_dir, out_fd, err_fd);
}

// Runs the program to its end in the source directory, capturing stdout and
// stderr.
CliResult run_cli(const std::vector<std::string>& args) {
    return run_process(program_with(args), {.cwd = source_dir});
}

const json* submission_in(const json& report, const std::string& file) {
    for (const json& s : report.at("submissions")) {
        if (s.at("file") == file) return &s;
    }
    return nullptr;
}

std::vector<json> findings_of(const json& submission, const std::string& rule) {
    std::vector<json> found;
    for (const json& f : submission.at("findings")) {
        if (f.at("rule") == rule) found.push_back(f);
    }
    return found;
}

// ---------------------------------------------------------------------------
// Looking into a store with SQLite itself

struct StoredRow {
    std::string kind;
    std::string submitter_id;
    int year = 0;
    int version = 0;
    bool current = false;
    std::string sha256;
    std::string bytes;
    std::string report;
};

// Every version the store holds, in the order it stored them.
std::vector<StoredRow> stored_rows(const RawStore& raw) {
    std::vector<StoredRow> out;
    sqlite3_stmt* statement = nullptr;
    const char* sql =
        "SELECT kind, submitter_id, reporting_year, version, superseded_at IS NULL, sha256, bytes, report "
        "FROM submission_version ORDER BY id";
    if (sqlite3_prepare_v2(raw.handle(), sql, -1, &statement, nullptr) != SQLITE_OK) {
        ADD_FAILURE() << sqlite3_errmsg(raw.handle());
        return out;
    }
    const auto text = [&](int column) {
        const void* data = sqlite3_column_blob(statement, column);
        return data == nullptr ? std::string()
                               : std::string(static_cast<const char*>(data),
                                             static_cast<std::size_t>(sqlite3_column_bytes(statement, column)));
    };
    while (sqlite3_step(statement) == SQLITE_ROW) {
        out.push_back(StoredRow{text(0), text(1), sqlite3_column_int(statement, 2), sqlite3_column_int(statement, 3),
                                sqlite3_column_int(statement, 4) != 0, text(5), text(6), text(7)});
    }
    sqlite3_finalize(statement);
    return out;
}

// What every store must satisfy whatever happened to the process that wrote
// it: SQLite's own integrity check; every row a complete submission whose
// stored bytes have the stored SHA-256 and are one of `inputs` (by hash),
// with the JSON report of that very file; at most one current version per
// submitter and year. Returns the current rows by SHA-256.
std::map<std::string, StoredRow> expect_intact(const fs::path& store, const std::set<std::string>& inputs) {
    RawStore raw(store);
    EXPECT_EQ(raw.scalar("PRAGMA integrity_check"), "ok");
    std::map<std::string, StoredRow> current;
    // Killed before its first transaction committed: an empty SQLite file,
    // which the next run takes for a new store.
    if (raw.scalar("SELECT count(*) FROM sqlite_master") == "0") {
        EXPECT_EQ(raw.scalar("PRAGMA user_version"), "0");
        return current;
    }
    std::set<std::string> keys;
    for (StoredRow& row : stored_rows(raw)) {
        EXPECT_EQ(sha256_hex(row.bytes), row.sha256) << row.submitter_id << " " << row.year;
        EXPECT_TRUE(inputs.count(row.sha256)) << "stored bytes of no input file: " << row.submitter_id;
        const json report = json::parse(row.report, nullptr, false);
        EXPECT_FALSE(report.is_discarded()) << "stored report is not JSON";
        if (!report.is_discarded()) {
            EXPECT_EQ(report.at("submissions").at(0).at("sha256"), row.sha256);
            EXPECT_EQ(report.at("submissions").at(0).at("status"), "accepted");
        }
        if (!row.current) continue;
        EXPECT_TRUE(keys.insert(row.kind + " " + row.submitter_id + " " + std::to_string(row.year)).second)
            << "two current versions of " << row.submitter_id << " " << row.year;
        current.emplace(row.sha256, std::move(row));
    }
    return current;
}

// ---------------------------------------------------------------------------
// A generated national batch (tools/generate-batch.py), shared by the tests

// Written once per ctest run (tests/store/CMakeLists.txt): --years 2018 2019
// --institutions 40 --municipalities 40 --locations-max 12.
const std::string batch_name = "store-cli";

fs::path generated(int year) { return generated_batch(batch_name) / std::to_string(year); }
std::string generated_data() { return (generated_batch(batch_name) / "data").string(); }
std::set<std::string> generated_hashes(int year) {
    std::set<std::string> out;
    for (const auto& entry : fs::directory_iterator(generated(year))) out.insert(sha256_hex(read_bytes(entry.path())));
    return out;
}

std::vector<std::string> accept_args(const fs::path& store, const std::vector<std::string>& paths) {
    std::vector<std::string> args{"accept", "--store", store.string(), "--data-dir", generated_data(), "--jobs", "2"};
    args.insert(args.end(), paths.begin(), paths.end());
    return args;
}

// ---------------------------------------------------------------------------
// accept, history, export

TEST(Accept, StoresAcceptedSubmissionsAndComparesTheNextYear) {
    TempDir dir;
    const std::string store = (dir / "lma.db").string();
    const CliResult first = run_cli({"accept", "--store", store, "--format", "json", "samples/history/2018"});
    ASSERT_EQ(first.exit_code, 0) << describe(first);
    const json first_report = report_of(first);
    EXPECT_EQ(first_report.at("summary").at("accepted"), 2);

    const CliResult second = run_cli({"accept", "--store", store, "--format", "json", "samples/history/2019"});
    ASSERT_EQ(second.exit_code, 0) << describe(second);
    const json report = report_of(second);
    const json* institution = submission_in(report, "samples/history/2019/institution-2019.json");
    ASSERT_NE(institution, nullptr);
    const auto changes = findings_of(*institution, "history.capacity-change");
    ASSERT_EQ(changes.size(), 2u) << institution->dump(2);
    EXPECT_EQ(changes[0].at("path"), "/capacity_totals/wlz/places");
    EXPECT_EQ(changes[0].at("explained"), false);
    EXPECT_EQ(changes[0].at("level"), 2);
    EXPECT_EQ(changes[1].at("path"), "/capacity_totals/wmo_bw/places");
    EXPECT_EQ(changes[1].at("explained"), true);
    EXPECT_EQ(institution->at("counts"), (json{{"error", 0}, {"warning", 1}, {"info", 0}, {"explained", 1}}));
    // Every rule ran but those that need a register or more than one
    // submitter (the plausibility rules' peer groups).
    for (const json& skipped : institution->at("skipped_rules")) {
        const std::string rule = skipped.at("rule");
        EXPECT_TRUE(rule.starts_with("register.") || rule.starts_with("plausibility.")) << skipped.dump();
    }
    for (const json& f : institution->at("findings")) EXPECT_FALSE(f.contains("related")) << f.dump();

    const CliResult history = run_cli({"history", "--store", store, "--format", "json"});
    ASSERT_EQ(history.exit_code, 0) << describe(history);
    const json listed = report_of(history);
    ASSERT_EQ(listed.at("submissions").size(), 4u) << listed.dump(2);
    for (const json& s : listed.at("submissions")) {
        EXPECT_EQ(s.at("current_version"), 1);
        EXPECT_EQ(s.at("versions").size(), 1u);
    }
    const CliResult one = run_cli({"history", "--store", store, "--submitter", "GM0718", "--year", "2019"});
    EXPECT_EQ(one.exit_code, 0) << describe(one);
    EXPECT_NE(one.out.find("samples/history/2019/municipality-2019.json"), std::string::npos) << one.out;
    EXPECT_EQ(one.out.find("2018"), std::string::npos) << one.out;

    const CliResult exported = run_cli({"export", "--store", store, "--year", "2019"});
    ASSERT_EQ(exported.exit_code, 0) << describe(exported);
    std::istringstream lines(exported.out);
    std::vector<json> rows;
    for (std::string line; std::getline(lines, line);) rows.push_back(json::parse(line));
    ASSERT_EQ(rows.size(), 2u) << exported.out;
    EXPECT_EQ(rows[0].at("kind"), "institution");
    EXPECT_EQ(rows[0].at("submission"), json::parse(read_bytes(source_dir / "samples/history/2019/institution-2019.json")));
    EXPECT_EQ(rows[0].at("sha256"), sha256_hex(read_bytes(source_dir / "samples/history/2019/institution-2019.json")));
    EXPECT_EQ(rows[0].at("findings").size(), 2u);
    EXPECT_EQ(rows[1].at("submitter_id"), "GM0718");
}

// Several years in one run give what one run per year gives: each year is
// judged after the years before it are stored.
TEST(Accept, SeveralYearsInOneRunAreAcceptedInOrderEachComparedWithTheOneBefore) {
    TempDir dir;
    const std::string one_run = (dir / "one-run.db").string(), per_year = (dir / "per-year.db").string();
    const CliResult both = run_cli({"accept", "--store", one_run, "--format", "json", "samples/history/2019",
                                    "samples/history/2018"});
    ASSERT_EQ(both.exit_code, 0) << describe(both);
    const CliResult first = run_cli({"accept", "--store", per_year, "--format", "json", "samples/history/2018"});
    const CliResult second = run_cli({"accept", "--store", per_year, "--format", "json", "samples/history/2019"});
    ASSERT_EQ(first.exit_code, 0) << describe(first);
    ASSERT_EQ(second.exit_code, 0) << describe(second);

    json expected = report_of(first);
    const json second_report = report_of(second);
    for (const json& s : second_report.at("submissions")) expected.at("submissions").push_back(s);
    const json report = report_of(both);
    EXPECT_EQ(report.at("submissions"), expected.at("submissions"));
    const json* institution = submission_in(report, "samples/history/2019/institution-2019.json");
    ASSERT_NE(institution, nullptr);
    EXPECT_EQ(findings_of(*institution, "history.capacity-change").size(), 2u) << institution->dump(2);
    EXPECT_EQ(report.at("summary").at("accepted"), 4);
    EXPECT_EQ(stored_rows(RawStore(one_run)).size(), 4u);
}

TEST(Accept, ALaterYearIsNotComparedWithARejectedEarlierOneOfTheSameRun) {
    TempDir dir;
    json rejected = json::parse(read_bytes(source_dir / "samples/history/2018/institution-2018.json"));
    rejected["fact"]["teams"] = -1;  // a schema error: rejected, never stored
    write_bytes(dir / "institution-2018.json", rejected.dump(2));
    const std::string store = (dir / "lma.db").string();
    const CliResult r = run_cli({"accept", "--store", store, "--format", "json", (dir / "institution-2018.json").string(),
                                 "samples/history/2019/institution-2019.json"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    const json report = report_of(r);
    const json* later = submission_in(report, "samples/history/2019/institution-2019.json");
    ASSERT_NE(later, nullptr);
    EXPECT_EQ(later->at("status"), "accepted");
    EXPECT_TRUE(findings_of(*later, "history.capacity-change").empty());
    const json* history_skipped = nullptr;
    for (const json& skipped : later->at("skipped_rules")) {
        if (skipped.at("rule") == "history.capacity-change") history_skipped = &skipped;
    }
    ASSERT_NE(history_skipped, nullptr) << later->dump(2);
    EXPECT_EQ(history_skipped->at("reason"), "the store holds no accepted submission of an earlier year");
    const auto rows = stored_rows(RawStore(store));
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].year, 2019);
}

TEST(Accept, AResubmissionReplacesAndKeepsTheEarlierVersion) {
    TempDir dir;
    const std::string store = (dir / "lma.db").string();
    ASSERT_EQ(run_cli({"accept", "--store", store, "samples/valid/institution-2019.json"}).exit_code, 0);
    const CliResult again = run_cli({"accept", "--store", store, "--format", "json", "samples/invalid/capacity.occupancy.json"});
    ASSERT_EQ(again.exit_code, 0) << describe(again);
    const json report = report_of(again);
    const auto info = findings_of(report.at("submissions").at(0), "history.resubmission");
    ASSERT_EQ(info.size(), 1u);
    EXPECT_EQ(info[0].at("severity"), "info");
    EXPECT_EQ(info[0].at("level"), 2);
    const json listed = report_of(run_cli({"history", "--store", store, "--format", "json"}));
    ASSERT_EQ(listed.at("submissions").size(), 1u);
    const json& versions = listed.at("submissions").at(0).at("versions");
    ASSERT_EQ(versions.size(), 2u);
    EXPECT_EQ(versions[0].at("file"), "samples/valid/institution-2019.json");
    EXPECT_TRUE(versions[0].at("superseded_at").is_string());
    EXPECT_TRUE(versions[1].at("superseded_at").is_null());
    EXPECT_EQ(listed.at("submissions").at(0).at("current_version"), 2);
}

TEST(Accept, RejectedSubmissionsAreNeverStored) {
    TempDir dir;
    const std::string store = (dir / "lma.db").string();
    const CliResult r = run_cli({"accept", "--store", store, "samples/invalid/clients.partition.json",
                                 "samples/invalid/schema.structure-wrong-type.json", "samples/valid/institution-2016.json"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    const auto rows = stored_rows(RawStore(store));
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].submitter_id, "06150322");
}

TEST(Accept, TwoFilesForOneSubmitterAndYearAreBothRejectedWithRelatedFiles) {
    TempDir dir;
    const std::string store = (dir / "lma.db").string();
    const CliResult r = run_cli({"accept", "--store", store, "--format", "json", "samples/valid/institution-2019.json",
                                 "samples/invalid/fact.team-size.json"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    const json report = report_of(r);
    for (const json& s : report.at("submissions")) {
        EXPECT_EQ(s.at("status"), "rejected");
        const auto duplicates = findings_of(s, "cross.duplicate-submission");
        ASSERT_EQ(duplicates.size(), 1u) << s.dump(2);
        EXPECT_EQ(duplicates[0].at("level"), 3);
        EXPECT_EQ(duplicates[0].at("path"), "");
        ASSERT_EQ(duplicates[0].at("related").size(), 1u);
        EXPECT_NE(duplicates[0].at("related").at(0).at("file"), s.at("file"));
        EXPECT_EQ(duplicates[0].at("related").at(0).at("path"), "");
    }
    EXPECT_EQ(report.at("summary").at("rejected"), 2);
    EXPECT_EQ(report.at("summary").at("errors"), 2);
    EXPECT_TRUE(stored_rows(RawStore(store)).empty());
}

TEST(ValidateWithStore, ReadsTheStoreAndChangesNothing) {
    TempDir dir;
    const fs::path store = dir / "lma.db";
    // A store that does not exist is a mistyped path (issue 12): exit 2, and
    // validate does not create it.
    const CliResult fresh = run_cli({"validate", "--store", store.string(), "--format", "json", "samples/history/2019"});
    EXPECT_EQ(fresh.exit_code, 2) << describe(fresh);
    EXPECT_EQ(fresh.out, "");
    EXPECT_NE(fresh.err.find("does not exist"), std::string::npos) << describe(fresh);
    EXPECT_FALSE(fs::exists(store));
    ASSERT_EQ(run_cli({"accept", "--store", store.string(), "samples/history/2018"}).exit_code, 0);
    const std::string before = RawStore(store).scalar("SELECT group_concat(sha256) FROM submission_version");
    const CliResult r = run_cli({"validate", "--store", store.string(), "--format", "json", "samples/history/2019"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    const json report = report_of(r);
    const json* institution = submission_in(report, "samples/history/2019/institution-2019.json");
    ASSERT_NE(institution, nullptr);
    EXPECT_EQ(findings_of(*institution, "history.capacity-change").size(), 2u);
    EXPECT_EQ(RawStore(store).scalar("SELECT group_concat(sha256) FROM submission_version"), before);
}

TEST(ValidateWithStore, ARegionGapIsReportedOnTheCentralMunicipality) {
    TempDir dir;
    const std::string store = (dir / "lma.db").string();
    ASSERT_EQ(run_cli({"accept", "--store", store, "samples/history/2019/institution-2019.json"}).exit_code, 0);
    json municipality = json::parse(read_bytes(source_dir / "samples/history/2019/municipality-2019.json"));
    municipality["sheltered_housing"]["places"] = 80;
    const fs::path file = dir / "vlissingen.json";
    write_bytes(file, municipality.dump(2));
    const CliResult r = run_cli({"validate", "--store", store, "--format", "json", file.string()});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    const json report = report_of(r);
    const auto gaps = findings_of(report.at("submissions").at(0), "cross.sheltered-housing-region");
    ASSERT_EQ(gaps.size(), 1u) << report.dump(2);
    EXPECT_EQ(gaps[0].at("severity"), "warning");
    EXPECT_EQ(gaps[0].at("path"), "");
    ASSERT_EQ(gaps[0].at("related").size(), 3u);
    EXPECT_EQ(gaps[0].at("related").at(0),
              (json{{"file", "samples/history/2019/institution-2019.json"}, {"path", "/capacity/2/places"}}));
    EXPECT_EQ(report.at("summary").at("warnings"), 1);
}

// ---------------------------------------------------------------------------
// Stores that are refused

// Every command that takes --store refuses `file` with exit 2 and a message
// naming it, and leaves the file and its directory exactly as they were.
void expect_refused(const fs::path& file, const std::string& mention) {
    const std::string before = read_bytes(file);
    std::set<std::string> listing_before;
    for (const auto& e : fs::directory_iterator(file.parent_path())) listing_before.insert(e.path().filename());
    const std::vector<std::vector<std::string>> commands = {
        {"accept", "--store", file.string(), "samples/valid/institution-2019.json"},
        {"validate", "--store", file.string(), "samples/valid/institution-2019.json"},
        {"history", "--store", file.string()},
        {"export", "--store", file.string(), "--year", "2019"},
    };
    for (const auto& args : commands) {
        const CliResult r = run_cli(args);
        EXPECT_EQ(r.exit_code, 2) << args[0] << "\n" << describe(r);
        EXPECT_NE(r.err.find(mention), std::string::npos) << args[0] << "\n" << describe(r);
        EXPECT_NE(r.err.find(file.string()), std::string::npos) << args[0] << "\n" << describe(r);
        EXPECT_TRUE(r.out.empty()) << args[0] << ": no report when the store is refused\n" << describe(r);
    }
    EXPECT_EQ(read_bytes(file), before) << file << " was modified";
    std::set<std::string> listing_after;
    for (const auto& e : fs::directory_iterator(file.parent_path())) listing_after.insert(e.path().filename());
    EXPECT_EQ(listing_after, listing_before);
}

TEST(RefusedStore, AnotherApplicationsSqliteDatabase) {
    TempDir dir;
    {
        RawStore other(dir / "other.db");
        other.exec("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL); INSERT INTO invoices VALUES (1, 9.5)");
    }
    expect_refused(dir / "other.db", "not an lmacheck store");
}

TEST(RefusedStore, AFileThatIsNotSqlite) {
    TempDir dir;
    write_bytes(dir / "notes.db", std::string(4096, 'x'));
    expect_refused(dir / "notes.db", "not an lmacheck store");
}

TEST(RefusedStore, ANewerSchemaVersion) {
    TempDir dir;
    const fs::path store = dir / "lma.db";
    ASSERT_EQ(run_cli({"accept", "--store", store.string(), "samples/valid/institution-2019.json"}).exit_code, 0);
    {
        RawStore raw(store);
        raw.exec("PRAGMA user_version = 1000");
        raw.exec("PRAGMA journal_mode = DELETE");
    }
    expect_refused(store, "newer");
}

TEST(RefusedStore, ADirectoryThatDoesNotExist) {
    TempDir dir;
    const std::string store = (dir / "no-such-dir" / "lma.db").string();
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"accept", "--store", store, "samples/valid/institution-2019.json"},
             {"validate", "--store", store, "samples/valid/institution-2019.json"},
             {"history", "--store", store}}) {
        const CliResult r = run_cli(args);
        EXPECT_EQ(r.exit_code, 2) << describe(r);
        EXPECT_NE(r.err.find("does not exist"), std::string::npos) << describe(r);
    }
    EXPECT_FALSE(fs::exists(dir / "no-such-dir"));
}

// ---------------------------------------------------------------------------
// Reliability

TEST(Reliability, TwoAcceptProcessesOnOneStoreBothFinish) {
    ASSERT_EQ(missing_generated_batch(batch_name), "");
    const std::set<std::string> y2018 = generated_hashes(2018), y2019 = generated_hashes(2019);
    std::set<std::string> all = y2018;
    all.insert(y2019.begin(), y2019.end());
    // Four rounds: each one races the two processes anew (which one creates
    // the store, which stores 2019 first); more rounds cost seconds of CI
    // without reaching another code path.
    for (int round = 0; round < 4; ++round) {
        TempDir dir;
        const fs::path store = dir / "lma.db";  // created by whichever process comes first
        // Overlapping batches: both processes accept 2019, one also 2018.
        // Their stderr is kept so a failure says what went wrong.
        const fs::path a_err = dir / "a.err", b_err = dir / "b.err";
        const int a_fd = ::open(a_err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        const int b_fd = ::open(b_err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        ASSERT_TRUE(a_fd >= 0 && b_fd >= 0);
        const pid_t a = spawn(accept_args(store, {generated(2018).string(), generated(2019).string()}), -1, a_fd);
        const pid_t b = spawn(accept_args(store, {generated(2019).string()}), -1, b_fd);
        ::close(a_fd);
        ::close(b_fd);
        EXPECT_EQ(wait_for_exit(a), 0) << "round " << round << ": " << read_bytes(a_err);
        EXPECT_EQ(wait_for_exit(b), 0) << "round " << round << ": " << read_bytes(b_err);
        const auto current = expect_intact(store, all);
        EXPECT_EQ(current.size(), all.size()) << "round " << round;
        // Each file stored once: the second process found the same bytes current.
        EXPECT_EQ(RawStore(store).scalar("SELECT count(*) FROM submission_version"), std::to_string(all.size()));
    }
}

TEST(Reliability, SigkillAtRandomMomentsLeavesOnlyCompleteSubmissions) {
    ASSERT_EQ(missing_generated_batch(batch_name), "");
    const std::set<std::string> inputs = generated_hashes(2019);
    const std::vector<std::string> args_of_year = {generated(2019).string()};

    // How long one uninterrupted run takes on this machine: kills land
    // anywhere from start-up to the end of storing.
    TempDir scratch;
    const auto start = std::chrono::steady_clock::now();
    ASSERT_EQ(wait_for_exit(spawn(accept_args(scratch / "lma.db", args_of_year))), 0);
    const auto full_run = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);

    std::mt19937 random(20240229);
    // Twelve trials (four each of one, two and three kills in a row, 24 kills
    // in all at seeded moments): enough kills land mid-run (checked below) to
    // interrupt storing at many points, in about a third of the time of 30.
    constexpr int trials = 12;
    int killed_mid_run = 0;
    int partly_stored = 0;  // kills that left some but not all of the batch stored
    for (int trial = 0; trial < trials; ++trial) {
        TempDir dir;
        const fs::path store = dir / "lma.db";
        // One to three kills in a row on the same store, then a full run.
        const int kills = 1 + trial % 3;
        for (int k = 0; k < kills; ++k) {
            std::uniform_int_distribution<long long> moment(0, full_run.count() * 6 / 5);
            const pid_t pid = spawn(accept_args(store, args_of_year));
            std::this_thread::sleep_for(std::chrono::microseconds(moment(random)));
            ::kill(pid, SIGKILL);
            if (wait_for_exit(pid) == 128 + SIGKILL) ++killed_mid_run;
            if (fs::exists(store)) {
                const auto current = expect_intact(store, inputs);
                if (!current.empty() && current.size() < inputs.size()) ++partly_stored;
            }
        }
        const int rerun = wait_for_exit(spawn(accept_args(store, args_of_year)));
        EXPECT_EQ(rerun, 0) << "trial " << trial;
        const auto current = expect_intact(store, inputs);
        EXPECT_EQ(current.size(), inputs.size()) << "trial " << trial << ": the rerun did not complete the batch";
        EXPECT_EQ(RawStore(store).scalar("SELECT count(*) FROM submission_version"), std::to_string(inputs.size()))
            << "trial " << trial << ": a submission was stored twice";
    }
    // The kills must have interrupted real work, not only finished runs (the
    // first kill of a trial lands within the time of a whole run).
    EXPECT_GT(killed_mid_run, trials / 3);
    std::cout << "[ measure  ] one accept run of " << inputs.size() << " files: " << full_run.count() / 1000
              << " ms; " << killed_mid_run << " runs killed before they ended, " << partly_stored
              << " of them with the batch partly stored\n";
}

}  // namespace
