// A whole file as bytes, read or written in one call; the JSON files below a
// directory.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace lmacheck::test {

// Every byte of `file`; throws std::runtime_error when it cannot be read.
std::string read_bytes(const std::filesystem::path& file);

// Replaces the content of `file` with `bytes` (creating the file, not its
// directory); throws std::runtime_error when it cannot be written.
void write_bytes(const std::filesystem::path& file, const std::string& bytes);

// The regular *.json files anywhere below `dir`, sorted.
std::vector<std::filesystem::path> json_files_below(const std::filesystem::path& dir);

}  // namespace lmacheck::test
