// The second floor: reads every *.json below the given paths, computes its
// SHA-256 (OpenSSL EVP, as lmacheck does for the fingerprint in its reports)
// and parses it into simdjson's DOM, nothing else (no UTF-8 pre-check apart
// from simdjson's own, no duplicate keys, no positions, no nlohmann::json, no
// schema, no rules, no report). What a simdjson-based lmacheck could not go
// below on one core: scripts/bench.sh prints lmacheck's CPU time against it.
//
//   simdjson_floor PATH...   prints: files, bytes, invalid, seconds (one line of JSON,
//                            as parse_floor)
#include <openssl/evp.h>
#include <simdjson.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

std::vector<fs::path> json_files(int argc, char** argv) {
    std::vector<fs::path> files;
    for (int i = 1; i < argc; ++i) {
        const fs::path path(argv[i]);
        if (!fs::is_directory(path)) {
            files.push_back(path);
            continue;
        }
        for (const fs::directory_entry& entry : fs::recursive_directory_iterator(path)) {
            if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

// The digest is computed and dropped (EVP_Digest is a library call: the
// compiler cannot leave it out).
bool sha256(const simdjson::padded_string& bytes, const EVP_MD* algorithm) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    return EVP_Digest(bytes.data(), bytes.size(), digest, &length, algorithm, nullptr) == 1;
}

}  // namespace

int main(int argc, char** argv) {
    const auto start = std::chrono::steady_clock::now();
    // Fetched once, as lmacheck does (core/src/document/sha256.cpp).
    EVP_MD* const algorithm = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    if (algorithm == nullptr) {
        std::fprintf(stderr, "simdjson_floor: OpenSSL has no SHA-256\n");
        return 2;
    }
    const std::vector<fs::path> files = json_files(argc, argv);
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
        if (!sha256(text, algorithm)) {
            std::fprintf(stderr, "simdjson_floor: SHA-256 failed for %s\n", file.c_str());
            return 2;
        }
        simdjson::dom::element document;
        if (parser.parse(text).get(document) != simdjson::SUCCESS) ++invalid;
    }
    EVP_MD_free(algorithm);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("{\"files\": %zu, \"bytes\": %zu, \"invalid\": %zu, \"seconds\": %.6f}\n", files.size(), bytes, invalid,
                seconds);
    return 0;
}
