// Reading the files of an upload (POST /api/v1/validate and /submissions):
// the body is one submission, or multipart/form-data with one part per file.
// The body is read through a content receiver that counts every byte, so an
// upload over the limit stops being read at the limit (also when it comes
// chunked or compressed, which httplib 0.11 does not limit itself), and a
// stalled or too slow upload ends as a timeout instead of holding a thread.
#pragma once

#include <httplib.h>

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace lmacheck::service {

struct Upload {
    std::string name;   // the file name the client gave, made safe to show (safe_file_name)
    std::string bytes;
};

struct UploadLimits {
    std::size_t max_bytes = 64u << 20;       // the whole body, after decompression
    std::size_t max_files = 500;             // parts of a multipart body
    std::chrono::seconds timeout{30};        // the whole request, and the longest pause in it
};

enum class UploadFailure { none, too_large, too_many_files, timed_out, malformed };

struct UploadRead {
    std::vector<Upload> files;  // sorted by name, names unique
    UploadFailure failure = UploadFailure::none;
};

// Reads the body with `reader`. `started` is when the request arrived.
UploadRead read_uploads(const httplib::Request& request, const httplib::ContentReader& reader,
                        const UploadLimits& limits, std::chrono::steady_clock::time_point started);

// A client's file name as reports may show it: valid UTF-8 (invalid bytes
// replaced), control characters replaced by '?', at most 200 bytes; empty
// becomes `fallback`. Only text: it is never used as a path.
std::string safe_file_name(std::string_view name, const std::string& fallback);

}  // namespace lmacheck::service
