// Reading a submission's bytes from disk, with the size limit checked before
// anything is read and the operating system's reason when it cannot be read.
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
    std::uintmax_t size;  // the file's size; for a pipe, the bytes read before giving up
};

using FileBytes = std::variant<std::string, CannotRead, TooLarge>;

// Regular files larger than `max_bytes` are rejected from their metadata,
// without being read. Pipes and devices (e.g. bash's <(...)) have no size up
// front; they are read until `max_bytes` is exceeded.
FileBytes read_file_bytes(const std::filesystem::path& file, std::uintmax_t max_bytes);

}  // namespace lmacheck::document_detail
