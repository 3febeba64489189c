// Shared by the in-process store tests: a temporary directory, submissions
// as stored candidates, and raw SQLite access to look at a store's file.
#pragma once

#include "document/document.hpp"
#include "store/submission_store.hpp"
#include "support/file_bytes.hpp"
#include "support/temp_dir.hpp"

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace lmacheck::storetest {

namespace fs = std::filesystem;

inline fs::path source_dir() { return LMACHECK_SOURCE_DIR; }

using test::read_bytes;
using test::TempDir;
using test::write_bytes;

inline nlohmann::json sample(const std::string& relative) {
    return nlohmann::json::parse(read_bytes(source_dir() / "samples" / relative));
}

// What accept() needs for `document`, serialised as `bytes`.
struct Candidate {
    std::string bytes;
    AcceptCandidate candidate;
};

inline Candidate candidate_for(const nlohmann::json& document, const std::string& file) {
    Candidate c;
    c.bytes = document.dump(2);
    const Kind kind = *parse_kind(document.at("kind").get<std::string>());
    const char* id_key = kind == Kind::institution ? "agb_code" : "municipality_code";
    c.candidate = AcceptCandidate{kind,
                                  document.at("submitter").at(id_key).get<std::string>(),
                                  document.at("reporting_year").get<int>(),
                                  file,
                                  sha256_hex(c.bytes),
                                  c.bytes,
                                  "lma-v1",
                                  "{\"report_version\": \"1.0\"}"};
    return c;
}

inline AcceptResult accept(SubmissionStore& store, const nlohmann::json& document, const std::string& file) {
    const Candidate c = candidate_for(document, file);
    return store.accept(c.candidate);
}

// A document of the same submitter with another year (and the submission
// date that goes with it).
inline nlohmann::json in_year(nlohmann::json document, int year) {
    document["reporting_year"] = year;
    document["submitted_at"] = std::to_string(year + 1) + "-03-01T10:00:00Z";
    return document;
}

// Raw SQLite access, to look at and tamper with a store's file.
class RawDatabase {
public:
    explicit RawDatabase(const fs::path& file) {
        if (sqlite3_open(file.c_str(), &db_) != SQLITE_OK) std::abort();
    }
    ~RawDatabase() { sqlite3_close(db_); }
    RawDatabase(const RawDatabase&) = delete;
    RawDatabase& operator=(const RawDatabase&) = delete;

    void exec(const std::string& sql) {
        char* error = nullptr;
        if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
            const std::string message = error != nullptr ? error : "?";
            sqlite3_free(error);
            throw std::runtime_error(sql + ": " + message);
        }
    }
    // The first column of the first row, as text ("" when there is none).
    std::string scalar(const std::string& sql) {
        sqlite3_stmt* statement = nullptr;
        std::string value;
        if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK &&
            sqlite3_step(statement) == SQLITE_ROW) {
            const unsigned char* text = sqlite3_column_text(statement, 0);
            if (text != nullptr) value = reinterpret_cast<const char*>(text);
        }
        sqlite3_finalize(statement);
        return value;
    }

private:
    sqlite3* db_ = nullptr;
};

}  // namespace lmacheck::storetest
