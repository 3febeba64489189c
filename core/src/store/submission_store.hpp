// The store of accepted submissions: one SQLite file (docs/store.md).
//
// Opening checks that the file is an lmacheck store of a schema version this
// program knows, before anything is written; `accept` opens it read-write
// (creating and migrating it as needed, WAL journal, busy timeout), the other
// commands read-only. Each accepted submission is stored in its own BEGIN
// IMMEDIATE transaction: its original bytes, SHA-256, kind, submitter,
// reporting year, rule set, JSON report and the time of acceptance. A
// resubmission for the same submitter and year becomes the current version;
// the earlier versions stay, marked superseded.
#pragma once

#include "store/accepted_submissions.hpp"

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
    unchanged,  // the current version already has these exact bytes: nothing written
};

struct AcceptResult {
    AcceptOutcome outcome = AcceptOutcome::added;
    int version = 1;  // the current version afterwards
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
    // read_only never writes: a missing file reads as an empty store, and an
    // older schema is refused with a hint to run `lmacheck accept`.
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

    const std::filesystem::path& file() const { return file_; }
    bool exists() const { return connection_ != nullptr; }

private:
    SubmissionStore(std::filesystem::path file, std::unique_ptr<sqlite::Connection> connection);

    std::filesystem::path file_;
    std::unique_ptr<sqlite::Connection> connection_;  // null: a missing file opened read-only
    mutable std::mutex mutex_;                        // one connection, many validating threads
};

}  // namespace lmacheck
