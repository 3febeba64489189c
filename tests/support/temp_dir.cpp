#include "support/temp_dir.hpp"

#include "support/file_bytes.hpp"

#include <stdlib.h>

#include <stdexcept>
#include <system_error>

namespace lmacheck::test {
namespace fs = std::filesystem;

namespace {

// Gives the owner every permission on `p` and, for a directory, on all below
// it, so that remove_all can enter and empty it. Links are not followed: a
// test may leave a link to the directory itself.
void make_removable(const fs::path& p) {
    std::error_code ec;
    const fs::file_status status = fs::symlink_status(p, ec);
    if (ec || fs::is_symlink(status)) return;
    fs::permissions(p, fs::perms::owner_all, fs::perm_options::add, ec);
    if (!fs::is_directory(status)) return;
    for (fs::directory_iterator it(p, ec), end; !ec && it != end; it.increment(ec)) make_removable(it->path());
}

}  // namespace

TempDir::TempDir() {
    std::string pattern = (fs::temp_directory_path() / "lmacheck-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed for " + pattern);
    path_ = pattern;
}

TempDir::~TempDir() {
    make_removable(path_);
    std::error_code ec;
    fs::remove_all(path_, ec);
}

fs::path TempDir::write(const fs::path& name, const std::string& bytes) const {
    const fs::path file = path_ / name;
    fs::create_directories(file.parent_path());
    write_bytes(file, bytes);
    return file;
}

}  // namespace lmacheck::test
