// Reading a file's bytes from disk, with the size limit checked before
// anything is read and the operating system's reason when it cannot be read.
// Only regular files are read: a FIFO, a device or a socket could block the
// run forever or never end (/dev/zero), so it is refused without a read.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <variant>

namespace lmacheck::document_detail {

struct CannotRead {
    std::string reason;  // the OS's words, e.g. "No such file or directory"
};

struct TooLarge {
    std::uintmax_t size;      // the size the file system gave, or the bytes read before giving up
    bool size_known = true;   // false: the file said it was smaller (or grew, or is in /proc), `size` is what was read
};

using FileBytes = std::variant<std::string, CannotRead, TooLarge>;

// Regular files larger than `max_bytes` are rejected from their metadata,
// without being read; one that turns out longer while it is read (a file in
// /proc reports size 0, a file may grow) is read until `max_bytes` is
// exceeded. Anything that is not a regular file is CannotRead, without being
// read: it is opened without blocking (O_NONBLOCK) and looked at (fstat).
FileBytes read_file_bytes(const std::filesystem::path& file, std::uintmax_t max_bytes);

}  // namespace lmacheck::document_detail

namespace lmacheck {

// The largest configuration file (rule set, reference list, schema) read.
inline constexpr std::uintmax_t max_config_file_bytes = std::uintmax_t{16} << 20;

// Reads one of the tool's own files whole, with the rules of read_file_bytes:
// throws ConfigError "cannot read WHAT FILE: REASON" when it is not a regular
// file, cannot be read, or holds more than `max_bytes`.
std::string read_config_file(const std::filesystem::path& file, const std::string& what,
                             std::uintmax_t max_bytes = max_config_file_bytes);

}  // namespace lmacheck
