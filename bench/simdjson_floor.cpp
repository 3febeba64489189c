// The second floor: reads every *.json below the given paths, computes its
// SHA-256 (OpenSSL's low-level SHA-256, as lmacheck does for the fingerprint
// in its reports: core/src/document/sha256.cpp)
// and parses it into simdjson's DOM, nothing else (no UTF-8 pre-check apart
// from simdjson's own, no duplicate keys, no positions, no nlohmann::json, no
// schema, no rules, no report). What a simdjson-based lmacheck could not go
// below on one core: scripts/bench.sh prints lmacheck's CPU time against it.
//
//   simdjson_floor PATH...   prints: files, bytes, invalid, seconds (one line of JSON,
//                            as parse_floor)
#define OPENSSL_SUPPRESS_DEPRECATED  // as core/src/document/sha256.cpp
#include <openssl/sha.h>
#include <simdjson.h>

#include "json_files.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

// The digest is computed and dropped (a library call: the compiler cannot
// leave it out).
bool sha256(const simdjson::padded_string& bytes) {
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256_CTX context;
    return SHA256_Init(&context) == 1 && SHA256_Update(&context, bytes.data(), bytes.size()) == 1 &&
           SHA256_Final(digest, &context) == 1;
}

}  // namespace

int main(int argc, char** argv) {
    const auto start = std::chrono::steady_clock::now();
    const std::vector<fs::path> files = bench::json_files(argc, argv);
    simdjson::dom::parser parser;  // one parser for every file: its buffers are reused
    std::size_t bytes = 0;
    std::size_t invalid = 0;
    for (const fs::path& file : files) {
        simdjson::padded_string text;
        if (simdjson::padded_string::load(file.string()).get(text) != simdjson::SUCCESS) {
            std::fprintf(stderr, "simdjson_floor: cannot read %s\n", file.c_str());
            return 2;
        }
        bytes += text.size();
        if (!sha256(text)) {
            std::fprintf(stderr, "simdjson_floor: SHA-256 failed for %s\n", file.c_str());
            return 2;
        }
        simdjson::dom::element document;
        if (parser.parse(text).get(document) != simdjson::SUCCESS) ++invalid;
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("{\"files\": %zu, \"bytes\": %zu, \"invalid\": %zu, \"seconds\": %.6f}\n", files.size(), bytes, invalid,
                seconds);
    return 0;
}
