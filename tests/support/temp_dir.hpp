// A fresh directory below the system's temporary directory for one test,
// removed with everything in it when the object goes.
#pragma once

#include <filesystem>
#include <string>

namespace lmacheck::test {

class TempDir {
public:
    // Throws std::runtime_error when the directory cannot be made.
    TempDir();
    // Also removes what a test made unreadable or unwritable.
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::filesystem::path& name) const { return path_ / name; }

    // Writes `bytes` to the file `name` below the directory, making the
    // directories on the way; returns the file's path.
    std::filesystem::path write(const std::filesystem::path& name, const std::string& bytes) const;

private:
    std::filesystem::path path_;
};

}  // namespace lmacheck::test
