// The store under attack (issue 8), as users run the program: a store that
// cannot be read is the tool's failure (exit 2), never the submitters'; an
// altered row is found on reading and by `lmacheck verify`, which also
// follows the chain of versions; the version submitted last stays current
// whatever order the files are accepted in; whatever `accept` stores can be
// read back by `history` and `export`; a store on read-only media can be
// read; and the report of an `accept` run says what was stored.
#include "support/file_bytes.hpp"
#include "support/raw_store.hpp"
#include "support/report_contract.hpp"
#include "support/sha256.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"
#include "support/test_paths.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace lmacheck::test;
using CliResult = ProcessResult;

const fs::path lmacheck_exe = LMACHECK_EXE;
using lmacheck::test_paths::source_dir;

CliResult run_cli(const std::vector<std::string>& args, bool unprivileged = false) {
    std::vector<std::string> argv{lmacheck_exe.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv, {.cwd = source_dir, .timeout = std::chrono::seconds(300), .unprivileged = unprivileged});
}

std::vector<json> json_lines(const std::string& text) {
    std::vector<json> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        lines.push_back(json::parse(line, nullptr, false));
        if (lines.back().is_discarded()) ADD_FAILURE() << "not JSON: " << line;
    }
    return lines;
}

bool has_rule(const json& submission, const std::string& rule) {
    const auto rules = rules_of(submission);
    return std::find(rules.begin(), rules.end(), rule) != rules.end();
}

const fs::path history_2018 = source_dir / "samples/history/2018/institution-2018.json";
const fs::path history_2019 = source_dir / "samples/history/2019/institution-2019.json";

// A store holding the 2018 institution sample (06470312).
fs::path store_with_2018(const TempDir& dir) {
    const fs::path store = dir / "lma.db";
    const CliResult r = run_cli({"accept", "--store", store.string(), history_2018.string()});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    return store;
}

// A run that the store made fail: exit 2, the store named on stderr, and no
// report that blames a submission.
void expect_store_fault(const CliResult& r, const fs::path& store, const std::string& also_in_message = "") {
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    EXPECT_NE(r.err.find(store.string()), std::string::npos) << describe(r);
    if (!also_in_message.empty()) {
        EXPECT_NE(r.err.find(also_in_message), std::string::npos) << describe(r);
    }
    EXPECT_EQ(r.out.find("document.unreadable"), std::string::npos) << describe(r);
    EXPECT_EQ(r.out.find("rejected"), std::string::npos) << describe(r);
}

// ---------------------------------------------------------------------------
// Item 3: a store that fails to read stops the run with exit 2

TEST(StoreFault, StoredBytesThatAreNotJsonStopTheRun) {
    TempDir dir;
    const fs::path store = store_with_2018(dir);
    {
        // Consistent hash, so only the parse can fail.
        RawStore raw(store);
        raw.exec("UPDATE submission_version SET bytes = CAST('not json' AS BLOB), sha256 = '" +
                 sha256_hex("not json") + "'");
    }
    const CliResult r =
        run_cli({"validate", "--store", store.string(), "--jobs", "2", "--format", "json", history_2019.string(),
                 (source_dir / "samples/valid/institution-2019.json").string()});
    expect_store_fault(r, store, "06470312");
}

TEST(StoreFault, AMissingColumnStopsTheRun) {
    TempDir dir;
    const fs::path store = store_with_2018(dir);
    RawStore(store).exec("ALTER TABLE submission_version RENAME COLUMN bytes TO contents");
    const CliResult r = run_cli({"validate", "--store", store.string(), "--format", "json", history_2019.string()});
    expect_store_fault(r, store, "no such column");
}

TEST(StoreFault, ACorruptPageStopsTheRun) {
    TempDir dir;
    const fs::path store = store_with_2018(dir);
    // Every page after the first (the header, so the file is still
    // recognised as a store) overwritten: the table's pages are garbage.
    std::string bytes = read_bytes(store);
    ASSERT_GT(bytes.size(), 8192u);
    for (std::size_t i = 4096; i < bytes.size(); ++i) bytes[i] = static_cast<char>(0xA5 ^ (i * 7));
    write_bytes(store, bytes);
    const CliResult r = run_cli({"validate", "--store", store.string(), "--format", "json", history_2019.string()});
    expect_store_fault(r, store);
    const std::string before = sha256_hex(read_bytes(store));
    const CliResult accept = run_cli({"accept", "--store", store.string(), history_2019.string()});
    expect_store_fault(accept, store);
    EXPECT_EQ(sha256_hex(read_bytes(store)), before) << "a damaged store must not be written to";
}

