#include "document/file_bytes.hpp"

#include "model/config_error.hpp"

#include <cerrno>
#include <string>
#include <system_error>
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace lmacheck::document_detail {
namespace {

std::string os_reason(int error) { return std::generic_category().message(error); }

// Why a file of this type is not read, in words a user recognises.
std::string not_regular_reason(mode_t mode) {
    if (S_ISFIFO(mode)) return "not a regular file (a FIFO or pipe)";
    if (S_ISCHR(mode)) return "not a regular file (a character device)";
    if (S_ISBLK(mode)) return "not a regular file (a block device)";
    if (S_ISSOCK(mode)) return "not a regular file (a socket)";
    return "not a regular file";
}

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
    // than looking the path up for its status and size, and the type and size
    // checked are those of the file actually read. O_NONBLOCK: opening a FIFO
    // would otherwise wait for a writer that may never come; on a regular
    // file it changes nothing.
    const FileDescriptor fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
    if (fd.get() < 0) return CannotRead{os_reason(errno)};
    struct stat info {};
    if (::fstat(fd.get(), &info) != 0) return CannotRead{os_reason(errno)};
    if (S_ISDIR(info.st_mode)) return CannotRead{os_reason(EISDIR)};
    if (!S_ISREG(info.st_mode)) return CannotRead{not_regular_reason(info.st_mode)};

    // Read straight into the string, sized one byte more than the file so
    // that the read seeing its end needs no growth.
    const auto size = static_cast<std::uintmax_t>(info.st_size);
    if (size > max_bytes) return TooLarge{size, true};
    std::string bytes(static_cast<std::size_t>(size) + 1, '\0');
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
        // A file that grew since we looked at its size, or one whose size the
        // file system does not know (/proc): what was read, not its size.
        if (filled > max_bytes) return TooLarge{filled, false};
    }
    bytes.resize(filled);
    return bytes;
}

}  // namespace lmacheck::document_detail

namespace lmacheck {

std::string read_config_file(const std::filesystem::path& file, const std::string& what, std::uintmax_t max_bytes) {
    document_detail::FileBytes bytes = document_detail::read_file_bytes(file, max_bytes);
    if (auto* content = std::get_if<std::string>(&bytes)) return std::move(*content);
    const std::string prefix = "cannot read " + what + " " + file.string() + ": ";
    if (const auto* failure = std::get_if<document_detail::CannotRead>(&bytes)) {
        throw ConfigError(prefix + failure->reason);
    }
    throw ConfigError(prefix + "it holds more than the limit of " + std::to_string(max_bytes) + " bytes");
}

}  // namespace lmacheck
