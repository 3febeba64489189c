// The store itself: its file format (application id, schema version, WAL),
// versions and the audit trail, "previous", and refusing files that are not
// lmacheck stores, or are newer ones, without touching them.
#include "store_test_support.hpp"

#include "store/store_error.hpp"
#include "store/store_schema.hpp"
#include "store/submission_time.hpp"
#include "store/version_chain.hpp"

#include <gtest/gtest.h>

#include <set>
#include <thread>
#include <vector>

namespace lmacheck {
namespace {

using namespace lmacheck::storetest;

std::shared_ptr<SubmissionStore> open_rw(const fs::path& file) {
    return SubmissionStore::open(file, SubmissionStore::Access::read_write);
}

std::string store_error_of(const fs::path& file, SubmissionStore::Access access) {
    try {
        SubmissionStore::open(file, access);
    } catch (const StoreError& e) {
        return e.what();
    }
    return "";
}

TEST(SubmissionStore, ANewStoreCarriesItsApplicationIdSchemaVersionAndWal) {
    TempDir dir;
    open_rw(dir / "store.db");
    RawDatabase raw(dir / "store.db");
    EXPECT_EQ(raw.scalar("PRAGMA application_id"), std::to_string(store_schema::application_id));
    EXPECT_EQ(raw.scalar("PRAGMA user_version"), std::to_string(store_schema::current_version()));
    EXPECT_EQ(raw.scalar("PRAGMA journal_mode"), "wal");
    EXPECT_EQ(raw.scalar("PRAGMA integrity_check"), "ok");
}

TEST(SubmissionStore, AnEmptyFileBecomesAStore) {
    TempDir dir;
    write_bytes(dir / "empty.db", "");
    open_rw(dir / "empty.db");
    EXPECT_EQ(RawDatabase(dir / "empty.db").scalar("PRAGMA user_version"),
              std::to_string(store_schema::current_version()));
}

// Several processes (here: threads, each with its own connection, which SQLite
// locks like processes) creating one store at once must all open it: the
// WAL switch is retried while another holds a lock, and the file is
// recognised from one snapshot, so a store half-way created never looks
// like a foreign database. Many rounds, because the window is small.
TEST(SubmissionStore, ConnectionsCreatingOneStoreAtOnceAllOpenIt) {
    constexpr int rounds = 25, openers = 4;
    for (int round = 0; round < rounds; ++round) {
        TempDir dir;
        const fs::path file = dir / "store.db";
        std::vector<std::string> errors(openers);
        std::vector<std::thread> threads;
        for (int i = 0; i < openers; ++i) {
            threads.emplace_back([&, i] {
                try {
                    const auto store = open_rw(file);
                    accept(*store, sample("valid/institution-2019.json"), "a.json");
                } catch (const std::exception& e) {
                    errors[static_cast<std::size_t>(i)] = e.what();
                }
            });
        }
        for (std::thread& t : threads) t.join();
        for (const std::string& error : errors) EXPECT_EQ(error, "") << "round " << round;
        RawDatabase raw(file);
        EXPECT_EQ(raw.scalar("PRAGMA journal_mode"), "wal");
        EXPECT_EQ(raw.scalar("SELECT count(*) FROM submission_version"), "1") << "round " << round;
    }
}

TEST(SubmissionStore, ReopeningAStoreKeepsWhatItHolds) {
    TempDir dir;
    accept(*open_rw(dir / "store.db"), sample("valid/institution-2019.json"), "a.json");
    const auto store = open_rw(dir / "store.db");
    EXPECT_EQ(store->versions(std::nullopt, std::nullopt).size(), 1u);
}

TEST(SubmissionStore, AResubmissionBecomesCurrentAndKeepsTheEarlierVersion) {
    TempDir dir;
    const auto store = open_rw(dir / "store.db");
    const nlohmann::json first = sample("valid/institution-2019.json");
    nlohmann::json second = first;
    second["clients"]["epa"] = 2000;

    EXPECT_EQ(accept(*store, first, "first.json").outcome, AcceptOutcome::added);
    const AcceptResult replaced = accept(*store, second, "second.json");
    EXPECT_EQ(replaced.outcome, AcceptOutcome::replaced);
    EXPECT_EQ(replaced.version, 2);
    // The same bytes again change nothing: re-running an interrupted batch
    // leaves no duplicates.
    const AcceptResult again = accept(*store, second, "second-again.json");
    EXPECT_EQ(again.outcome, AcceptOutcome::unchanged);
    EXPECT_EQ(again.version, 2);

    const auto versions = store->versions("06290417", 2019);
    ASSERT_EQ(versions.size(), 2u);
    EXPECT_EQ(versions[0].version, 1);
    EXPECT_EQ(versions[0].file, "first.json");
    EXPECT_TRUE(versions[0].superseded_at.has_value());
    EXPECT_EQ(versions[1].version, 2);
    EXPECT_FALSE(versions[1].superseded_at.has_value());
    const auto current = store->current(Kind::institution, "06290417", 2019);
    ASSERT_TRUE(current.has_value());
    EXPECT_EQ(current->file, "second.json");
    EXPECT_EQ(current->sha256, sha256_hex(second.dump(2)));
    EXPECT_EQ(current->accepted_at.size(), std::string("2025-01-01T00:00:00.000Z").size());
    EXPECT_EQ(current->accepted_at.back(), 'Z');
}

TEST(SubmissionStore, StoresTheOriginalBytesUnderTheirHash) {
    TempDir dir;
    const auto store = open_rw(dir / "store.db");
    accept(*store, sample("valid/municipality-2019-central.json"), "m.json");
    RawDatabase raw(dir / "store.db");
    const std::string sha = raw.scalar("SELECT sha256 FROM submission_version");
    EXPECT_EQ(sha, sha256_hex(sample("valid/municipality-2019-central.json").dump(2)));
    EXPECT_EQ(raw.scalar("SELECT count(*) FROM submission_version WHERE length(bytes) > 0"), "1");
}

TEST(SubmissionStore, RefusesBytesThatDoNotMatchTheirHash) {
    TempDir dir;
    const auto store = open_rw(dir / "store.db");
    Candidate c = candidate_for(sample("valid/institution-2019.json"), "a.json");
    c.candidate.sha256 = sha256_hex("something else");
    EXPECT_THROW(store->accept(c.candidate), StoreError);
    EXPECT_TRUE(store->versions(std::nullopt, std::nullopt).empty());
}

TEST(SubmissionStore, PreviousIsTheLatestEarlierAcceptedYear) {
    TempDir dir;
    const auto store = open_rw(dir / "store.db");
    const nlohmann::json base = sample("valid/institution-2019.json");
    for (int year : {2014, 2016, 2018}) accept(*store, in_year(base, year), std::to_string(year) + ".json");
    accept(*store, in_year(sample("valid/institution-2016.json"), 2017), "other-submitter.json");

    const auto previous_of = [&](int year) -> std::optional<int> {
        const auto found = store->previous(Kind::institution, "06290417", year);
        if (!found) return std::nullopt;
        EXPECT_EQ(found->document.at("reporting_year"), found->submission.reporting_year);
        return found->submission.reporting_year;
    };
    EXPECT_EQ(previous_of(2019), 2018);
    EXPECT_EQ(previous_of(2018), 2016);
    EXPECT_EQ(previous_of(2017), 2016);  // not 2016 because it is the year before: 2015 is missing
    EXPECT_EQ(previous_of(2016), 2014);
    EXPECT_EQ(previous_of(2014), std::nullopt);
    EXPECT_FALSE(store->previous(Kind::municipality, "06290417", 2019).has_value());
}

// The lookups keep their prepared statements (Connection::cached). A kept
// statement left on its row would hold a read transaction open, and in WAL
// mode its connection would go on seeing that snapshot: what another
// process accepted since would stay invisible to a long-running service.
TEST(SubmissionStore, KeptStatementsDoNotHideWhatAnotherConnectionAcceptedSince) {
    TempDir dir;
    const auto reader = open_rw(dir / "store.db");
    const auto writer = open_rw(dir / "store.db");
    const nlohmann::json base = sample("valid/institution-2019.json");
    accept(*writer, in_year(base, 2016), "2016.json");
    ASSERT_EQ(reader->previous(Kind::institution, "06290417", 2019)->submission.reporting_year, 2016);
    ASSERT_EQ(reader->current(Kind::institution, "06290417", 2016)->file, "2016.json");
    accept(*writer, in_year(base, 2018), "2018.json");
    const auto previous = reader->previous(Kind::institution, "06290417", 2019);
    ASSERT_TRUE(previous.has_value());
    EXPECT_EQ(previous->submission.reporting_year, 2018);
    ASSERT_TRUE(reader->current(Kind::institution, "06290417", 2018).has_value());
    EXPECT_EQ(reader->current(Kind::institution, "06290417", 2018)->file, "2018.json");
}

TEST(SubmissionStore, PreviousIsTheCurrentVersionOfThatYear) {
    TempDir dir;
    const auto store = open_rw(dir / "store.db");
    nlohmann::json first = in_year(sample("valid/institution-2019.json"), 2018);
    nlohmann::json resubmitted = first;
    resubmitted["fact"]["certified_teams"] = 1;
    accept(*store, first, "first.json");
    accept(*store, resubmitted, "resubmitted.json");
    const auto previous = store->previous(Kind::institution, "06290417", 2019);
    ASSERT_TRUE(previous.has_value());
    EXPECT_EQ(previous->submission.file, "resubmitted.json");
    EXPECT_EQ(previous->document["fact"]["certified_teams"], 1);
}

TEST(SubmissionStore, CurrentOfAYearHoldsOneVersionPerSubmitter) {
    TempDir dir;
    const auto store = open_rw(dir / "store.db");
    nlohmann::json a = sample("valid/institution-2019.json");
    accept(*store, a, "a1.json");
    a["clients"]["epa"] = 10;
    accept(*store, a, "a2.json");
    accept(*store, in_year(sample("valid/institution-2016.json"), 2019), "b.json");
    accept(*store, in_year(sample("valid/institution-2016.json"), 2018), "b-2018.json");
    accept(*store, sample("valid/municipality-2019-central.json"), "m.json");
    const auto current = store->current_of_year(Kind::institution, 2019);
    ASSERT_EQ(current.size(), 2u);
    EXPECT_EQ(current[0].submission.submitter_id, "06150322");
    EXPECT_EQ(current[1].submission.file, "a2.json");
    EXPECT_EQ(current[1].document["clients"]["epa"], 10);
}

TEST(SubmissionStore, ReadOnlyNeverCreatesAFileAndCannotAccept) {
    TempDir dir;
    const auto store = SubmissionStore::open(dir / "absent.db", SubmissionStore::Access::read_only);
    EXPECT_FALSE(fs::exists(dir / "absent.db"));
    EXPECT_FALSE(store->previous(Kind::institution, "06290417", 2019).has_value());
    EXPECT_TRUE(store->versions(std::nullopt, std::nullopt).empty());
    EXPECT_THROW(accept(*store, sample("valid/institution-2019.json"), "a.json"), StoreError);
    EXPECT_FALSE(fs::exists(dir / "absent.db"));
}

TEST(SubmissionStore, AMissingDirectoryIsRefused) {
    TempDir dir;
    for (auto access : {SubmissionStore::Access::read_write, SubmissionStore::Access::read_only}) {
        const std::string message = store_error_of(dir / "no-such-dir" / "store.db", access);
        EXPECT_NE(message.find("does not exist"), std::string::npos) << message;
    }
    EXPECT_FALSE(fs::exists(dir / "no-such-dir"));
}

// A file is refused, with a message containing `mention`, by every way of
// opening it, and left exactly as it was, with no journal files beside it.
void expect_refused_untouched(const TempDir& dir, const fs::path& file, const std::string& mention) {
    const std::string before = read_bytes(file);
    const auto listing = [&] {
        std::set<std::string> names;
        for (const auto& entry : fs::directory_iterator(dir.path())) names.insert(entry.path().filename().string());
        return names;
    };
    const std::set<std::string> files_before = listing();
    for (auto access : {SubmissionStore::Access::read_write, SubmissionStore::Access::read_only}) {
        const std::string message = store_error_of(file, access);
        EXPECT_NE(message.find(mention), std::string::npos) << message;
        EXPECT_NE(message.find(file.string()), std::string::npos) << message;
    }
    EXPECT_EQ(read_bytes(file), before) << "the file was modified";
    EXPECT_EQ(listing(), files_before);
}

TEST(SubmissionStore, RefusesAnotherApplicationsSqliteDatabaseUntouched) {
    TempDir dir;
    {
        RawDatabase other(dir / "other.db");
        other.exec("CREATE TABLE patients (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO patients VALUES (1, 'x')");
    }
    expect_refused_untouched(dir, dir / "other.db", "not an lmacheck store");
}

TEST(SubmissionStore, RefusesADatabaseWithAnotherApplicationIdUntouched) {
    TempDir dir;
    {
        RawDatabase other(dir / "other.db");
        other.exec("PRAGMA application_id = 1234");
    }
    expect_refused_untouched(dir, dir / "other.db", "not an lmacheck store");
}

TEST(SubmissionStore, RefusesAFileThatIsNotSqliteUntouched) {
    TempDir dir;
    write_bytes(dir / "notes.db",
                "These are not the droids you are looking for.\n"
                "Definitely not an SQLite database, but long enough to "
                "have a header of a hundred bytes or so, really.\n");
    expect_refused_untouched(dir, dir / "notes.db", "not an lmacheck store");
}

TEST(SubmissionStore, RefusesANewerSchemaVersionUntouched) {
    TempDir dir;
    accept(*open_rw(dir / "store.db"), sample("valid/institution-2019.json"), "a.json");
    {
        RawDatabase raw(dir / "store.db");
        raw.exec("PRAGMA user_version = " + std::to_string(store_schema::current_version() + 1));
        raw.exec("PRAGMA journal_mode = DELETE");  // fold the WAL into the file, remove -wal and -shm
    }
    expect_refused_untouched(dir, dir / "store.db", "newer");
}

// fuzz_store: a negative user_version indexed the migrations out of bounds.
TEST(SubmissionStore, RefusesANegativeSchemaVersionUntouched) {
    TempDir dir;
    accept(*open_rw(dir / "store.db"), sample("valid/institution-2019.json"), "a.json");
    {
        RawDatabase raw(dir / "store.db");
        raw.exec("PRAGMA user_version = -1");
        raw.exec("PRAGMA journal_mode = DELETE");
    }
    expect_refused_untouched(dir, dir / "store.db", "schema version -1, which no lmacheck writes");
}

// submitted_at decides which version is current: compared as moments.
TEST(SubmissionTime, NormalizesToUtcSoThatTextOrderIsTimeOrder) {
    EXPECT_EQ(normalized_utc("2020-03-27T14:12:05+01:00"), "2020-03-27T13:12:05.000000000Z");
    EXPECT_EQ(normalized_utc("2020-03-27T13:12:05Z"), "2020-03-27T13:12:05.000000000Z");
    EXPECT_EQ(normalized_utc("2020-03-27t13:12:05.5z"), "2020-03-27T13:12:05.500000000Z");
    EXPECT_EQ(normalized_utc("2020-01-01T00:30:00+01:00"), "2019-12-31T23:30:00.000000000Z");  // across a year
    EXPECT_EQ(normalized_utc("2020-02-28T23:00:00-02:00"), "2020-02-29T01:00:00.000000000Z");  // leap day
    EXPECT_EQ(normalized_utc("2016-12-31T23:59:60Z"), "2016-12-31T23:59:60.000000000Z");       // leap second
    // Later as text, earlier as a moment.
    EXPECT_LT(*normalized_utc("2019-03-25T10:30:00+02:00"), *normalized_utc("2019-03-25T10:00:00+01:00"));
    for (const char* bad : {"", "2020-03-27", "2020-03-27T13:12:05", "2020-13-01T00:00:00Z", "2020-03-27T25:00:00Z",
                            "2020-03-27T13:12:05+0100", "2020-03-27T13:12:05.Z", "2020-03-27T13:12:05Zx"}) {
        EXPECT_EQ(normalized_utc(bad), std::nullopt) << bad;
    }
    EXPECT_EQ(submitted_at_of_bytes("\xEF\xBB\xBF{\"submitted_at\": \"2020-03-27T14:12:05+01:00\"}"),
              "2020-03-27T13:12:05.000000000Z");
    EXPECT_EQ(submitted_at_of_bytes("not json"), std::nullopt);
}

// The chain hash covers every field: a change to any of them changes it.
TEST(VersionChain, EveryFieldChangesTheHash) {
    const std::string sha256(64, 'a');  // ChainLink holds views: the strings must outlive it
    const ChainLink link{"institution", "06290417", 2019, 2, "a.json", sha256, "lma-v1", "{}",
                         "2020-04-01T00:00:00.000Z", std::string_view("2020-03-27T13:12:05.000000000Z")};
    const std::string base = chain_hash("prev", link);
    EXPECT_EQ(base.size(), 64u);
    EXPECT_EQ(chain_hash("prev", link), base);
    EXPECT_NE(chain_hash("other", link), base);
    const auto changed = [&](auto change) {
        ChainLink other = link;
        change(other);
        return chain_hash("prev", other);
    };
    EXPECT_NE(changed([](ChainLink& l) { l.kind = "municipality"; }), base);
    EXPECT_NE(changed([](ChainLink& l) { l.submitter_id = "06290418"; }), base);
    EXPECT_NE(changed([](ChainLink& l) { l.reporting_year = 2020; }), base);
    EXPECT_NE(changed([](ChainLink& l) { l.version = 3; }), base);
    EXPECT_NE(changed([](ChainLink& l) { l.file = "b.json"; }), base);
    EXPECT_NE(changed([](ChainLink& l) { l.ruleset = "other"; }), base);
    EXPECT_NE(changed([](ChainLink& l) { l.report = "{ }"; }), base);
    EXPECT_NE(changed([](ChainLink& l) { l.accepted_at = "2020-04-01T00:00:00.001Z"; }), base);
    EXPECT_NE(changed([](ChainLink& l) { l.submitted_at = std::nullopt; }), base);
    // Field boundaries are unambiguous: moving a byte from one field to the next changes it.
    EXPECT_NE(changed([](ChainLink& l) {
                  l.kind = "institution0";
                  l.submitter_id = "6290417";
              }),
              base);
}

}  // namespace
}  // namespace lmacheck
