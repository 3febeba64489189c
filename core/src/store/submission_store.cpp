#include "store/submission_store.hpp"

#include "document/document.hpp"
#include "report/utc_time.hpp"
#include "store/sqlite_handle.hpp"
#include "store/store_schema.hpp"

#include <spdlog/spdlog.h>

#include <chrono>

namespace lmacheck {
namespace {

namespace fs = std::filesystem;

// How long a writer waits for another process's transaction to finish. Each
// transaction holds one submission, so waits are short; a minute leaves ample
// room for a slow disk without letting a stuck process block others forever.
constexpr int busy_timeout_ms = 60'000;

// The columns of AcceptedSubmission, in the order read_submission() expects.
constexpr const char* submission_columns =
    "kind, submitter_id, reporting_year, version, file, sha256, ruleset, accepted_at, superseded_at";
constexpr int submission_column_count = 9;

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
    return s;
}

// Stored bytes are parsed by the same loader that validated them, so rules
// see the same numbers (12.0 as an integer) in both years.
nlohmann::json parse_stored(std::string_view bytes, const AcceptedSubmission& s, const fs::path& file) {
    Document document = parse_document(std::string(bytes), s.file, LoadLimits{});
    if (!document.json || !document.findings.empty()) {
        throw StoreError("the store " + file.string() + " holds an unreadable document for " + s.submitter_id + " " +
                         std::to_string(s.reporting_year) + " version " + std::to_string(s.version));
    }
    return std::move(*document.json);
}

// The current version of a candidate's submitter and year. Versions only
// grow and a new one is always made current, so the current version is the
// highest one.
struct CurrentRow {
    std::int64_t id = 0;
    std::string sha256;
    int version = 0;
};

std::optional<CurrentRow> current_row(sqlite::Connection& connection, const AcceptCandidate& c) {
    sqlite::Statement query(connection,
                            "SELECT id, sha256, version FROM submission_version WHERE kind = ?1"
                            " AND submitter_id = ?2 AND reporting_year = ?3 AND superseded_at IS NULL");
    query.bind(1, to_string(c.kind)).bind(2, c.submitter_id).bind(3, c.reporting_year);
    if (!query.step()) return std::nullopt;
    return CurrentRow{query.integer(0), query.text(1), query.int32(2)};
}

// Switches to the WAL journal (persistent in the file); returns the mode now
// in force. The switch needs an exclusive lock, and SQLite answers it with
// SQLITE_BUSY at once, without the busy handler, while another process holds
// any lock (two `accept` runs creating one store do). So it waits here, as
// long as the busy timeout allows.
std::string journal_mode_wal(sqlite::Connection& connection) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(busy_timeout_ms);
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
                                 std::to_string(busy_timeout_ms / 1000) + " s; is an `lmacheck accept` stuck?");
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
    const int flags = access == Access::read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    auto connection = std::make_unique<sqlite::Connection>(file, flags);
    sqlite3_busy_timeout(connection->get(), busy_timeout_ms);

    // Recognise the file before writing anything to it: a foreign or newer
    // file must be left byte for byte as it was.
    const store_schema::Recognition recognition = store_schema::recognise(*connection);
    if (access == Access::read_only) {
        if (recognition == store_schema::Recognition::empty) {
            return std::shared_ptr<SubmissionStore>(new SubmissionStore(file, nullptr));
        }
        if (connection->pragma_integer("user_version") < store_schema::current_version()) {
            throw StoreError("the store " + file.string() +
                             " has an older schema version; `lmacheck accept` upgrades it (this command only reads)");
        }
    } else {
        // WAL: readers never block the writer, and a crash leaves either the
        // whole transaction or none of it. FULL: a committed acceptance
        // survives a power failure too.
        if (journal_mode_wal(*connection) != "wal") {
            throw StoreError("the store " + file.string() + " cannot use WAL mode");
        }
        connection->exec("PRAGMA synchronous = FULL");
        store_schema::migrate(*connection);
    }
    return std::shared_ptr<SubmissionStore>(new SubmissionStore(file, std::move(connection)));
}

std::optional<AcceptedSubmission> SubmissionStore::current(Kind kind, std::string_view submitter_id, int year) const {
    if (!connection_) return std::nullopt;
    const std::lock_guard lock(mutex_);
    sqlite::Statement query(*connection_, std::string("SELECT ") + submission_columns +
                                              " FROM submission_version WHERE kind = ?1 AND submitter_id = ?2"
                                              " AND reporting_year = ?3 AND superseded_at IS NULL");
    query.bind(1, to_string(kind)).bind(2, submitter_id).bind(3, year);
    if (!query.step()) return std::nullopt;
    return read_submission(query);
}

