// Progress of a batch on standard error, for people watching a terminal:
// "validated 1,200 / 2,500 files" ("1.200 / 2.500 bestanden gecontroleerd"
// with --lang nl), rewritten in place (\r) at most ten times a
// second, and ended with a newline when the run is done. Never on a pipe or a
// file (CI logs would fill with carriage returns), never with --quiet.
#pragma once

#include "engine/pipeline.hpp"
#include "model/messages.hpp"

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <mutex>
#include <string>

namespace lmacheck::cli {

// 2500 -> "2,500"; in Dutch "2.500".
std::string with_thousands_separator(std::size_t value, Language language = Language::en);

// "\rvalidated 1,200 / 2,500 files", in Dutch "\r1.200 / 2.500 bestanden
// gecontroleerd"; the final line ends with "\n".
std::string progress_line(std::size_t done, std::size_t total, bool final, Language language = Language::en);

class ProgressReporter {
public:
    // Shows progress on `stream` only when `enabled`; otherwise every call
    // does nothing. Ten updates a second look live and cost the run nothing.
    ProgressReporter(std::FILE* stream, bool enabled,
                     std::chrono::milliseconds interval = std::chrono::milliseconds(100),
                     Language language = Language::en);

    // For run_batch: thread-safe, throttled, ignores a count lower than one
    // already shown.
    BatchProgress callback();

    // The final line, once all files are done (after run_batch returned).
    void finish(std::size_t total);

private:
    void update(std::size_t done, std::size_t total);
    void write(const std::string& text);

    std::FILE* stream_;
    bool enabled_;
    std::chrono::milliseconds interval_;
    Language language_;
    std::mutex mutex_;
    std::size_t shown_ = 0;
    std::chrono::steady_clock::time_point last_shown_;
};

// Whether progress should be shown: stderr is a terminal and not --quiet.
bool progress_wanted(bool quiet);

}  // namespace lmacheck::cli
