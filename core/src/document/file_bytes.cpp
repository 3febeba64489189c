#include "document/file_bytes.hpp"

#include <cerrno>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
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
    // Open first, then fstat the descriptor: two system calls fewer per file
    // than looking the path up for its status and size, and the size checked
    // is that of the file actually read.
    const FileDescriptor fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) return CannotRead{os_reason(errno)};
    struct stat info {};
    if (::fstat(fd.get(), &info) != 0) return CannotRead{os_reason(errno)};
    if (S_ISDIR(info.st_mode)) return CannotRead{os_reason(EISDIR)};

    // A regular file is read straight into the string, sized one byte more
    // than the file so that the read seeing its end needs no growth; a pipe
    // or a device grows the string as it goes.
    std::size_t capacity = 64 * 1024;
    if (S_ISREG(info.st_mode)) {
        const auto size = static_cast<std::uintmax_t>(info.st_size);
        if (size > max_bytes) return TooLarge{size};
        capacity = static_cast<std::size_t>(size) + 1;
    }
    std::string bytes(capacity, '\0');
    std::size_t filled = 0;
    for (;;) {
        if (filled == bytes.size()) bytes.resize(2 * bytes.size());
        const ssize_t n = ::read(fd.get(), bytes.data() + filled, bytes.size() - filled);
        if (n < 0) {
            if (errno == EINTR) continue;
            return CannotRead{os_reason(errno)};
        }
        if (n == 0) break;
        filled += static_cast<std::size_t>(n);
        // A pipe, or a file that grew since we looked at its size.
        if (filled > max_bytes) return TooLarge{filled};
    }
    bytes.resize(filled);
    return bytes;
}

}  // namespace lmacheck::document_detail
