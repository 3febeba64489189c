#include "store/submission_store.hpp"

#include "document/document.hpp"
#include "model/utc_time.hpp"
#include "store/sqlite_handle.hpp"
#include "store/store_schema.hpp"
#include "store/submission_time.hpp"
#include "store/version_chain.hpp"
#include "workbook/submission_file.hpp"

#include <spdlog/spdlog.h>

#include <unistd.h>

#include <cctype>
#include <chrono>

namespace lmacheck {
namespace {

namespace fs = std::filesystem;

// The columns of AcceptedSubmission, in the order read_submission() expects;
// a store of schema version 1 has no submitted_at (it reads as null).
constexpr const char* submission_columns_v1 =
    "kind, submitter_id, reporting_year, version, file, sha256, ruleset, accepted_at, superseded_at, NULL";
constexpr const char* submission_columns_v2 =
    "kind, submitter_id, reporting_year, version, file, sha256, ruleset, accepted_at, superseded_at, submitted_at";
constexpr int submission_column_count = 10;

AcceptedSubmission read_submission(const sqlite::Statement& row) {
    AcceptedSubmission s;
    s.kind = parse_kind(row.text(0)).value_or(Kind::institution);  // the table's CHECK allows only the two
    s.submitter_id = row.text(1);
    s.reporting_year = row.int32(2);
    s.version = row.int32(3);
    s.file = row.text(4);
    s.sha256 = row.text(5);
    s.ruleset = row.text(6);
    s.accepted_at = row.text(7);
    s.superseded_at = row.optional_text(8);
    s.submitted_at = row.optional_text(9);
    return s;
}

std::string describe(const AcceptedSubmission& s) {
    return std::string(to_string(s.kind)) + " " + s.submitter_id + " " + std::to_string(s.reporting_year) +
           " version " + std::to_string(s.version);
}

// Every read of stored bytes checks them against their SHA-256: an altered
// or corrupted row must stop the run (exit 2), never feed a rule or an export.
std::string_view verified_bytes(std::string_view bytes, const AcceptedSubmission& s, const fs::path& file) {
    if (sha256_hex(bytes) != s.sha256) {
        throw StoreError("the store " + file.string() + " holds altered or corrupted data: the bytes of " +
                         describe(s) + " do not match their SHA-256 (run `lmacheck verify --store " + file.string() +
                         "`)");
    }
    return bytes;
}

// Stored bytes are parsed by the same loader that validated them, so rules
// see the same numbers (12.0 as an integer) in both years.
nlohmann::json parse_stored(std::string_view bytes, const AcceptedSubmission& s, const fs::path& file) {
    Document document = parse_submission(std::string(bytes), s.file, LoadLimits{});
    if (!document.json || !document.findings.empty()) {
        throw StoreError("the store " + file.string() + " holds an unreadable document for " + s.submitter_id + " " +
                         std::to_string(s.reporting_year) + " version " + std::to_string(s.version));
    }
    return std::move(*document.json);
}

// The current version of a candidate's submitter and year (not always the
// highest version: an older file accepted later is stored after it).
struct CurrentRow {
    std::int64_t id = 0;
    std::string sha256;
    int version = 0;
    std::optional<std::string> submitted_at;
};

std::optional<CurrentRow> current_row(sqlite::Connection& connection, const AcceptCandidate& c) {
    sqlite::Statement query(connection,
                            "SELECT id, sha256, version, submitted_at FROM submission_version WHERE kind = ?1"
                            " AND submitter_id = ?2 AND reporting_year = ?3 AND superseded_at IS NULL");
    query.bind(1, to_string(c.kind)).bind(2, c.submitter_id).bind(3, c.reporting_year);
    if (!query.step()) return std::nullopt;
    return CurrentRow{query.integer(0), query.text(1), query.int32(2), query.optional_text(3)};
}

// The highest version of the candidate's submitter and year and its chain
// hash: the next version links to it.
struct LatestRow {
    int version = 0;
    std::string chain;
};

LatestRow latest_row(sqlite::Connection& connection, const AcceptCandidate& c) {
    sqlite::Statement query(connection,
                            "SELECT version, chain FROM submission_version WHERE kind = ?1 AND submitter_id = ?2"
                            " AND reporting_year = ?3 ORDER BY version DESC LIMIT 1");
    query.bind(1, to_string(c.kind)).bind(2, c.submitter_id).bind(3, c.reporting_year);
    if (!query.step()) return {};
    return LatestRow{query.int32(0), query.optional_text(1).value_or("")};
}

// The version of this submitter and year that holds exactly these bytes, if any.
std::optional<int> version_with_hash(sqlite::Connection& connection, const AcceptCandidate& c) {
    sqlite::Statement query(connection,
                            "SELECT version FROM submission_version WHERE kind = ?1 AND submitter_id = ?2"
                            " AND reporting_year = ?3 AND sha256 = ?4 ORDER BY version DESC LIMIT 1");
    query.bind(1, to_string(c.kind)).bind(2, c.submitter_id).bind(3, c.reporting_year).bind(4, c.sha256);
    if (!query.step()) return std::nullopt;
    return query.int32(0);
}

// Switches to the WAL journal (persistent in the file); returns the mode now
// in force. The switch needs an exclusive lock, and SQLite answers it with
// SQLITE_BUSY at once, without the busy handler, while another process holds
// any lock (two `accept` runs creating one store do). So it waits here, as
// long as the busy timeout allows.
std::string journal_mode_wal(sqlite::Connection& connection) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(sqlite::busy_timeout_ms);
    sqlite::Statement statement(connection, "PRAGMA journal_mode = WAL");
    for (;;) {
        switch (statement.step_unless_busy()) {
        case sqlite::Statement::Step::row:
            return statement.text(0);
        case sqlite::Statement::Step::done:
            return {};
        case sqlite::Statement::Step::busy:
            if (std::chrono::steady_clock::now() >= deadline) {
                throw StoreError("the store " + connection.file().string() + " stayed locked by another process for " +
                                 std::to_string(sqlite::busy_timeout_ms / 1000) + " s; is an `lmacheck accept` stuck?");
            }
            sqlite3_sleep(5);
        }
    }
}

void require_directory(const fs::path& file) {
    const fs::path directory = file.parent_path().empty() ? fs::path(".") : file.parent_path();
    std::error_code ec;
    if (!fs::is_directory(directory, ec)) {
        throw StoreError("cannot open the store " + file.string() + ": the directory " + directory.string() +
                         " does not exist");
    }
    if (fs::is_directory(file, ec)) throw StoreError("cannot open the store " + file.string() + ": it is a directory");
    // SQLite would block on a FIFO, or read a device without end: only
    // regular files (the store and the files SQLite keeps next to it).
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        const fs::path part = file.string() + suffix;
        if (fs::exists(part, ec) && !fs::is_regular_file(part, ec)) {
            throw StoreError("cannot open the store " + file.string() + ": " + part.string() + " is not a regular file");
        }
    }
}

