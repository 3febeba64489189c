// What the upload service (docs/service.md) reads and writes in the store
// beside the accepted versions: every upload attempt, the current versions
// with their counts, one version's bytes, the audit trail with who handed
// each version in, and the submitters a year's overview expects.
//
// It has its own connection to the store file, opened after
// SubmissionStore::open(read_write) has created and migrated it; SQLite's
// WAL journal and busy timeout let both connections work side by side.
#pragma once

#include "store/submission_store.hpp"

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lmacheck {

// One submission the service judged for acceptance.
struct UploadAttempt {
    Kind kind = Kind::institution;
    std::string submitter_id;
    int reporting_year = 0;
    std::string file;
    std::string sha256;
    bool accepted = false;
    int errors = 0;
    int warnings = 0;
    Provenance provenance;
    std::string attempted_at;  // UTC, RFC 3339 (filled in when recorded)
};

// A current version with the counts of its stored report.
struct CurrentVersion {
    AcceptedSubmission submission;
    int errors = 0;
    int warnings = 0;
    int explained = 0;
    int info = 0;
};

// A stored version with who handed it in.
struct AuditedVersion {
    AcceptedSubmission submission;
    Provenance provenance;
};

class UploadLedger {
public:
    // Throws StoreError when the file cannot be opened or is not a store of
    // the current schema version.
    explicit UploadLedger(const std::filesystem::path& store_file);
    ~UploadLedger();
    UploadLedger(const UploadLedger&) = delete;
    UploadLedger& operator=(const UploadLedger&) = delete;

    void record(const UploadAttempt& attempt);

    // The newest attempt of each submitter of `year`.
    std::vector<UploadAttempt> last_attempts(int year) const;

    // Current versions, optionally of one submitter and/or year, by year and submitter.
    std::vector<CurrentVersion> current_versions(const std::optional<std::string>& submitter_id,
                                                 const std::optional<int>& year) const;

    // The current version's original bytes.
    std::optional<std::string> current_bytes(std::string_view submitter_id, int year) const;

    // Every version of one submitter and year, oldest first.
    std::vector<AuditedVersion> audit_trail(std::string_view submitter_id, int year) const;

    // Submitters of `kind` with an accepted version of a year before `year`.
    std::vector<std::string> submitters_before(Kind kind, int year) const;

private:
    std::unique_ptr<sqlite::Connection> connection_;
    mutable std::mutex mutex_;
};

}  // namespace lmacheck
