#include "service/uploads.hpp"

#include "report/utf8_text.hpp"

#include <algorithm>
#include <set>

namespace lmacheck::service {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t max_name_bytes = 200;

// Counts the body's bytes and watches the clock while httplib reads it.
class BodyGuard {
public:
    BodyGuard(const UploadLimits& limits, Clock::time_point started)
        : limits_(limits), deadline_(started + limits.timeout), last_data_(Clock::now()) {}

    // Whether `n` more bytes may come; sets failure() when not.
    bool take(std::size_t n) {
        last_data_ = Clock::now();
        total_ += n;
        if (total_ > limits_.max_bytes) return fail(UploadFailure::too_large);
        if (last_data_ > deadline_) return fail(UploadFailure::timed_out);
        return true;
    }

    bool fail(UploadFailure failure) {
        failure_ = failure;
        return false;
    }

    // Why httplib stopped reading when no receiver refused: a read that
    // failed after a pause as long as the read timeout (httplib's socket
    // timeout) is a stalled upload; anything sooner is a malformed body or a
    // client that went away.
    UploadFailure failure_after_read_error() const {
        if (failure_ != UploadFailure::none) return failure_;
        const auto pause = Clock::now() - last_data_;
        return pause >= limits_.timeout * 9 / 10 ? UploadFailure::timed_out : UploadFailure::malformed;
    }

private:
    const UploadLimits& limits_;
    Clock::time_point deadline_;
    Clock::time_point last_data_;
    std::size_t total_ = 0;
    UploadFailure failure_ = UploadFailure::none;
};

// Sorted by name as the command line sorts its inputs; a name given twice
// gets " (2)", " (3)" ... so that every file keeps its own line in reports.
void order_and_name(std::vector<Upload>& files) {
    std::stable_sort(files.begin(), files.end(), [](const Upload& a, const Upload& b) { return a.name < b.name; });
    std::set<std::string> used;
    for (Upload& f : files) {
        std::string name = f.name;
        for (int n = 2; used.count(name) > 0; ++n) name = f.name + " (" + std::to_string(n) + ")";
        used.insert(name);
        f.name = std::move(name);
    }
}

}  // namespace

std::string safe_file_name(std::string_view name, const std::string& fallback) {
    std::string out;
    std::size_t offset = 0;
    while (offset < name.size()) {
        char32_t c = next_code_point(name, offset);
        if (c < 0x20 || (c >= 0x7F && c < 0xA0) || c == 0x2028 || c == 0x2029) c = U'?';
        std::string encoded;
        append_utf8(encoded, c);
        if (out.size() + encoded.size() > max_name_bytes) break;
        out += encoded;
    }
    return out.empty() ? fallback : out;
}

UploadRead read_uploads(const httplib::Request& request, const httplib::ContentReader& reader,
                        const UploadLimits& limits, Clock::time_point started) {
    UploadRead result;
    BodyGuard guard(limits, started);
    bool complete = false;
    if (request.is_multipart_form_data()) {
        complete = reader(
            [&](const httplib::MultipartFormData& part) {
                if (result.files.size() >= limits.max_files) return guard.fail(UploadFailure::too_many_files);
                const std::string fallback = "upload-" + std::to_string(result.files.size() + 1) + ".json";
                result.files.push_back(Upload{safe_file_name(part.filename.empty() ? part.name : part.filename,
                                                             fallback), {}});
                return true;
            },
            [&](const char* data, std::size_t n) {
                if (!guard.take(n)) return false;
                result.files.back().bytes.append(data, n);
                return true;
            });
    } else {
        const std::string name = request.has_param("name") ? request.get_param_value("name") : "";
        result.files.push_back(Upload{safe_file_name(name, "submission.json"), {}});
        complete = reader([&](const char* data, std::size_t n) {
            if (!guard.take(n)) return false;
            result.files.back().bytes.append(data, n);
            return true;
        });
    }
    if (!complete) {
        result.failure = guard.failure_after_read_error();
        result.files.clear();
        return result;
    }
    if (result.files.empty()) {
        result.failure = UploadFailure::malformed;  // a multipart body without a part
        return result;
    }
    order_and_name(result.files);
    return result;
}

}  // namespace lmacheck::service