// ---------------------------------------------------------------------------
// Item 6: the store does not trust itself

TEST(StoreIntegrity, AnAlteredRowIsAStoreFaultOnEveryRead) {
    TempDir dir;
    const fs::path store = store_with_2018(dir);
    // The places a level-2 rule compares, changed behind the store's back.
    RawStore(store).exec("UPDATE submission_version SET bytes = CAST(replace(CAST(bytes AS TEXT), '\"places\": 26.0',"
                         " '\"places\": 96.0') AS BLOB)");
    ASSERT_NE(RawStore(store).scalar("SELECT sha256 FROM submission_version"),
              sha256_hex(RawStore(store).scalar("SELECT CAST(bytes AS TEXT) FROM submission_version")))
        << "the test must change the stored bytes";
    expect_store_fault(run_cli({"validate", "--store", store.string(), "--format", "json", history_2019.string()}),
                       store, "06470312 2018");
    expect_store_fault(run_cli({"export", "--store", store.string(), "--year", "2018"}), store, "06470312 2018");
    const CliResult verify = run_cli({"verify", "--store", store.string()});
    EXPECT_EQ(verify.exit_code, 1) << describe(verify);
    EXPECT_NE(verify.out.find("institution 06470312 2018 version 1: the stored bytes do not match their SHA-256"),
              std::string::npos)
        << verify.out;
}

TEST(StoreIntegrity, VerifyPassesOnAHealthyStoreAndFindsEveryKindOfDamage) {
    TempDir dir;
    const fs::path store = store_with_2018(dir);
    json resubmitted = json::parse(read_bytes(history_2018));
    resubmitted["submitted_at"] = "2019-03-22T10:05:00+01:00";
    resubmitted["clients"]["epa"] = 1234;
    const fs::path second = dir / "resubmitted.json";
    write_bytes(second, resubmitted.dump(2));
    ASSERT_EQ(run_cli({"accept", "--store", store.string(), second.string(), history_2019.string()}).exit_code, 0);

    const CliResult healthy = run_cli({"verify", "--store", store.string()});
    EXPECT_EQ(healthy.exit_code, 0) << describe(healthy);
    EXPECT_NE(healthy.out.find("3 version(s) of 2 submission(s) verified, no problems"), std::string::npos)
        << healthy.out;

    // Metadata changed, bytes and hash intact: only the chain sees it.
    fs::copy_file(store, dir / "renamed.db");
    RawStore(dir / "renamed.db").exec("UPDATE submission_version SET file = 'other.json' WHERE version = 1");
    const CliResult renamed = run_cli({"verify", "--store", (dir / "renamed.db").string()});
    EXPECT_EQ(renamed.exit_code, 1) << describe(renamed);
    EXPECT_NE(renamed.out.find("institution 06470312 2018 version 1: the chain hash does not follow"),
              std::string::npos)
        << renamed.out;

    // A version removed from the audit trail.
    fs::copy_file(store, dir / "removed.db");
    RawStore(dir / "removed.db").exec("DELETE FROM submission_version WHERE version = 1 AND reporting_year = 2018");
    const CliResult removed = run_cli({"verify", "--store", (dir / "removed.db").string()});
    EXPECT_EQ(removed.exit_code, 1) << describe(removed);
    EXPECT_NE(removed.out.find("expected version 1 here"), std::string::npos) << removed.out;
    EXPECT_NE(removed.out.find("version 2: the chain hash does not follow from version 1"), std::string::npos)
        << removed.out;

    // Two current versions (the index that forbids it dropped first).
    fs::copy_file(store, dir / "two-current.db");
    RawStore(dir / "two-current.db")
        .exec("DROP INDEX submission_current; UPDATE submission_version SET superseded_at = NULL");
    const CliResult two = run_cli({"verify", "--store", (dir / "two-current.db").string()});
    EXPECT_EQ(two.exit_code, 1) << describe(two);
    EXPECT_NE(two.out.find("institution 06470312 2018: 2 current versions (exactly one expected)"), std::string::npos)
        << two.out;

    // A store it cannot check at all.
    EXPECT_EQ(run_cli({"verify", "--store", (dir / "absent.db").string()}).exit_code, 2);
    write_bytes(dir / "not-sqlite.db", std::string(8192, 'x'));
    EXPECT_EQ(run_cli({"verify", "--store", (dir / "not-sqlite.db").string()}).exit_code, 2);
}

