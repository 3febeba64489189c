// The inputs of a run: the files and directories the command line names,
// expanded, ordered and judged once each (engine/pipeline.hpp judges them).
#pragma once


#include <compare>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace lmacheck {

// A file as the file system knows it: the same pair, the same file, whatever
// the path (a link, "./a.json" and "a.json", a hard link).
struct FileId {
    std::uintmax_t device = 0;
    std::uintmax_t inode = 0;
    friend bool operator==(const FileId&, const FileId&) = default;
    friend auto operator<=>(const FileId&, const FileId&) = default;
};

// The identity of the file `path` names (links followed); none when it
// cannot be looked up.
std::optional<FileId> file_id(const std::filesystem::path& path);

struct InputFile {
    // Where to read it. A string, not a std::filesystem::path: a path keeps a
    // list of its components besides its text, 250 bytes a file of a run's
    // peak memory (docs/performance.md).
    std::string path;
    std::string display_name;    // how reports call it
    std::string unreadable;      // non-empty: not readable as a file (e.g. a directory we cannot list)
    std::optional<FileId> id{};  // the file it names, when it could be looked up
    // Set: the input's bytes are in memory (an upload to the service) and
    // `path` is not read; display_name still names it in reports.
    std::shared_ptr<const std::string> bytes{};
};

// Expands command-line paths: files as given, directories walked recursively
// for *.json (symbolic links to directories are not followed, so a link loop
// cannot hang the walk), sorted by display name bytewise. A file reached
// under several names (given twice, "./a.json" and "a.json", through a link)
// is judged once, under the name first in that order. Throws ConfigError
// (usage error) for a path that does not exist or a directory without *.json.
std::vector<InputFile> collect_inputs(const std::vector<std::string>& paths);

}  // namespace lmacheck
