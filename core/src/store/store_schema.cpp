#include "store/store_schema.hpp"

#include "store/submission_time.hpp"
#include "store/version_chain.hpp"

#include <array>
#include <string>
#include <vector>

namespace lmacheck::store_schema {
namespace {

// Version 2 records, for each row, the document's submitted_at (UTC,
// normalized) and its chain hash; rows stored by version 1 get both here,
// chained in the order of their versions.
void fill_submitted_at_and_chain(sqlite::Connection& connection) {
    struct Filled {
        std::int64_t id;
        std::optional<std::string> submitted_at;
        std::string chain;
    };
    std::vector<Filled> filled;
    sqlite::Statement rows(connection,
                           "SELECT id, kind, submitter_id, reporting_year, version, file, sha256, ruleset, report,"
                           " accepted_at, bytes FROM submission_version"
                           " ORDER BY kind, submitter_id, reporting_year, version");
    std::string previous_key, previous_chain;
    while (rows.step()) {
        const std::string kind = rows.text(1), submitter = rows.text(2);
        const int year = rows.int32(3);
        const std::string key = kind + '\n' + submitter + '\n' + std::to_string(year);
        if (key != previous_key) previous_chain.clear();
        previous_key = key;
        Filled row{rows.integer(0), submitted_at_of_bytes(rows.blob(10)), {}};
        const std::string file = rows.text(5), sha256 = rows.text(6), ruleset = rows.text(7), report = rows.text(8),
                          accepted_at = rows.text(9);
        row.chain = chain_hash(previous_chain, ChainLink{kind, submitter, year, rows.int32(4), file, sha256, ruleset,
                                                         report, accepted_at, row.submitted_at});
        previous_chain = row.chain;
        filled.push_back(std::move(row));
    }
    sqlite::Statement update(connection, "UPDATE submission_version SET submitted_at = ?1, chain = ?2 WHERE id = ?3");
    for (const Filled& row : filled) {
        update.bind_optional(1, row.submitted_at).bind(2, row.chain).bind(3, row.id).run();
        update.reset();
    }
}

// Migration N takes a store from schema version N to N + 1: its SQL, then
// (when set) a step that fills what SQL alone cannot compute. Never edit a
// shipped migration: add the next one.
struct Migration {
    const char* sql;
    void (*fill)(sqlite::Connection&);
};

const std::array<Migration, 3> migrations = {{
    // 0 -> 1: one row per accepted version of a submission. The current
    // version of a submitter's year is the row without superseded_at; earlier
    // versions stay as the audit trail. The partial unique index makes two
    // current versions of one submitter and year impossible.
    {R"sql(
CREATE TABLE submission_version (
  id             INTEGER PRIMARY KEY,
  kind           TEXT    NOT NULL CHECK (kind IN ('institution', 'municipality')),
  submitter_id   TEXT    NOT NULL,
  reporting_year INTEGER NOT NULL,
  version        INTEGER NOT NULL CHECK (version >= 1),
  file           TEXT    NOT NULL,
  sha256         TEXT    NOT NULL CHECK (length(sha256) = 64),
  bytes          BLOB    NOT NULL,
  ruleset        TEXT    NOT NULL,
  report         TEXT    NOT NULL,
  accepted_at    TEXT    NOT NULL,
  superseded_at  TEXT,
  UNIQUE (kind, submitter_id, reporting_year, version)
);
CREATE UNIQUE INDEX submission_current
  ON submission_version (kind, submitter_id, reporting_year) WHERE superseded_at IS NULL;
CREATE INDEX submission_current_by_year
  ON submission_version (reporting_year, kind, submitter_id) WHERE superseded_at IS NULL;
)sql", nullptr},
    // 1 -> 2: the document's submitted_at decides which version is current
    // (the latest; an older file accepted later joins the audit trail only,
    // with superseded_at set when it is stored), and each row carries the
    // chain hash of store/version_chain.hpp, which makes the trail tamper-evident.
    {R"sql(
ALTER TABLE submission_version ADD COLUMN submitted_at TEXT;
ALTER TABLE submission_version ADD COLUMN chain TEXT CHECK (chain IS NULL OR length(chain) = 64);
)sql", fill_submitted_at_and_chain},
    // ---- upload service (docs/service.md) ----------------------------------
    // 2 -> 3: who handed each version in, and every upload attempt of the
    // service. submitted_by, submitted_role and remote_addr are the token's
    // name, its role and the client's address (taken from the connection);
    // NULL for versions accepted with the command line. upload_attempt keeps
    // one row per submission the service judged for acceptance, stored or
    // rejected, so that the year overview can say "rejected last attempt".
    {R"sql(
ALTER TABLE submission_version ADD COLUMN submitted_by TEXT;
ALTER TABLE submission_version ADD COLUMN submitted_role TEXT;
ALTER TABLE submission_version ADD COLUMN remote_addr TEXT;
CREATE TABLE upload_attempt (
  id             INTEGER PRIMARY KEY,
  kind           TEXT    NOT NULL CHECK (kind IN ('institution', 'municipality')),
  submitter_id   TEXT    NOT NULL,
  reporting_year INTEGER NOT NULL,
  file           TEXT    NOT NULL,
  sha256         TEXT    NOT NULL,
  outcome        TEXT    NOT NULL CHECK (outcome IN ('accepted', 'rejected')),
  errors         INTEGER NOT NULL,
  warnings       INTEGER NOT NULL,
  submitted_by   TEXT    NOT NULL,
  submitted_role TEXT    NOT NULL,
  remote_addr    TEXT    NOT NULL,
  attempted_at   TEXT    NOT NULL
);
CREATE INDEX upload_attempt_by_year ON upload_attempt (reporting_year, submitter_id, id);
)sql", nullptr},
    // ---- end of the upload service's migration -----------------------------
}};

// The three facts recognise() needs, read by one statement and so from one
// snapshot: read one by one, another process creating the store in between
// makes a new store look like a foreign database (tables, no application id).
struct Header {
    std::int64_t application_id = 0;
    std::int64_t user_version = 0;
    bool has_tables = false;
};

Header read_header(sqlite::Connection& connection) {
    sqlite::Statement statement(connection,
                                "SELECT (SELECT application_id FROM pragma_application_id),"
                                " (SELECT user_version FROM pragma_user_version),"
                                " (SELECT count(*) FROM sqlite_master)");
    if (!statement.step()) connection.fail("reading the store's header");
    return Header{statement.integer(0), statement.integer(1), statement.integer(2) > 0};
}

}  // namespace

std::int64_t current_version() { return static_cast<std::int64_t>(migrations.size()); }

Recognition recognise(sqlite::Connection& connection) {
    const std::string file = connection.file().string();
    Header header;
    try {
        header = read_header(connection);
    } catch (const StoreError& e) {
        throw StoreError(file + " is not an lmacheck store (not an SQLite database it can read): " + e.what());
    }
    const std::int64_t id = header.application_id, version = header.user_version;
    if (id == 0 && version == 0 && !header.has_tables) return Recognition::empty;
    if (id != application_id) {
        throw StoreError(file + " is not an lmacheck store (an SQLite database of another application, "
                                "application_id " + std::to_string(id) + "); it was left unchanged");
    }
    // SQLite's user_version is any signed 32-bit number; lmacheck writes
    // 0 to current_version() only. A negative one would index the
    // migrations below their start (fuzz_store found it).
    if (version < 0) {
        throw StoreError("the store " + file + " has schema version " + std::to_string(version) +
                         ", which no lmacheck writes; it was left unchanged");
    }
    if (version > current_version()) {
        throw StoreError("the store " + file + " has schema version " + std::to_string(version) +
                         ", newer than this lmacheck knows (" + std::to_string(current_version()) +
                         "); use a newer lmacheck. It was left unchanged");
    }
    return Recognition::ours;
}

void migrate(sqlite::Connection& connection) {
    sqlite::Transaction transaction(connection);
    // Read again under the write lock: another process may have created or
    // migrated the store since recognise() looked.
    recognise(connection);
    std::int64_t version = connection.pragma_integer("user_version");
    if (version == current_version()) return;  // rolls back an empty transaction
    connection.exec("PRAGMA application_id = " + std::to_string(application_id));
    for (; version < current_version(); ++version) {
        const Migration& step = migrations[static_cast<std::size_t>(version)];
        connection.exec(step.sql);
        if (step.fill != nullptr) step.fill(connection);
    }
    connection.exec("PRAGMA user_version = " + std::to_string(current_version()));
    transaction.commit();
}

}  // namespace lmacheck::store_schema