// A store of schema version 1 (before chain hashes) stays readable, and
// `accept` migrates it: every earlier row gets its chain hash.
TEST(StoreIntegrity, AVersionOneStoreIsReadAndMigrated) {
    TempDir dir;
    const fs::path store = dir / "v1.db";
    const std::string bytes = read_bytes(history_2018);
    {
        RawStore raw(store);
        raw.exec(R"sql(
CREATE TABLE submission_version (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('institution', 'municipality')),
  submitter_id TEXT NOT NULL, reporting_year INTEGER NOT NULL, version INTEGER NOT NULL CHECK (version >= 1),
  file TEXT NOT NULL, sha256 TEXT NOT NULL CHECK (length(sha256) = 64), bytes BLOB NOT NULL,
  ruleset TEXT NOT NULL, report TEXT NOT NULL, accepted_at TEXT NOT NULL, superseded_at TEXT,
  UNIQUE (kind, submitter_id, reporting_year, version));
CREATE UNIQUE INDEX submission_current
  ON submission_version (kind, submitter_id, reporting_year) WHERE superseded_at IS NULL;
CREATE INDEX submission_current_by_year
  ON submission_version (reporting_year, kind, submitter_id) WHERE superseded_at IS NULL;
PRAGMA application_id = 1280131395; PRAGMA user_version = 1;)sql");
        raw.exec_with_blob("INSERT INTO submission_version (kind, submitter_id, reporting_year, version, file, sha256,"
                           " bytes, ruleset, report, accepted_at) VALUES ('institution', '06470312', 2018, 1,"
                           " 'old.json', '" + sha256_hex(bytes) + "', ?1, 'lma-v1', '{}', '2019-05-01T00:00:00.000Z')",
                           bytes);
    }
    const CliResult history = run_cli({"history", "--store", store.string()});
    EXPECT_EQ(history.exit_code, 0) << describe(history);
    const CliResult before = run_cli({"verify", "--store", store.string()});
    EXPECT_EQ(before.exit_code, 0) << describe(before);
    EXPECT_NE(before.out.find("note: schema version 1 records no chain hashes"), std::string::npos) << before.out;

    const CliResult accept = run_cli({"accept", "--store", store.string(), history_2019.string()});
    EXPECT_EQ(accept.exit_code, 0) << describe(accept);
    RawStore raw(store);
    EXPECT_EQ(raw.scalar("PRAGMA user_version"), "3");  // migrated to the newest schema
    EXPECT_EQ(raw.scalar("SELECT count(*) FROM submission_version WHERE length(chain) = 64"), "2");
    EXPECT_EQ(raw.scalar("SELECT submitted_at FROM submission_version WHERE reporting_year = 2018"),
              "2019-03-21T09:05:00.000000000Z");
    const CliResult after = run_cli({"verify", "--store", store.string()});
    EXPECT_EQ(after.exit_code, 0) << describe(after);
    EXPECT_EQ(after.out.find("note:"), std::string::npos) << after.out;
}

// ---------------------------------------------------------------------------
// Item 7: the version submitted last is current, whatever the order of acceptance

// The 2018 institution sample with another submitted_at (and another figure,
// so the bytes differ).
fs::path version_submitted_at(const TempDir& dir, const std::string& name, const std::string& submitted_at, int epa) {
    json document = json::parse(read_bytes(history_2018));
    document["submitted_at"] = submitted_at;
    document["clients"]["epa"] = epa;
    const fs::path file = dir / name;
    write_bytes(file, document.dump(2));
    return file;
}

std::string exported_sha(const fs::path& store, int year) {
    const CliResult r = run_cli({"export", "--store", store.string(), "--year", std::to_string(year)});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    const auto lines = json_lines(r.out);
    return lines.size() == 1 ? lines[0].value("sha256", "") : "";
}

