// The project's configuration file, .lmacheck.json: found in the current
// directory or the nearest one above it (as .clang-tidy and ESLint's
// configuration are), it sets what a CI gate would otherwise repeat on every
// command line. An option given on the command line wins over the file.
//
//   { "ruleset": "rules/lma-2019.json", "store": "lma.db", "lang": "nl",
//     "max_warnings": 0, "exclude": ["drafts/*"], "include": ["*.json"] }
//
// Paths in it (ruleset, store) are relative to the file's directory; globs
// (exclude, include) mean what --exclude and --include mean. A key it does
// not know, a value of the wrong type, or a file that is not JSON stops the
// run (exit 2) naming the file, the key and the place.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace lmacheck::cli {

inline constexpr const char* project_config_name = ".lmacheck.json";

struct ProjectConfig {
    std::filesystem::path file;  // empty: none found
    std::optional<std::string> ruleset;
    std::optional<std::string> store;
    std::optional<std::string> lang;
    std::optional<long long> max_warnings;
    std::optional<std::vector<std::string>> exclude;
    std::optional<std::vector<std::string>> include;
};

// The .lmacheck.json in `start` or the nearest directory above it; none when
// there is none up to the root. LMACHECK_NO_CONFIG set (to anything) skips the search.
std::optional<std::filesystem::path> find_project_config(const std::filesystem::path& start);

// Reads `file`; throws ConfigError naming the file, the key and line and column.
ProjectConfig load_project_config(const std::filesystem::path& file);

// The configuration that applies in the current directory (empty `file` when none).
ProjectConfig current_project_config();

}  // namespace lmacheck::cli
