#include "store/upload_ledger.hpp"

#include "document/document.hpp"
#include "model/utc_time.hpp"
#include "store/store_error.hpp"
#include "store/sqlite_handle.hpp"
#include "store/store_schema.hpp"

#include <nlohmann/json.hpp>

namespace lmacheck {
namespace {

constexpr const char* version_columns =
    "kind, submitter_id, reporting_year, version, file, sha256, ruleset, accepted_at, superseded_at";

AcceptedSubmission read_version(const sqlite::Statement& row) {
    AcceptedSubmission s;
    s.kind = parse_kind(row.text(0)).value_or(Kind::institution);
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

// The counts of a stored JSON report (report_version 1.0, holding the one
// submission: submissions[0].counts). A report without them reads as zeros.
CurrentVersion with_counts(AcceptedSubmission submission, std::string_view report) {
    CurrentVersion current{std::move(submission)};
    const nlohmann::json parsed = nlohmann::json::parse(report, nullptr, false);
    const nlohmann::json::json_pointer pointer("/submissions/0/counts");
    if (!parsed.is_object() || !parsed.contains(pointer) || !parsed[pointer].is_object()) return current;
    const nlohmann::json& counts = parsed[pointer];
    const auto count = [&](const char* key) {
        return counts.contains(key) && counts[key].is_number_integer() ? counts[key].get<int>() : 0;
    };
    current.errors = count("error");
    current.warnings = count("warning");
    current.explained = count("explained");
    current.info = count("info");
    return current;
}

}  // namespace

UploadLedger::UploadLedger(const std::filesystem::path& store_file)
    : connection_(std::make_unique<sqlite::Connection>(store_file, SQLITE_OPEN_READWRITE)) {
    sqlite3_busy_timeout(connection_->get(), sqlite::busy_timeout_ms);
    store_schema::recognise(*connection_);
    if (connection_->pragma_integer("user_version") != store_schema::current_version()) {
        throw StoreError("the store " + store_file.string() + " is not at schema version " +
                         std::to_string(store_schema::current_version()));
    }
}

UploadLedger::~UploadLedger() = default;

void UploadLedger::record(const UploadAttempt& a) {
    const std::lock_guard lock(mutex_);
    sqlite::Statement insert(*connection_,
                             "INSERT INTO upload_attempt (kind, submitter_id, reporting_year, file, sha256, outcome,"
                             " errors, warnings, submitted_by, submitted_role, remote_addr, attempted_at)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
    insert.bind(1, to_string(a.kind))
        .bind(2, a.submitter_id)
        .bind(3, a.reporting_year)
        .bind(4, a.file)
        .bind(5, a.sha256)
        .bind(6, a.accepted ? "accepted" : "rejected")
        .bind(7, a.errors)
        .bind(8, a.warnings)
        .bind(9, a.provenance.submitted_by.value_or(""))
        .bind(10, a.provenance.role.value_or(""))
        .bind(11, a.provenance.remote_addr.value_or(""))
        .bind(12, utc_now_rfc3339())
        .run();
}

std::vector<UploadAttempt> UploadLedger::last_attempts(int year) const {
    const std::lock_guard lock(mutex_);
    sqlite::Statement query(*connection_,
                            "SELECT kind, submitter_id, reporting_year, file, sha256, outcome, errors, warnings,"
                            " submitted_by, submitted_role, remote_addr, attempted_at FROM upload_attempt"
                            " WHERE id IN (SELECT max(id) FROM upload_attempt WHERE reporting_year = ?1"
                            " GROUP BY submitter_id) ORDER BY submitter_id");
    query.bind(1, year);
    std::vector<UploadAttempt> found;
    while (query.step()) {
        UploadAttempt a;
        a.kind = parse_kind(query.text(0)).value_or(Kind::institution);
        a.submitter_id = query.text(1);
        a.reporting_year = query.int32(2);
        a.file = query.text(3);
        a.sha256 = query.text(4);
        a.accepted = query.text(5) == "accepted";
        a.errors = query.int32(6);
        a.warnings = query.int32(7);
        a.provenance = Provenance{query.text(8), query.text(9), query.text(10)};
        a.attempted_at = query.text(11);
        found.push_back(std::move(a));
    }
    return found;
}

std::vector<CurrentVersion> UploadLedger::current_versions(const std::optional<std::string>& submitter_id,
                                                           const std::optional<int>& year) const {
    const std::lock_guard lock(mutex_);
    sqlite::Statement query(*connection_, std::string("SELECT ") + version_columns +
                                              ", report FROM submission_version WHERE superseded_at IS NULL"
                                              " AND (?1 IS NULL OR submitter_id = ?1)"
                                              " AND (?2 IS NULL OR reporting_year = ?2)"
                                              " ORDER BY reporting_year, submitter_id");
    query.bind_optional(1, submitter_id).bind_optional(2, year);
    std::vector<CurrentVersion> found;
    while (query.step()) found.push_back(with_counts(read_version(query), query.blob(9)));
    return found;
}

std::optional<std::string> UploadLedger::current_bytes(std::string_view submitter_id, int year) const {
    const std::lock_guard lock(mutex_);
    sqlite::Statement query(*connection_,
                            "SELECT bytes, sha256, version FROM submission_version WHERE submitter_id = ?1"
                            " AND reporting_year = ?2 AND superseded_at IS NULL");
    query.bind(1, submitter_id).bind(2, year);
    if (!query.step()) return std::nullopt;
    // Like every read of stored bytes: altered bytes are a store fault,
    // never handed out under the SHA-256 the listing shows.
    std::string bytes(query.blob(0));
    if (sha256_hex(bytes) != query.text(1)) {
        throw StoreError("the store holds altered or corrupted data: the bytes of " + std::string(submitter_id) + " " +
                         std::to_string(year) + " version " + query.text(2) +
                         " do not match their SHA-256 (run `lmacheck verify`)");
    }
    return bytes;
}

std::vector<AuditedVersion> UploadLedger::audit_trail(std::string_view submitter_id, int year) const {
    const std::lock_guard lock(mutex_);
    sqlite::Statement query(*connection_, std::string("SELECT ") + version_columns +
                                              ", submitted_by, submitted_role, remote_addr FROM submission_version"
                                              " WHERE submitter_id = ?1 AND reporting_year = ?2 ORDER BY version");
    query.bind(1, submitter_id).bind(2, year);
    std::vector<AuditedVersion> found;
    while (query.step()) {
        found.push_back(AuditedVersion{read_version(query),
                                       Provenance{query.optional_text(9), query.optional_text(10),
                                                  query.optional_text(11)}});
    }
    return found;
}

std::vector<std::string> UploadLedger::submitters_before(Kind kind, int year) const {
    const std::lock_guard lock(mutex_);
    sqlite::Statement query(*connection_,
                            "SELECT DISTINCT submitter_id FROM submission_version WHERE kind = ?1"
                            " AND reporting_year < ?2 ORDER BY submitter_id");
    query.bind(1, to_string(kind)).bind(2, year);
    std::vector<std::string> found;
    while (query.step()) found.push_back(query.text(0));
    return found;
}

}  // namespace lmacheck