TEST(StoreOrder, AnOlderFileAcceptedLaterIsKeptButNotMadeCurrent) {
    TempDir dir;
    const fs::path store = dir / "lma.db";
    const fs::path newer = version_submitted_at(dir, "newer.json", "2019-03-25T10:00:00+01:00", 1111);
    // Later as text, earlier as a moment: 08:30 UTC against the newer's 09:00.
    const fs::path older = version_submitted_at(dir, "older.json", "2019-03-25T10:30:00+02:00", 2222);
    ASSERT_EQ(run_cli({"accept", "--store", store.string(), newer.string()}).exit_code, 0);

    const CliResult r = run_cli({"accept", "--store", store.string(), "--format", "json", older.string()});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    const json report = report_of(r);
    const json s = report.at("submissions").at(0);
    EXPECT_EQ(rules_of(s), std::vector<std::string>{"history.older-version"}) << s.dump(2);
    EXPECT_EQ(s.value("stored", false), true) << s.dump(2);
    EXPECT_NE(s.at("findings").at(0).at("message").get<std::string>().find("version 1 stays current"),
              std::string::npos)
        << s.dump(2);

    EXPECT_EQ(exported_sha(store, 2018), sha256_hex(read_bytes(newer)));
    const json history = report_of(run_cli({"history", "--store", store.string(), "--format", "json"}));
    ASSERT_EQ(history.at("submissions").size(), 1u) << history.dump(2);
    EXPECT_EQ(history["submissions"][0]["current_version"], 1) << history.dump(2);
    EXPECT_EQ(history["submissions"][0]["versions"].size(), 2u) << history.dump(2);
    // Accepting the older file again writes nothing.
    EXPECT_EQ(run_cli({"accept", "--store", store.string(), older.string()}).exit_code, 0);
    EXPECT_EQ(RawStore(store).scalar("SELECT count(*) FROM submission_version"), "2");
    // The newer one accepted after it is current again... it still is.
    EXPECT_EQ(exported_sha(store, 2018), sha256_hex(read_bytes(newer)));
    EXPECT_EQ(run_cli({"verify", "--store", store.string()}).exit_code, 0);

    // A tie goes to the later acceptance.
    const fs::path tie = version_submitted_at(dir, "tie.json", "2019-03-25T09:00:00Z", 3333);
    ASSERT_EQ(run_cli({"accept", "--store", store.string(), tie.string()}).exit_code, 0);
    EXPECT_EQ(exported_sha(store, 2018), sha256_hex(read_bytes(tie)));
}

// Two processes accept two versions of one submission at the same moment:
// the one submitted last ends current, whichever process stores last.
TEST(StoreOrder, ConcurrentAcceptsEndWithTheVersionSubmittedLast) {
    TempDir dir;
    const fs::path older = version_submitted_at(dir, "older.json", "2019-03-21T10:05:00+01:00", 1111);
    const fs::path newer = version_submitted_at(dir, "newer.json", "2019-03-22T10:05:00+01:00", 2222);
    for (int round = 0; round < 6; ++round) {
        SCOPED_TRACE("round " + std::to_string(round));
        const fs::path store = dir / ("lma-" + std::to_string(round) + ".db");
        // Alternate which one starts first.
        const fs::path& first = round % 2 == 0 ? older : newer;
        const fs::path& second = round % 2 == 0 ? newer : older;
        const std::vector<std::string> a{lmacheck_exe.string(), "accept", "--store", store.string(), first.string()};
        const std::vector<std::string> b{lmacheck_exe.string(), "accept", "--store", store.string(), second.string()};
        const pid_t pa = start_process(a, source_dir);
        const pid_t pb = start_process(b, source_dir);
        EXPECT_EQ(wait_for_exit(pa), 0);
        EXPECT_EQ(wait_for_exit(pb), 0);
        EXPECT_EQ(exported_sha(store, 2018), sha256_hex(read_bytes(newer)));
        EXPECT_EQ(RawStore(store).scalar("SELECT count(*) FROM submission_version"), "2");
        EXPECT_EQ(run_cli({"verify", "--store", store.string()}).exit_code, 0);
    }
}

// ---------------------------------------------------------------------------
// Item 5: nothing `accept` stores breaks a later read

