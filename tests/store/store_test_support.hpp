// Shared by the in-process store tests: a temporary directory, submissions
// as stored candidates, and raw SQLite access to look at a store's file.
#pragma once

#include "document/document.hpp"
#include "store/submission_store.hpp"
#include "support/file_bytes.hpp"
#include "support/test_paths.hpp"
#include "support/raw_store.hpp"
#include "support/temp_dir.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

namespace lmacheck::storetest {

namespace fs = std::filesystem;

using test_paths::source_dir;

using test::read_bytes;
using test::TempDir;
using test::write_bytes;

inline nlohmann::json sample(const std::string& relative) {
    return nlohmann::json::parse(read_bytes(source_dir / "samples" / relative));
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
using RawDatabase = lmacheck::test::RawStore;

}  // namespace lmacheck::storetest
