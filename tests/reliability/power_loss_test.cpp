// Power loss and failing disks during `lmacheck accept`, not only kill -9:
// the program runs with the SQLite VFS of power_loss_vfs.cpp preloaded,
// which, at a random I/O event, either loses every write not yet synced
// (or keeps a random half of them) and kills the process, or makes every
// later write fail with EIO or ENOSPC, or every sync with EIO. After each
// trial the store must be sound (store_problems), hold no half-stored
// submission, still hold every submission the run logged as stored before
// it died (each commit is synced), and a plain rerun of the same accept must
// complete the batch: every valid submission stored exactly once, as the
// current version.
//
// Bounded: a fixed number of trials with seeded randomness over a small
// generated batch; the outcomes are printed.
#include "support/file_bytes.hpp"
#include "support/generated_batch.hpp"
#include "support/sha256.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"
#include "support/test_paths.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <random>
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
const fs::path vfs_library = LMACHECK_POWER_LOSS_VFS;
constexpr int killed_by_sigkill = 128 + 9;

// ---------------------------------------------------------------------------
// The batch: a small generated year (tools/generate-batch.py)

// Written once per ctest run (tests/reliability/CMakeLists.txt): --years 2019
// --institutions 12 --municipalities 12 --locations-max 6.
class Batch {
public:
    static const Batch& get() {
        static const Batch batch;
        return batch;
    }
    // "" when the batch is there, else what is missing.
    std::string missing() const { return missing_generated_batch(name); }
    fs::path year() const { return out_ / "2019"; }
    fs::path data() const { return out_ / "data"; }
    // The SHA-256 of every file of the year (all valid).
    const std::set<std::string>& hashes() const { return hashes_; }

private:
    static constexpr const char* name = "power-loss";
    Batch() : out_(generated_batch(name)) {
        if (!missing().empty()) return;
        for (const auto& entry : fs::directory_iterator(year())) hashes_.insert(sha256_hex(read_bytes(entry.path())));
    }
    fs::path out_;
    std::set<std::string> hashes_;
};

// With -v the log says "FILE: stored as ID YEAR version N" once each
// submission's transaction has committed.
std::vector<std::string> accept_argv(const fs::path& store) {
    return {lmacheck_exe.string(), "accept", "-v", "--store", store.string(), "--data-dir",
            Batch::get().data().string(), "--jobs", "2", "--format", "json", Batch::get().year().string()};
}

// The SHA-256 of every file the log of a run says was stored: those must
// survive a power loss after it (the store syncs each commit).
std::set<std::string> hashes_logged_as_stored(const std::string& log) {
    std::set<std::string> hashes;
    std::istringstream lines(log);
    std::string line;
    const std::string prefix = "lmacheck: info: ", marker = ": stored as ";
    while (std::getline(lines, line)) {
        const std::size_t at = line.find(marker);
        if (line.rfind(prefix, 0) != 0 || at == std::string::npos) continue;
        hashes.insert(sha256_hex(read_bytes(line.substr(prefix.size(), at - prefix.size()))));
    }
    return hashes;
}

// One accept run with the VFS preloaded and set by `settings` ("NAME=value"),
// through env(1), which replaces a variable the test's environment has.
ProcessResult accept_under_vfs(const fs::path& store, const std::vector<std::string>& settings) {
    std::vector<std::string> argv{"/usr/bin/env", "LD_PRELOAD=" + vfs_library.string()};
    // Under AddressSanitizer (scripts/sanitize.sh) the preloaded library
    // comes before the sanitizer's runtime, which it must be told is fine.
    const char* asan = std::getenv("ASAN_OPTIONS");
    argv.push_back(std::string("ASAN_OPTIONS=") + (asan != nullptr ? std::string(asan) + ":" : "") +
                   "verify_asan_link_order=0");
    argv.insert(argv.end(), settings.begin(), settings.end());
    const std::vector<std::string> accept = accept_argv(store);
    argv.insert(argv.end(), accept.begin(), accept.end());
    return run_process(argv, {.cwd = source_dir, .timeout = std::chrono::seconds(300)});
}