TEST(StoreHostile, EveryHostileFileThatIsAcceptedReadsBack) {
    TempDir dir;
    const std::string sample = read_bytes(source_dir / "samples/valid/institution-2019.json");
    int next_code = 0;
    // The sample as another submitter, with `from` replaced by `to`.
    const auto variant = [&](const std::string& from = "", const std::string& to = "") {
        std::string text = sample;
        const int n = next_code++;
        const std::string code = "062905" + std::to_string(n / 10) + std::to_string(n % 10);
        text.replace(text.find("06290417"), 8, code);
        if (!from.empty()) text.replace(text.find(from), from.size(), to);
        return text;
    };
    const std::string bom = "\xEF\xBB\xBF";
    const fs::path in = dir / "in";
    fs::create_directories(in);
    write_bytes(in / "one-bom.json", bom + variant());
    write_bytes(in / "two-boms.json", bom + bom + variant());
    write_bytes(in / "latin1-\xE9t\xE9.json", variant());
    write_bytes(in / "escape-\x1b[31m-and\ttab.json", variant());
    write_bytes(in / "new\nline.json", variant());
    fs::create_directories(in / "map met spaties");
    write_bytes(in / "map met spaties" / "Zorg \xC3\xAB \xE2\x82\xAC \xF0\x9F\x98\x80 instelling.json", variant());
    write_bytes(in / "nul-escape.json", variant("\"GGZ Lindenhove\"", "\"GGZ\\u0000Lindenhove\\u001f\\u001b[2J\""));
    write_bytes(in / "non-ascii.json", variant("\"GGZ Lindenhove\"", "\"Zorg \xC3\xAB \xE2\x82\xAC \xF0\x9F\x98\x80\""));
    write_bytes(in / "lone-surrogate-escape.json", variant("\"GGZ Lindenhove\"", "\"GGZ \\ud800 Lindenhove\""));
    write_bytes(in / "minus-zero.json", variant("\"coercive_measures\": 87", "\"coercive_measures\": -0"));
    std::string crlf = variant();
    for (std::size_t at = 0; (at = crlf.find('\n', at)) != std::string::npos; at += 2) crlf.replace(at, 1, "\r\n");
    write_bytes(in / "crlf.json", crlf);

    const fs::path store = dir / "lma.db";
    const CliResult accepted = run_cli({"accept", "--store", store.string(), "--format", "json", in.string()});
    ASSERT_NE(accepted.exit_code, 2) << describe(accepted);
    int stored = 0;
    const json accepted_report = report_of(accepted);
    for (const json& s : accepted_report.at("submissions")) {
        if (s.at("status") == "accepted") ++stored;
        // A second BOM is not whitespace: the file is unreadable, not stored.
        if (s.at("file").get<std::string>().find("two-boms") != std::string::npos) {
            EXPECT_EQ(rules_of(s), std::vector<std::string>{"document.unreadable"}) << s.dump(2);
        }
    }
    EXPECT_GE(stored, 9) << accepted.out;

    const CliResult text = run_cli({"history", "--store", store.string()});
    EXPECT_EQ(text.exit_code, 0) << describe(text);
    const CliResult listed = run_cli({"history", "--store", store.string(), "--format", "json"});
    EXPECT_EQ(listed.exit_code, 0) << describe(listed);
    EXPECT_EQ(report_of(listed).at("submissions").size(), static_cast<std::size_t>(stored)) << listed.out;
    const CliResult exported = run_cli({"export", "--store", store.string(), "--year", "2019"});
    EXPECT_EQ(exported.exit_code, 0) << describe(exported);
    EXPECT_EQ(json_lines(exported.out).size(), static_cast<std::size_t>(stored)) << exported.out;
    const CliResult verify = run_cli({"verify", "--store", store.string()});
    EXPECT_EQ(verify.exit_code, 0) << describe(verify);
    // Validating a central municipality against the store reads every stored
    // institution of its year back (the region sums).
    const CliResult against = run_cli({"validate", "--store", store.string(), "--format", "json",
                                       "samples/valid/municipality-2019-central.json"});
    EXPECT_NE(against.exit_code, 2) << describe(against);
    EXPECT_EQ(report_of(against).at("submissions").size(), 1u);
}

// ---------------------------------------------------------------------------
// Item 14: a store on read-only media can be read