// SQLite's quick check, before anything is written: a damaged store must not
// receive more data (and its damage must not be blamed on a submission).
void require_quick_check(sqlite::Connection& connection) {
    sqlite::Statement check(connection, "PRAGMA quick_check(20)");
    std::string problems;
    while (check.step()) {
        const std::string line = check.text(0);
        if (line == "ok") continue;
        problems += (problems.empty() ? "" : "; ") + line;
    }
    if (!problems.empty()) {
        throw StoreError("the store " + connection.file().string() + " failed SQLite's quick_check (" + problems +
                         "); nothing was written to it. Restore a backup, or see `lmacheck verify --store " +
                         connection.file().string() + "`");
    }
}

// "file:" URI of a path for sqlite3_open_v2, every byte outside the
// unreserved set percent-encoded.
std::string file_uri(const fs::path& file, const char* query) {
    static const char* hex = "0123456789ABCDEF";
    std::string uri = "file:";
    for (const char c : fs::absolute(file).string()) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) != 0 || c == '/' || c == '-' || c == '.' || c == '_' || c == '~') {
            uri += c;
        } else {
            uri += '%';
            uri += hex[byte >> 4];
            uri += hex[byte & 0xF];
        }
    }
    return uri + "?" + query;
}

bool directory_writable(const fs::path& file) {
    const fs::path directory = file.parent_path().empty() ? fs::path(".") : file.parent_path();
    return ::access(directory.c_str(), W_OK) == 0;
}

// Opens a store for reading and recognises it. A store in WAL mode needs its
// -shm file, which SQLite creates beside it; in a directory this user cannot
// write (read-only media, a colleague's backup) that fails. Then the store is
// opened immutable: nothing else can be writing it there. A non-empty -wal
// would hold committed transactions immutable mode ignores, so that case is
// refused rather than read stale.
std::unique_ptr<sqlite::Connection> open_for_reading(const fs::path& file, store_schema::Recognition& recognition) {
    try {
        auto connection = std::make_unique<sqlite::Connection>(file, SQLITE_OPEN_READONLY);
        sqlite3_busy_timeout(connection->get(), sqlite::busy_timeout_ms);
        recognition = store_schema::recognise(*connection);
        return connection;
    } catch (const StoreError& e) {
        if (directory_writable(file)) throw;
        std::error_code ec;
        const fs::path wal = file.string() + "-wal";
        if (fs::exists(wal, ec) && fs::file_size(wal, ec) > 0) {
            throw StoreError("cannot read the store " + file.string() + " in a directory this user cannot write: " +
                             wal.string() + " holds transactions SQLite can read only with write access (" +
                             e.what() + "); copy the store with its -wal file to a writable directory");
        }
        spdlog::debug("{}; the directory is not writable, so the store is opened immutable", e.what());
        auto connection = std::make_unique<sqlite::Connection>(file, SQLITE_OPEN_READONLY, file_uri(file, "immutable=1"));
        recognition = store_schema::recognise(*connection);
        return connection;
    }
}

}  // namespace