ProcessResult plain_accept(const fs::path& store) {
    return run_process(accept_argv(store), {.cwd = source_dir, .timeout = std::chrono::seconds(300)});
}

// ---------------------------------------------------------------------------
// Looking into the store

struct Row {
    std::string key;  // kind, submitter and year
    bool current = false;
    std::string sha256;
    std::string bytes;
    std::string report;
};

// Runs `sql` and returns each row's columns as bytes; "" and an error
// message in `error` when SQLite refuses.
std::vector<std::vector<std::string>> query(const fs::path& store, const std::string& sql, std::string& error) {
    std::vector<std::vector<std::string>> rows;
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(store.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        error = "cannot open: " + std::string(sqlite3_errmsg(db));
        sqlite3_close(db);
        return rows;
    }
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
        error = sql + ": " + sqlite3_errmsg(db);
    } else {
        int rc = 0;
        while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
            std::vector<std::string> row;
            for (int i = 0; i < sqlite3_column_count(statement); ++i) {
                const void* data = sqlite3_column_blob(statement, i);
                row.emplace_back(data == nullptr ? std::string()
                                                 : std::string(static_cast<const char*>(data),
                                                               static_cast<std::size_t>(sqlite3_column_bytes(statement, i))));
            }
            rows.push_back(std::move(row));
        }
        if (rc != SQLITE_DONE) error = sql + ": " + sqlite3_errmsg(db);
    }
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return rows;
}

bool lmacheck_has_verify() {
    static const bool has = run_process({lmacheck_exe.string(), "verify", "--help"}).exit_code == 0;
    return has;
}

// Whether the store is sound; "" when it is, else what is wrong. With a
// program that has `lmacheck verify --store DB` (issue 8), that command
// decides too; SQLite's integrity check and a hash check of every row are
// done in any case, so the test says the same with and without it.
std::string store_problems(const fs::path& store) {
    if (!fs::exists(store)) return "";  // died before creating it: the rerun creates it
    std::string error;
    const auto integrity = query(store, "PRAGMA integrity_check", error);
    if (!error.empty()) return error;
    if (integrity.size() != 1 || integrity[0][0] != "ok") return "PRAGMA integrity_check: " + integrity.at(0).at(0);
    const auto tables = query(store, "SELECT count(*) FROM sqlite_master WHERE name = 'submission_version'", error);
    if (!error.empty()) return error;
    if (tables.at(0).at(0) == "0") return "";  // died before the schema was committed: an empty store
    const auto rows = query(store, "SELECT sha256, bytes FROM submission_version", error);
    if (!error.empty()) return error;
    for (const auto& row : rows) {
        if (sha256_hex(row[1]) != row[0]) return "a row whose bytes do not have its SHA-256 " + row[0];
    }
    if (lmacheck_has_verify()) {
        const ProcessResult verify = run_process({lmacheck_exe.string(), "verify", "--store", store.string()});
        if (verify.exit_code != 0) return "lmacheck verify: " + describe(verify);
    }
    return "";
}

std::vector<Row> rows_of(const fs::path& store) {
    std::vector<Row> rows;
    if (!fs::exists(store)) return rows;
    std::string error;
    const auto tables = query(store, "SELECT count(*) FROM sqlite_master WHERE name = 'submission_version'", error);
    if (!error.empty() || tables.at(0).at(0) == "0") return rows;
    for (auto& r : query(store,
                         "SELECT kind || ' ' || submitter_id || ' ' || reporting_year, superseded_at IS NULL, sha256,"
                         " bytes, report FROM submission_version ORDER BY id",
                         error)) {
        rows.push_back(Row{r[0], r[1] == "1", r[2], r[3], r[4]});
    }
    EXPECT_EQ(error, "");
    return rows;
}