std::optional<AcceptedDocument> SubmissionStore::previous(Kind kind, std::string_view submitter_id, int year) const {
    if (!connection_) return std::nullopt;
    const std::lock_guard lock(mutex_);
    sqlite::Statement query(*connection_, std::string("SELECT ") + submission_columns +
                                              ", bytes FROM submission_version WHERE kind = ?1 AND submitter_id = ?2"
                                              " AND reporting_year < ?3 AND superseded_at IS NULL"
                                              " ORDER BY reporting_year DESC LIMIT 1");
    query.bind(1, to_string(kind)).bind(2, submitter_id).bind(3, year);
    if (!query.step()) return std::nullopt;
    AcceptedDocument found{read_submission(query), {}};
    found.document = parse_stored(query.blob(submission_column_count), found.submission, file_);
    return found;
}

std::vector<AcceptedDocument> SubmissionStore::current_of_year(Kind kind, int year) const {
    std::vector<AcceptedDocument> found;
    if (!connection_) return found;
    const std::lock_guard lock(mutex_);
    sqlite::Statement query(*connection_, std::string("SELECT ") + submission_columns +
                                              ", bytes FROM submission_version WHERE kind = ?1"
                                              " AND reporting_year = ?2 AND superseded_at IS NULL"
                                              " ORDER BY submitter_id");
    query.bind(1, to_string(kind)).bind(2, year);
    while (query.step()) {
        AcceptedDocument document{read_submission(query), {}};
        document.document = parse_stored(query.blob(submission_column_count), document.submission, file_);
        found.push_back(std::move(document));
    }
    return found;
}

AcceptResult SubmissionStore::accept(const AcceptCandidate& c) {
    if (!connection_) throw StoreError("the store " + file_.string() + " was opened read-only");
    if (sha256_hex(c.bytes) != c.sha256) {
        throw StoreError("refusing to store " + c.file + ": its bytes changed after they were validated");
    }
    const std::lock_guard lock(mutex_);
    sqlite::Transaction transaction(*connection_);
    const std::optional<CurrentRow> current = current_row(*connection_, c);
    if (current && current->sha256 == c.sha256) {
        return AcceptResult{AcceptOutcome::unchanged, current->version};  // rolls back an empty transaction
    }
    const std::string now = utc_now_rfc3339();
    const int version = current ? current->version + 1 : 1;
    if (current) {
        sqlite::Statement supersede(*connection_, "UPDATE submission_version SET superseded_at = ?1 WHERE id = ?2");
        supersede.bind(1, now).bind(2, current->id).run();
    }
    sqlite::Statement insert(*connection_,
                             "INSERT INTO submission_version (kind, submitter_id, reporting_year, version, file,"
                             " sha256, bytes, ruleset, report, accepted_at, submitted_by, submitted_role, remote_addr)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
    insert.bind(1, to_string(c.kind))
        .bind(2, c.submitter_id)
        .bind(3, c.reporting_year)
        .bind(4, version)
        .bind(5, c.file)
        .bind(6, c.sha256)
        .bind_blob(7, c.bytes)
        .bind(8, c.ruleset)
        .bind(9, c.report)
        .bind(10, now)
        .bind_optional(11, c.provenance.submitted_by)
        .bind_optional(12, c.provenance.role)
        .bind_optional(13, c.provenance.remote_addr)
        .run();
    transaction.commit();
    return AcceptResult{current ? AcceptOutcome::replaced : AcceptOutcome::added, version};
}

std::vector<AcceptedSubmission> SubmissionStore::versions(const std::optional<std::string>& submitter_id,
                                                          const std::optional<int>& year) const {
    std::vector<AcceptedSubmission> found;
    if (!connection_) return found;
    const std::lock_guard lock(mutex_);
    sqlite::Statement query(*connection_, std::string("SELECT ") + submission_columns +
                                              " FROM submission_version WHERE (?1 IS NULL OR submitter_id = ?1)"
                                              " AND (?2 IS NULL OR reporting_year = ?2)"
                                              " ORDER BY reporting_year, kind, submitter_id, version");
    query.bind_optional(1, submitter_id);
    if (year) {
        query.bind(2, *year);
    } else {
        query.bind_null(2);
    }
    while (query.step()) found.push_back(read_submission(query));
    return found;
}

void SubmissionStore::for_each_current(int year, const std::function<void(const StoredContent&)>& visit) const {
    if (!connection_) return;
    const std::lock_guard lock(mutex_);
    sqlite::Statement query(*connection_, std::string("SELECT ") + submission_columns +
                                              ", bytes, report FROM submission_version WHERE reporting_year = ?1"
                                              " AND superseded_at IS NULL ORDER BY kind, submitter_id");
    query.bind(1, year);
    while (query.step()) {
        visit(StoredContent{read_submission(query), query.blob(submission_column_count),
                            query.blob(submission_column_count + 1)});
    }
}

}  // namespace lmacheck
