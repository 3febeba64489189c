// The store of accepted submissions: one SQLite file (docs/store.md).
//
// Opening checks that the file is an lmacheck store of a schema version this
// program knows, before anything is written; `accept` opens it read-write
// (creating and migrating it as needed, WAL journal, busy timeout), the other
// commands read-only. Each accepted submission is stored in its own BEGIN
// IMMEDIATE transaction: its original bytes, SHA-256, kind, submitter,
// reporting year, rule set, JSON report, the time of acceptance, the
// document's submitted_at and the chain hash that links it to the version
// before it (store/version_chain.hpp). The version submitted last (by the
// document's submitted_at; ties: the later acceptance) is the current one;
// the others stay as the audit trail, marked superseded. Every read of stored
// bytes checks them against their SHA-256 (StoreError when they differ).
#pragma once

#include "store/accepted_submissions.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lmacheck {

namespace sqlite {
class Connection;
}

// Who handed a submission in, when the upload service did (docs/service.md):
// the token's name and role and the client's address. Empty for the
// command line.
struct Provenance {
    std::optional<std::string> submitted_by;
    std::optional<std::string> role;
    std::optional<std::string> remote_addr;
};

// A submission to store: what `accept` knows once it has been judged.
struct AcceptCandidate {
    Kind kind = Kind::institution;
    std::string submitter_id;
    int reporting_year = 0;
    std::string file;
    std::string sha256;
    std::string_view bytes;  // the original bytes; their SHA-256 must equal sha256
    std::string ruleset;
    std::string report;      // the JSON report of this submission
    Provenance provenance{};
};

enum class AcceptOutcome {
    added,      // the first version for this submitter and year
    replaced,   // a new current version; the one before it is kept, superseded
    unchanged,  // the store already has these exact bytes (current, or an older version): nothing written
    older,      // stored in the audit trail, not current: the current version was submitted later
};

struct AcceptResult {
    AcceptOutcome outcome = AcceptOutcome::added;
    int version = 1;       // the version these bytes are stored as
    bool current = true;   // whether that version is the current one
};

// What `lmacheck verify` found (docs/store.md, "Verifying a store").
struct StoreVerification {
    std::size_t versions = 0;     // rows read
    std::size_t submissions = 0;  // distinct submitter and year
    std::vector<std::string> problems;
    std::vector<std::string> notes;  // worth knowing, not a problem (an older schema without chain hashes)
};

// A current version with its stored bytes and report, for export.
struct StoredContent {
    AcceptedSubmission submission;
    std::string_view bytes;   // valid during the callback only
    std::string_view report;  // likewise
};

class SubmissionStore final : public AcceptedSubmissions {
public:
    enum class Access { read_only, read_write };

    // Throws StoreError (exit 2) when the directory does not exist, the file
    // is not an lmacheck store, or its schema is newer than this program's.
    // read_write creates a missing file and migrates an older schema.
    // read_write runs SQLite's quick_check before writing anything.
    // read_only never writes: a missing file reads as an empty store, an
    // older schema is read as it is, and a store in a directory this user
    // cannot write (read-only media) is opened immutable.
    static std::shared_ptr<SubmissionStore> open(const std::filesystem::path& file, Access access);

    ~SubmissionStore() override;

    std::optional<AcceptedSubmission> current(Kind kind, std::string_view submitter_id, int year) const override;
    std::optional<AcceptedDocument> previous(Kind kind, std::string_view submitter_id, int year) const override;
    std::vector<AcceptedDocument> current_of_year(Kind kind, int year) const override;

    // Stores one submission in one transaction. Checks the SHA-256 of the
    // bytes first: what is stored is exactly what was judged.
    AcceptResult accept(const AcceptCandidate& candidate);

    // Every stored version, optionally of one submitter and/or year, ordered
    // by year, kind, submitter and version.
    std::vector<AcceptedSubmission> versions(const std::optional<std::string>& submitter_id,
                                             const std::optional<int>& year) const;

    // Calls `visit` for each current version of `year`, by kind and submitter.
    void for_each_current(int year, const std::function<void(const StoredContent&)>& visit) const;

    // Checks the whole store: SQLite's integrity_check, every version's
    // bytes against its SHA-256, versions 1..n without gaps and exactly one
    // current version per submitter and year, and the chain hashes. Problems
    // it finds are returned, not thrown.
    StoreVerification verify() const;

    const std::filesystem::path& file() const { return file_; }
    bool exists() const { return connection_ != nullptr; }

private:
    SubmissionStore(std::filesystem::path file, std::unique_ptr<sqlite::Connection> connection);

    // The columns read_submission() reads, for this store's schema version.
    std::string columns() const;

    std::filesystem::path file_;
    std::int64_t schema_version_ = 0;
    std::unique_ptr<sqlite::Connection> connection_;  // null: a missing file opened read-only
    mutable std::mutex mutex_;                        // one connection, many validating threads
};

}  // namespace lmacheck