// No half-stored submission: each row is one input file, whole (its bytes
// have its hash and the hash is an input's), with its own JSON report of an
// accepted file; at most one current version per submitter and year.
// Returns how many rows there are.
std::size_t expect_only_whole_submissions(const fs::path& store, const std::string& trial) {
    std::set<std::string> current_keys;
    const std::vector<Row> rows = rows_of(store);
    for (const Row& row : rows) {
        EXPECT_EQ(sha256_hex(row.bytes), row.sha256) << trial << ": " << row.key;
        EXPECT_TRUE(Batch::get().hashes().count(row.sha256)) << trial << ": stored bytes of no input, " << row.key;
        const json report = json::parse(row.report, nullptr, false);
        EXPECT_FALSE(report.is_discarded()) << trial << ": the stored report of " << row.key << " is not JSON";
        if (!report.is_discarded()) {
            EXPECT_EQ(report.at("submissions").at(0).at("sha256"), row.sha256) << trial;
            EXPECT_EQ(report.at("submissions").at(0).at("status"), "accepted") << trial;
        }
        if (row.current) {
            EXPECT_TRUE(current_keys.insert(row.key).second) << trial << ": two current " << row.key;
        }
    }
    return rows.size();
}

// Every submission `log` says was stored is in the store; returns how many.
int expect_logged_submissions_kept(const fs::path& store, const std::string& log, const std::string& trial) {
    std::set<std::string> stored;
    for (const Row& row : rows_of(store)) stored.insert(row.sha256);
    int logged = 0;
    for (const std::string& hash : hashes_logged_as_stored(log)) {
        EXPECT_TRUE(stored.count(hash)) << trial << ": a submission logged as stored was lost";
        ++logged;
    }
    return logged;
}

// The rerun without the VFS completes the batch: exit 0, every input
// stored exactly once and current.
void expect_rerun_completes(const fs::path& store, const std::string& trial) {
    const ProcessResult rerun = plain_accept(store);
    ASSERT_EQ(rerun.exit_code, 0) << trial << ": the rerun failed\n" << describe(rerun);
    EXPECT_EQ(store_problems(store), "") << trial << " after the rerun";
    const std::vector<Row> rows = rows_of(store);
    std::multiset<std::string> stored;
    for (const Row& row : rows) {
        EXPECT_TRUE(row.current) << trial << ": " << row.key << " is not current";
        stored.insert(row.sha256);
    }
    for (const std::string& hash : Batch::get().hashes()) {
        EXPECT_EQ(stored.count(hash), 1u) << trial << ": an input stored " << stored.count(hash) << " times";
    }
    EXPECT_EQ(rows.size(), Batch::get().hashes().size()) << trial;
}

// How many I/O events a whole accept of the batch makes, counted by the VFS.
long long events_of_whole_run() {
    TempDir dir;
    const fs::path count = dir / "events";
    const ProcessResult run = accept_under_vfs(dir / "lma.db", {"LMACHECK_VFS_COUNT_FILE=" + count.string()});
    EXPECT_EQ(run.exit_code, 0) << describe(run);
    EXPECT_EQ(store_problems(dir / "lma.db"), "");
    EXPECT_EQ(expect_only_whole_submissions(dir / "lma.db", "uninterrupted"), Batch::get().hashes().size());
    return fs::exists(count) ? std::stoll(read_bytes(count)) : 0;
}