TEST(StoreReadOnly, ReadingCommandsWorkInADirectoryTheUserCannotWrite) {
    TempDir dir;
    fs::permissions(dir.path(), fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                    fs::perms::others_read | fs::perms::others_exec);
    const fs::path media = dir / "media";
    fs::create_directories(media);
    const fs::path store = media / "lma.db";
    ASSERT_EQ(run_cli({"accept", "--store", store.string(), "samples/history/2018"}).exit_code, 0);
    ASSERT_FALSE(fs::exists(media / "lma.db-wal")) << "the last connection removes its WAL";
    fs::permissions(store, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
    fs::permissions(media, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                               fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec);
    const std::string before = sha256_hex(read_bytes(store));
    // The submission to validate, where the unprivileged user can read it.
    const fs::path submission = dir / "institution-2019.json";
    write_bytes(submission, read_bytes(history_2019));
    fs::permissions(submission, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);

    const CliResult history = run_cli({"history", "--store", store.string(), "--format", "json"}, true);
    if (history.exit_code >= 125 && history.exit_code <= 127) {
        GTEST_SKIP() << "the unprivileged user cannot reach the program here: " << describe(history);
    }
    EXPECT_EQ(history.exit_code, 0) << describe(history);
    EXPECT_EQ(report_of(history).at("submissions").size(), 2u) << history.out;
    const CliResult exported = run_cli({"export", "--store", store.string(), "--year", "2018"}, true);
    EXPECT_EQ(exported.exit_code, 0) << describe(exported);
    EXPECT_EQ(json_lines(exported.out).size(), 2u) << exported.out;
    const CliResult validated =
        run_cli({"validate", "--store", store.string(), "--format", "json", submission.string()}, true);
    EXPECT_EQ(validated.exit_code, 0) << describe(validated);
    const json validated_report = report_of(validated);
    EXPECT_TRUE(has_rule(validated_report.at("submissions").at(0), "history.capacity-change")) << validated.out;
    const CliResult verify = run_cli({"verify", "--store", store.string()}, true);
    EXPECT_EQ(verify.exit_code, 0) << describe(verify);
    // Writing is still refused, and nothing changed.
    EXPECT_EQ(run_cli({"accept", "--store", store.string(), submission.string()}, true).exit_code, 2);
    EXPECT_EQ(sha256_hex(read_bytes(store)), before);
    EXPECT_FALSE(fs::exists(media / "lma.db-shm"));
    fs::permissions(media, fs::perms::owner_all);
}

// ---------------------------------------------------------------------------
// Item 16: the report of an accept run says what was stored

TEST(AcceptReport, SaysWhichSubmissionsWereStoredWhenStoringFails) {
    TempDir dir;
    const fs::path store = dir / "lma.db";
    ASSERT_EQ(run_cli({"accept", "--store", store.string(), "samples/history/2018"}).exit_code, 0);
    // A full disk, as the store sees it: the municipality's insert fails.
    RawStore(store).exec("CREATE TRIGGER full_disk BEFORE INSERT ON submission_version WHEN NEW.kind = 'municipality'"
                         " BEGIN SELECT RAISE(ABORT, 'database or disk is full (simulated)'); END");
    fs::copy_file(store, dir / "copy.db");
    const std::string rejected = "samples/invalid/schema.structure-wrong-type.json";

    const CliResult r = run_cli({"accept", "--store", store.string(), "--format", "json", rejected,
                                 "samples/history/2019/institution-2019.json",
                                 "samples/history/2019/municipality-2019.json"});
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    std::map<std::string, json> by_file;
    const json report = report_of(r);
    for (const json& s : report.at("submissions")) by_file[s.at("file").get<std::string>()] = s;
    EXPECT_EQ(by_file[rejected].value("stored", true), false) << r.out;
    EXPECT_EQ(by_file["samples/history/2019/institution-2019.json"].value("stored", false), true) << r.out;
    EXPECT_EQ(by_file["samples/history/2019/municipality-2019.json"].value("status", ""), "accepted") << r.out;
    EXPECT_EQ(by_file["samples/history/2019/municipality-2019.json"].value("stored", true), false) << r.out;

    const CliResult text = run_cli({"accept", "--store", (dir / "copy.db").string(),
                                    "samples/history/2019/institution-2019.json",
                                    "samples/history/2019/municipality-2019.json"});
    EXPECT_EQ(text.exit_code, 2) << describe(text);
    EXPECT_NE(text.out.find("samples/history/2019/municipality-2019.json: accepted, not stored ("), std::string::npos)
        << text.out;
    EXPECT_NE(text.out.find("samples/history/2019/institution-2019.json: accepted ("), std::string::npos) << text.out;

    // validate reports do not change: no `stored` at all.
    const CliResult validated = run_cli({"validate", "--store", store.string(), "--format", "json",
                                         "samples/history/2019/institution-2019.json"});
    EXPECT_EQ(validated.out.find("\"stored\""), std::string::npos) << validated.out;

    // The report kept with a stored version is the judgement, as `validate`
    // gives it: no `stored` (it said false, written before the row was).
    const std::string kept = RawStore(store).scalar("SELECT report FROM submission_version"
                                                    " WHERE reporting_year = 2019 AND kind = 'institution'");
    EXPECT_FALSE(kept.empty());
    EXPECT_EQ(kept.find("\"stored\""), std::string::npos) << kept;
}

}  // namespace
