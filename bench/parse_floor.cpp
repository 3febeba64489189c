// The parse floor: reads every *.json below the given paths and parses it with
// nlohmann/json, nothing else (no hashing, no UTF-8 pre-check, no positions,
// no schema, no rules, no report). lmacheck cannot be faster than this on one
// core, so scripts/bench.sh reports lmacheck's throughput as a share of it.
//
//   parse_floor PATH...   prints: files, bytes, seconds (one line of JSON)
#include <nlohmann/json.hpp>

#include "json_files.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

std::string read_bytes(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

int main(int argc, char** argv) {
    const auto start = std::chrono::steady_clock::now();
    const std::vector<fs::path> files = bench::json_files(argc, argv);
    std::size_t bytes = 0;
    std::size_t invalid = 0;
    for (const fs::path& file : files) {
        const std::string text = read_bytes(file);
        bytes += text.size();
        // No exceptions: a file that is not JSON costs what it costs to find out.
        const nlohmann::json document = nlohmann::json::parse(text, nullptr, false);
        if (document.is_discarded()) ++invalid;
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("{\"files\": %zu, \"bytes\": %zu, \"invalid\": %zu, \"seconds\": %.6f}\n", files.size(), bytes, invalid,
                seconds);
    return 0;
}