TEST(PowerLoss, AcceptSurvivesLosingUnsyncedWritesAtRandomMoments) {
    ASSERT_EQ(Batch::get().missing(), "");
    const long long events = events_of_whole_run();
    ASSERT_GT(events, 10) << "the VFS saw no I/O: is it preloaded (" << vfs_library << ")?";

    std::mt19937 random(20261130);
    // Sixteen seeded power losses (eight losing every unsynced write, eight
    // keeping half of them) over the I/O events of a run: each one checks the
    // whole store; 30 cost twice the time and found nothing 16 do not.
    constexpr int trials = 16;
    std::map<std::string, int> outcomes;
    int logged_as_stored = 0;  // submissions committed before the power loss, all found again
    for (int trial = 0; trial < trials; ++trial) {
        TempDir dir;
        const fs::path store = dir / "lma.db";
        const long long crash_at = std::uniform_int_distribution<long long>(1, events)(random);
        const bool keep_some = trial % 2 == 1;
        const std::string name = "trial " + std::to_string(trial) + " (power lost at event " +
                                 std::to_string(crash_at) + " of " + std::to_string(events) +
                                 (keep_some ? ", half the unsynced writes kept)" : ", unsynced writes lost)");
        const ProcessResult crashed = accept_under_vfs(
            store, {"LMACHECK_VFS_CRASH_AT=" + std::to_string(crash_at), "LMACHECK_VFS_SEED=" + std::to_string(trial),
                    std::string("LMACHECK_VFS_CRASH_KEEP=") + (keep_some ? "some" : "none")});
        EXPECT_EQ(crashed.exit_code, killed_by_sigkill) << name << ": the power loss did not happen\n" << describe(crashed);
        EXPECT_EQ(store_problems(store), "") << name;
        const std::size_t survived = expect_only_whole_submissions(store, name);
        logged_as_stored += expect_logged_submissions_kept(store, crashed.err, name);
        ++outcomes[survived == 0 ? "nothing stored" : survived < Batch::get().hashes().size() ? "part stored" : "all stored"];
        expect_rerun_completes(store, name);
    }
    std::cout << "[ measure  ] " << trials << " power losses over " << events << " I/O events of an accept of "
              << Batch::get().hashes().size() << " files; store before the rerun:";
    for (const auto& [outcome, count] : outcomes) std::cout << " " << outcome << " " << count << ";";
    std::cout << " every store sound, " << logged_as_stored
              << " submissions logged as stored before a power loss checked, every rerun completed the batch\n";
}

TEST(FailingDisk, AWriteOrSyncErrorIsExitTwoAndTheRerunCompletes) {
    ASSERT_EQ(Batch::get().missing(), "");
    const long long events = events_of_whole_run();
    ASSERT_GT(events, 10);

    std::mt19937 random(8);
    std::map<std::string, int> outcomes;
    int trial = 0;
    for (const char* failure : {"eio", "enospc", "fsync"}) {
        for (int k = 0; k < 2; ++k, ++trial) {  // two seeded moments of each kind of failure
            TempDir dir;
            const fs::path store = dir / "lma.db";
            // Not the very last events: a failure must hit a write or sync
            // that storing needs.
            const long long fail_at = std::uniform_int_distribution<long long>(1, events * 3 / 4)(random);
            const std::string name = std::string(failure) + " from event " + std::to_string(fail_at) + " of " +
                                     std::to_string(events);
            const ProcessResult failed = accept_under_vfs(
                store, {"LMACHECK_VFS_FAIL_AT=" + std::to_string(fail_at), std::string("LMACHECK_VFS_FAIL=") + failure});
            // The tool could not do its job: exit 2, saying so on stderr
            // with the store's name.
            EXPECT_EQ(failed.exit_code, 2) << name << "\n" << describe(failed);
            EXPECT_NE(failed.err.find(store.string()), std::string::npos) << name << ": the store is not named\n"
                                                                         << describe(failed);
            EXPECT_EQ(store_problems(store), "") << name;
            const std::size_t survived = expect_only_whole_submissions(store, name);
            expect_logged_submissions_kept(store, failed.err, name);
            ++outcomes[std::string(failure) + (survived == 0                          ? ": nothing stored"
                                               : survived < Batch::get().hashes().size() ? ": part stored"
                                                                                         : ": all stored")];
            expect_rerun_completes(store, name);
        }
    }
    std::cout << "[ measure  ] " << trial << " failing-disk runs:";
    for (const auto& [outcome, count] : outcomes) std::cout << " " << outcome << " " << count << ";";
    std::cout << " each exit 2 naming the store, every store sound, every rerun completed the batch\n";
}

}  // namespace
