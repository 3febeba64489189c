// What the fuzz targets of fuzz/ share: whole-file reads and writes, a
// scratch directory, and a submission as `accept` would store it.
#pragma once

#include "document/document.hpp"
#include "store/submission_store.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

namespace lmacheck::fuzz {

[[noreturn]] inline void fail(const char* target, const char* what, const std::string& detail) {
    std::fprintf(stderr, "%s: %s: %s\n", target, what, detail.c_str());
    std::abort();
}

inline std::string read_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) fail("fuzz", "cannot read", file.string());
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

inline void write_file(const std::filesystem::path& file, const std::string& bytes) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << bytes;
    if (!out.flush()) fail("fuzz", "cannot write", file.string());
}

// A fresh directory below the temporary directory, for the whole fuzzing
// run, removed when the fuzzer exits normally (left behind after a crash,
// with the files of the input that caused it).
inline std::filesystem::path make_scratch_dir(const char* target) {
    static std::vector<std::filesystem::path> made;
    std::string pattern = (std::filesystem::temp_directory_path() / (std::string(target) + ".XXXXXX")).string();
    if (mkdtemp(pattern.data()) == nullptr) fail(target, "mkdtemp failed", pattern);
    if (made.empty()) {
        std::atexit([] {
            std::error_code ec;
            for (const auto& dir : made) std::filesystem::remove_all(dir, ec);
        });
    }
    made.emplace_back(pattern);
    return pattern;
}

// A submission as `accept` stores it, kind, submitter and year read from
// the document. `bytes` must outlive the candidate.
inline AcceptCandidate candidate_of(const std::string& name, const std::string& bytes) {
    const nlohmann::json document = nlohmann::json::parse(bytes);
    AcceptCandidate c;
    c.kind = *parse_kind(document.at("kind").get<std::string>());
    const char* id_key = c.kind == Kind::institution ? "agb_code" : "municipality_code";
    c.submitter_id = document.at("submitter").at(id_key).get<std::string>();
    c.reporting_year = document.at("reporting_year").get<int>();
    c.file = name;
    c.sha256 = sha256_hex(bytes);
    c.bytes = bytes;
    c.ruleset = "lma-v1";
    c.report = R"({"submissions":[{"file":")" + name + R"(","status":"accepted"}]})";
    return c;
}

}  // namespace lmacheck::fuzz
