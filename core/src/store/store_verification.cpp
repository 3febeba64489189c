// SubmissionStore::verify(): `lmacheck verify --store DB` (docs/store.md,
// "Verifying a store"). Reads every row once, in the order of the chain.
#include "store/submission_store.hpp"

#include "document/document.hpp"
#include "store/sqlite_handle.hpp"
#include "store/version_chain.hpp"

namespace lmacheck {
namespace {

// SQLite's own check of the file: b-trees, free pages, indexes against rows.
void integrity_check(sqlite::Connection& connection, StoreVerification& result) {
    sqlite::Statement check(connection, "PRAGMA integrity_check(100)");
    while (check.step()) {
        const std::string line = check.text(0);
        if (line != "ok") result.problems.push_back("SQLite integrity_check: " + line);
    }
}

// What one submitter's year looks like once all its rows are read.
struct Group {
    std::string name;  // "institution 06290417 2019"
    int expected_version = 1;
    int current_versions = 0;
    std::string chain;  // of the row before
};

class RowChecker {
public:
    RowChecker(StoreVerification& result, bool has_chain) : result_(result), has_chain_(has_chain) {}

    void check(const sqlite::Statement& row) {
        const std::string kind = row.text(0), submitter = row.text(1);
        const int year = row.int32(2), version = row.int32(3);
        const std::string name = kind + " " + submitter + " " + std::to_string(year);
        if (!group_ || group_->name != name) start(name);
        Group& group = *group_;
        ++result_.versions;
        const std::string where = name + " version " + std::to_string(version) + ": ";

        if (version != group.expected_version) {
            problem(where + "expected version " + std::to_string(group.expected_version) +
                    " here (a version is missing or duplicated)");
        }
        group.expected_version = version + 1;
        if (row.is_null(8)) ++group.current_versions;

        const std::string sha256 = row.text(5);
        if (sha256_hex(row.blob(12)) != sha256) problem(where + "the stored bytes do not match their SHA-256 " + sha256);

        if (!has_chain_) return;
        if (row.is_null(10)) {
            problem(where + "no chain hash");
            group.chain.clear();
            return;
        }
        const std::string stored_chain = row.text(10), file = row.text(4), ruleset = row.text(6),
                          report = row.text(11), accepted_at = row.text(7);
        const std::optional<std::string> submitted_at = row.optional_text(9);
        const std::string expected = chain_hash(group.chain, ChainLink{kind, submitter, year, version, file, sha256,
                                                                      ruleset, report, accepted_at, submitted_at});
        if (expected != stored_chain) {
            problem(where + "the chain hash does not follow from " +
                    (version > 1 ? "version " + std::to_string(version - 1) : std::string("the start of the chain")) +
                    " and this version's data (a version was altered, removed or reordered)");
        }
        group.chain = stored_chain;  // one altered row is reported once, not in every later one
    }

    void finish() { end_group(); }

private:
    void start(const std::string& name) {
        end_group();
        group_ = Group{name, 1, 0, {}};
        ++result_.submissions;
    }
    void end_group() {
        if (!group_) return;
        if (group_->current_versions != 1) {
            problem(group_->name + ": " + std::to_string(group_->current_versions) +
                    " current versions (exactly one expected)");
        }
        group_.reset();
    }
    void problem(std::string text) { result_.problems.push_back(std::move(text)); }

    StoreVerification& result_;
    bool has_chain_;
    std::optional<Group> group_;
};

}  // namespace

StoreVerification SubmissionStore::verify() const {
    StoreVerification result;
    if (!connection_) return result;  // an empty store: nothing to check
    const std::lock_guard lock(mutex_);
    const bool has_chain = schema_version_ >= 2;
    if (!has_chain) {
        result.notes.push_back("schema version " + std::to_string(schema_version_) +
                               " records no chain hashes; `lmacheck accept` migrates the store and adds them");
    }
    try {
        integrity_check(*connection_, result);
        sqlite::Statement rows(*connection_,
                               std::string("SELECT kind, submitter_id, reporting_year, version, file, sha256, ruleset,"
                                           " accepted_at, superseded_at, ") +
                                   (has_chain ? "submitted_at, chain" : "NULL, NULL") +
                                   ", report, bytes FROM submission_version"
                                   " ORDER BY kind, submitter_id, reporting_year, version");
        RowChecker checker(result, has_chain);
        while (rows.step()) checker.check(rows);
        checker.finish();
    } catch (const StoreError& e) {
        // SQLite could not read on (a corrupt page): a problem found, not a
        // failure to check.
        result.problems.push_back(e.what());
    }
    return result;
}

}  // namespace lmacheck
