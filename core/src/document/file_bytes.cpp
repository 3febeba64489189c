#include "document/file_bytes.hpp"

#include <cerrno>
#include <system_error>

#include <fcntl.h>
#include <unistd.h>

namespace lmacheck::document_detail {
namespace {

std::string os_reason(int error) { return std::generic_category().message(error); }

// Closes the descriptor on every path out of read_file_bytes.
class FileDescriptor {
public:
    explicit FileDescriptor(int fd) : fd_(fd) {}
    ~FileDescriptor() {
        if (fd_ >= 0) ::close(fd_);
    }
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    int get() const { return fd_; }

private:
    int fd_;
};

}  // namespace

FileBytes read_file_bytes(const std::filesystem::path& file, std::uintmax_t max_bytes) {
    namespace fs = std::filesystem;
    std::error_code error;
    const fs::file_status status = fs::status(file, error);
    if (error) return CannotRead{error.message()};
    if (fs::is_directory(status)) return CannotRead{os_reason(EISDIR)};

    std::uintmax_t expected = 0;
    if (fs::is_regular_file(status)) {
        expected = fs::file_size(file, error);
        if (error) return CannotRead{error.message()};
        if (expected > max_bytes) return TooLarge{expected};
    }

    const FileDescriptor fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) return CannotRead{os_reason(errno)};

    std::string bytes;
    bytes.reserve(static_cast<std::size_t>(expected));
    char buffer[64 * 1024];
    for (;;) {
        const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
        if (n < 0) {
            if (errno == EINTR) continue;
            return CannotRead{os_reason(errno)};
        }
        if (n == 0) break;
        bytes.append(buffer, static_cast<std::size_t>(n));
        // A pipe, or a file that grew since we looked at its size.
        if (bytes.size() > max_bytes) return TooLarge{bytes.size()};
    }
    return bytes;
}

}  // namespace lmacheck::document_detail
