#include "cli/progress.hpp"

#include <unistd.h>

namespace lmacheck::cli {

std::string with_thousands_separator(std::size_t value, Language language) {
    const char separator = language == Language::nl ? '.' : ',';
    const std::string digits = std::to_string(value);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += separator;
        out += digits[i];
    }
    return out;
}

std::string progress_line(std::size_t done, std::size_t total, bool final, Language language) {
    const std::string counts =
        with_thousands_separator(done, language) + " / " + with_thousands_separator(total, language);
    const std::string line =
        language == Language::nl ? counts + " bestanden gecontroleerd" : "validated " + counts + " files";
    return "\r" + line + (final ? "\n" : "");
}

ProgressReporter::ProgressReporter(std::FILE* stream, bool enabled, std::chrono::milliseconds interval,
                                   Language language)
    : stream_(stream),
      enabled_(enabled),
      interval_(interval),
      language_(language),
      last_shown_(std::chrono::steady_clock::now()) {}

BatchProgress ProgressReporter::callback() {
    if (!enabled_) return {};
    return [this](std::size_t done, std::size_t total) { update(done, total); };
}

void ProgressReporter::update(std::size_t done, std::size_t total) {
    const auto now = std::chrono::steady_clock::now();
    const std::lock_guard<std::mutex> lock(mutex_);
    if (done <= shown_ || now - last_shown_ < interval_) return;
    shown_ = done;
    last_shown_ = now;
    write(progress_line(done, total, false, language_));
}

void ProgressReporter::finish(std::size_t total) {
    if (!enabled_) return;
    const std::lock_guard<std::mutex> lock(mutex_);
    write(progress_line(total, total, true, language_));
}

void ProgressReporter::write(const std::string& text) {
    std::fwrite(text.data(), 1, text.size(), stream_);
    std::fflush(stream_);
}

bool progress_wanted(bool quiet) { return !quiet && ::isatty(STDERR_FILENO) == 1; }

}  // namespace lmacheck::cli