SubmissionStore::SubmissionStore(fs::path file, std::unique_ptr<sqlite::Connection> connection)
    : file_(std::move(file)), connection_(std::move(connection)) {}

SubmissionStore::~SubmissionStore() = default;

std::shared_ptr<SubmissionStore> SubmissionStore::open(const fs::path& file, Access access) {
    require_directory(file);
    std::error_code ec;
    const bool exists = fs::exists(file, ec);
    if (access == Access::read_only && !exists) {
        spdlog::info("the store {} does not exist yet: it holds no accepted submission", file.string());
        return std::shared_ptr<SubmissionStore>(new SubmissionStore(file, nullptr));
    }
    if (access == Access::read_only) {
        store_schema::Recognition recognition{};
        auto connection = open_for_reading(file, recognition);
        if (recognition == store_schema::Recognition::empty) {
            return std::shared_ptr<SubmissionStore>(new SubmissionStore(file, nullptr));
        }
        // An older schema is read as it is: `accept` migrates it.
        auto store = std::shared_ptr<SubmissionStore>(new SubmissionStore(file, std::move(connection)));
        store->schema_version_ = store->connection_->pragma_integer("user_version");
        return store;
    }
    auto connection = std::make_unique<sqlite::Connection>(file, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    sqlite3_busy_timeout(connection->get(), sqlite::busy_timeout_ms);
    {
        // Recognise the file before writing anything to it: a foreign or newer
        // file must be left byte for byte as it was, and so must a damaged one.
        store_schema::recognise(*connection);
        require_quick_check(*connection);
        // WAL: readers never block the writer, and a crash leaves either the
        // whole transaction or none of it. FULL: a committed acceptance
        // survives a power failure too.
        if (journal_mode_wal(*connection) != "wal") {
            throw StoreError("the store " + file.string() + " cannot use WAL mode");
        }
        connection->exec("PRAGMA synchronous = FULL");
        store_schema::migrate(*connection);
    }
    auto store = std::shared_ptr<SubmissionStore>(new SubmissionStore(file, std::move(connection)));
    store->schema_version_ = store_schema::current_version();
    return store;
}

std::string SubmissionStore::columns() const {
    return schema_version_ >= 2 ? submission_columns_v2 : submission_columns_v1;
}

std::optional<AcceptedSubmission> SubmissionStore::current(Kind kind, std::string_view submitter_id, int year) const {
    if (!connection_) return std::nullopt;
    const std::lock_guard lock(mutex_);
    const auto lease = connection_->cached("SELECT " + columns() +
                                           " FROM submission_version WHERE kind = ?1 AND submitter_id = ?2"
                                           " AND reporting_year = ?3 AND superseded_at IS NULL");
    sqlite::Statement& query = *lease;
    query.bind(1, to_string(kind)).bind(2, submitter_id).bind(3, year);
    if (!query.step()) return std::nullopt;
    return read_submission(query);
}

std::optional<AcceptedDocument> SubmissionStore::previous(Kind kind, std::string_view submitter_id, int year) const {
    if (!connection_) return std::nullopt;
    const std::lock_guard lock(mutex_);
    const auto lease = connection_->cached("SELECT " + columns() +
                                           ", bytes FROM submission_version WHERE kind = ?1 AND submitter_id = ?2"
                                           " AND reporting_year < ?3 AND superseded_at IS NULL"
                                           " ORDER BY reporting_year DESC LIMIT 1");
    sqlite::Statement& query = *lease;
    query.bind(1, to_string(kind)).bind(2, submitter_id).bind(3, year);
    if (!query.step()) return std::nullopt;
    AcceptedDocument found{read_submission(query), {}};
    found.document = parse_stored(verified_bytes(query.blob(submission_column_count), found.submission, file_),
                                  found.submission, file_);
    return found;
}

std::vector<AcceptedDocument> SubmissionStore::current_of_year(Kind kind, int year) const {
    std::vector<AcceptedDocument> found;
    if (!connection_) return found;
    const std::lock_guard lock(mutex_);
    sqlite::Statement query(*connection_, "SELECT " + columns() +
                                              ", bytes FROM submission_version WHERE kind = ?1"
                                              " AND reporting_year = ?2 AND superseded_at IS NULL"
                                              " ORDER BY submitter_id");
    query.bind(1, to_string(kind)).bind(2, year);
    while (query.step()) {
        AcceptedDocument document{read_submission(query), {}};
        document.document = parse_stored(
            verified_bytes(query.blob(submission_column_count), document.submission, file_), document.submission, file_);
        found.push_back(std::move(document));
    }
    return found;
}

AcceptResult SubmissionStore::accept(const AcceptCandidate& c) {
    if (!connection_) throw StoreError("the store " + file_.string() + " was opened read-only");
    if (sha256_hex(c.bytes) != c.sha256) {
        throw StoreError("refusing to store " + c.file + ": its bytes changed after they were validated");
    }
    // Read from the bytes themselves: what decides the current version is
    // what the stored document says.
    const std::optional<std::string> submitted_at = submitted_at_of_bytes(c.bytes);
    const std::lock_guard lock(mutex_);
    // Decided under the write lock (BEGIN IMMEDIATE), so two processes
    // accepting versions of one submission at once cannot both win.
    sqlite::Transaction transaction(*connection_);
    const std::optional<CurrentRow> current = current_row(*connection_, c);
    if (current && current->sha256 == c.sha256) {
        return AcceptResult{AcceptOutcome::unchanged, current->version, true};  // rolls back an empty transaction
    }
    const bool older = current && submitted_before(submitted_at, current->submitted_at);
    if (older) {
        if (const std::optional<int> stored = version_with_hash(*connection_, c)) {
            return AcceptResult{AcceptOutcome::unchanged, *stored, false};  // already in the audit trail
        }
    }
    const std::string now = utc_now_rfc3339();
    const LatestRow latest = latest_row(*connection_, c);
    const int version = latest.version + 1;
    if (current && !older) {
        sqlite::Statement supersede(*connection_, "UPDATE submission_version SET superseded_at = ?1 WHERE id = ?2");
        supersede.bind(1, now).bind(2, current->id).run();
    }
    const std::string kind(to_string(c.kind));
    const std::string chain = chain_hash(latest.chain, ChainLink{kind, c.submitter_id, c.reporting_year, version, c.file,
                                                                 c.sha256, c.ruleset, c.report, now, submitted_at});
    sqlite::Statement insert(*connection_,
                             "INSERT INTO submission_version (kind, submitter_id, reporting_year, version, file, sha256,"
                             " bytes, ruleset, report, accepted_at, superseded_at, submitted_at, chain,"
                             " submitted_by, submitted_role, remote_addr)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)");
    insert.bind(1, kind)
        .bind(2, c.submitter_id)
        .bind(3, c.reporting_year)
        .bind(4, version)
        .bind(5, c.file)
        .bind(6, c.sha256)
        .bind_blob(7, c.bytes)
        .bind(8, c.ruleset)
        .bind(9, c.report)
        .bind(10, now)
        .bind_optional(11, older ? std::optional<std::string>(now) : std::nullopt)  // never current
        .bind_optional(12, submitted_at)
        .bind(13, chain)
        .bind_optional(14, c.provenance.submitted_by)
        .bind_optional(15, c.provenance.role)
        .bind_optional(16, c.provenance.remote_addr)
        .run();
    transaction.commit();
    if (older) return AcceptResult{AcceptOutcome::older, version, false};
    return AcceptResult{current ? AcceptOutcome::replaced : AcceptOutcome::added, version, true};
}

std::vector<AcceptedSubmission> SubmissionStore::versions(const std::optional<std::string>& submitter_id,
                                                          const std::optional<int>& year) const {
    std::vector<AcceptedSubmission> found;
    if (!connection_) return found;
    const std::lock_guard lock(mutex_);
    sqlite::Statement query(*connection_, "SELECT " + columns() +
                                              " FROM submission_version WHERE (?1 IS NULL OR submitter_id = ?1)"
                                              " AND (?2 IS NULL OR reporting_year = ?2)"
                                              " ORDER BY reporting_year, kind, submitter_id, version");
    query.bind_optional(1, submitter_id).bind_optional(2, year);
    while (query.step()) found.push_back(read_submission(query));
    return found;
}

void SubmissionStore::for_each_current(int year, const std::function<void(const StoredContent&)>& visit) const {
    if (!connection_) return;
    const std::lock_guard lock(mutex_);
    sqlite::Statement query(*connection_, "SELECT " + columns() +
                                              ", bytes, report FROM submission_version WHERE reporting_year = ?1"
                                              " AND superseded_at IS NULL ORDER BY kind, submitter_id");
    query.bind(1, year);
    while (query.step()) {
        AcceptedSubmission submission = read_submission(query);
        const std::string_view bytes = verified_bytes(query.blob(submission_column_count), submission, file_);
        visit(StoredContent{std::move(submission), bytes, query.blob(submission_column_count + 1)});
    }
}

}  // namespace lmacheck
