#include "cli/report_output.hpp"

#include "model/config_error.hpp"

#include <spdlog/spdlog.h>

#include <cerrno>
#include <optional>
#include <system_error>
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace lmacheck::cli {
namespace {

namespace fs = std::filesystem;

// `path` with every link resolved, also when its last parts do not exist yet.
fs::path resolved(const fs::path& path) {
    std::error_code ec;
    fs::path result = fs::weakly_canonical(path, ec);
    return ec ? fs::absolute(path, ec).lexically_normal() : result;
}

bool same_file(const fs::path& a, const std::optional<FileId>& a_id, const fs::path& b) {
    if (a_id) {
        if (const std::optional<FileId> b_id = file_id(b)) return *a_id == *b_id;
    }
    return resolved(a) == resolved(b);
}

std::string os_reason(int error) { return std::generic_category().message(error); }

// Closes the descriptor on every path out (unless closed before, checked).
class Descriptor {
public:
    explicit Descriptor(int fd) : fd_(fd) {}
    ~Descriptor() {
        if (fd_ >= 0) ::close(fd_);
    }
    Descriptor(const Descriptor&) = delete;
    Descriptor& operator=(const Descriptor&) = delete;
    int get() const { return fd_; }
    bool close() {
        const int fd = fd_;
        fd_ = -1;
        return ::close(fd) == 0;
    }

private:
    int fd_;
};

// Writes all of `content` to `fd`; false (errno set) when it could not.
bool write_all(int fd, std::string_view content) {
    std::size_t written = 0;
    while (written < content.size()) {
        const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        written += static_cast<std::size_t>(n);
    }
    return true;
}

// A new file next to `target`, named after it and this process; -1 (errno
// set) when none could be made.
int create_temporary(const fs::path& target, fs::path& temporary) {
    for (int attempt = 0; attempt < 100; ++attempt) {
        // Appended piece by piece: GCC 12 warns (-Wrestrict, wrongly) on
        // "." + string at -O2.
        std::string name = ".";
        name += target.filename().string();
        name += ".lmacheck-";
        name += std::to_string(::getpid());
        name += '-';
        name += std::to_string(attempt);
        name += ".tmp";
        temporary = target.parent_path() / name;
        const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0 || errno != EEXIST) return fd;
    }
    return -1;
}

// After the rename: the directory entry itself reaches the disk too. A
// failure here loses nothing that was not already at risk, so it is not one.
void sync_directory(const fs::path& directory) {
    const Descriptor fd(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (fd.get() >= 0) ::fsync(fd.get());
}

}  // namespace

std::vector<KeptFile> store_files(const std::string& store) {
    if (store.empty()) return {};
    std::vector<KeptFile> files{{store, "the store"}};
    for (const char* suffix : {"-wal", "-shm", "-journal"}) {
        files.push_back({store + suffix, std::string("the store's ") + (suffix + 1) + " file"});
    }
    return files;
}

void refuse_output_over(const std::string& output, const std::vector<KeptFile>& kept,
                        const std::vector<InputFile>& inputs) {
    if (output.empty()) return;
    const std::optional<FileId> output_id = file_id(output);
    auto refuse = [&](const std::string& what) {
        throw ConfigError("--output " + output + " is " + what + "; the report would overwrite it (nothing written)");
    };
    for (const KeptFile& file : kept) {
        if (same_file(output, output_id, file.path)) refuse(file.role + " " + file.path.string());
    }
    if (!output_id) return;  // a file not there yet is no input
    for (const InputFile& input : inputs) {
        if (input.id == output_id) refuse("the input " + input.display_name);
    }
}

ReportFile::~ReportFile() {
    if (!temporary_.empty()) ::unlink(temporary_.c_str());  // not committed: the old file stays
    if (fd_ >= 0) ::close(fd_);
}

bool ReportFile::open(const fs::path& output) {
    output_ = output;
    std::error_code ec;
    const fs::file_status status = fs::status(output, ec);
    if (fs::exists(status) && !fs::is_regular_file(status)) {
        // A terminal, /dev/null, a FIFO: written as it is, there is nothing to rename.
        fd_ = ::open(output.c_str(), O_WRONLY | O_CLOEXEC | O_TRUNC);
        if (fd_ < 0) return fail();
        return true;
    }
    // Through a link, the file it points to is replaced, not the link.
    target_ = output;
    if (fs::is_symlink(fs::symlink_status(output, ec)) && fs::exists(status)) {
        if (fs::path linked = fs::canonical(output, ec); !ec) target_ = std::move(linked);
    }
    fd_ = create_temporary(target_, temporary_);
    if (fd_ < 0) {
        spdlog::error("cannot write the report to {}: cannot create a temporary file next to it: {}", output.string(),
                      os_reason(errno));
        temporary_.clear();
        return false;
    }
    // The report keeps the permissions of the file it replaces.
    if (fs::exists(status)) ::fchmod(fd_, static_cast<mode_t>(status.permissions()));
    return true;
}

bool ReportFile::write(std::string_view piece) {
    if (fd_ < 0) return false;
    return write_all(fd_, piece) || fail();
}

bool ReportFile::commit() {
    if (fd_ < 0) return false;
    const int fd = fd_;
    fd_ = -1;
    if (temporary_.empty()) return ::close(fd) == 0 || fail();
    if (::fsync(fd) != 0) {
        const int error = errno;
        ::close(fd);
        errno = error;
        return fail();
    }
    if (::close(fd) != 0 || ::rename(temporary_.c_str(), target_.c_str()) != 0) return fail();
    temporary_.clear();
    sync_directory(target_.parent_path().empty() ? fs::path(".") : target_.parent_path());
    return true;
}

bool ReportFile::fail() {
    const int error = errno;
    if (fd_ >= 0) {
        ::close(fd_);
        fd_ = -1;
    }
    if (temporary_.empty()) {
        spdlog::error("cannot write the report to {}: {}", output_.string(), os_reason(error));
        return false;
    }
    ::unlink(temporary_.c_str());
    temporary_.clear();
    spdlog::error("cannot write the report to {}: {}; {} is left as it was", output_.string(), os_reason(error),
                  output_.string());
    return false;
}

bool write_file_whole(const std::string& content, const fs::path& output) {
    ReportFile file;
    return file.open(output) && file.write(content) && file.commit();
}

}  // namespace lmacheck::cli
