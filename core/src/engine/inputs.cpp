#include "engine/inputs.hpp"
#include "engine/input_selection.hpp"

#include "workbook/submission_file.hpp"
#include "model/config_error.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <optional>
#include <string_view>
#include <utility>

#include <cerrno>
#include <climits>
#include <system_error>

#include <dirent.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <sys/stat.h>
#include <unistd.h>

namespace lmacheck {
namespace {

namespace fs = std::filesystem;

// Submissions below a directory: *.json and workbooks (*.xlsx, *.ods), but
// not the lock file Excel keeps beside an open workbook ("~$name.xlsx").
bool is_submission_name(std::string_view name) {
    if (name.ends_with(".json")) return true;
    return is_workbook_name(name) && !name.starts_with("~$");
}

bool matches_any(const std::vector<std::string>& globs, const std::string& name, const std::string& relative,
                 const std::string& shown) {
    return std::any_of(globs.begin(), globs.end(),
                       [&](const std::string& glob) { return glob_matches(glob, name, relative, shown); });
}

// What a walk never enters or picks up: hidden entries (.git/, .venv/, an
// editor's .#backup.json, the .lmacheck.json configuration) and node_modules/.
bool always_left_out(std::string_view name) { return name.starts_with('.') || name == "node_modules"; }

// Whether the file starts as lmacheck's JSON report does ({ then
// "report_version" first): the one report format a walk could pick up.
bool looks_like_a_report(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    std::string start(64, '\0');
    in.read(start.data(), static_cast<std::streamsize>(start.size()));
    start.resize(static_cast<std::size_t>(in.gcount()));
    const std::size_t brace = start.find_first_not_of(" \t\r\n");
    if (brace == std::string::npos || start[brace] != '{') return false;
    const std::size_t key = start.find_first_not_of(" \t\r\n", brace + 1);
    return key != std::string::npos && start.compare(key, 16, "\"report_version\"") == 0;
}

// A file this run writes a report to, holding an earlier report: left out.
// One holding anything else stays an input, so --output over it is refused
// (refuse_output_over) rather than a submission overwritten unseen.
bool is_skipped_file(const std::string& path, const std::optional<FileId>& id, const InputSelection& selection) {
    return id && std::find(selection.skip.begin(), selection.skip.end(), *id) != selection.skip.end() &&
           looks_like_a_report(path);
}

// `dir` and `name` joined as std::filesystem::path's operator/ joins a
// relative path: one separator, none added after one already there.
std::string joined(const std::string& dir, std::string_view name) {
    std::string out;
    out.reserve(dir.size() + 1 + name.size());
    out += dir;
    if (!out.empty() && out.back() != '/') out += '/';
    out += name;
    return out;
}

// The identity a stat result gives: what the walk and file_id compare.
FileId id_of(const struct stat& info) {
    return FileId{static_cast<std::uintmax_t>(info.st_dev), static_cast<std::uintmax_t>(info.st_ino)};
}

// An open directory, closed with the object.
class DirectoryListing {
public:
    explicit DirectoryListing(DIR* dir) : dir_(dir) {}
    DirectoryListing(const DirectoryListing&) = delete;
    DirectoryListing& operator=(const DirectoryListing&) = delete;
    ~DirectoryListing() {
        if (dir_ != nullptr) ::closedir(dir_);
    }
    DIR* get() const { return dir_; }
    int fd() const { return ::dirfd(dir_); }

private:
    DIR* dir_;
};

// Opens a directory of the walk: the walked directory as the command line
// names it (a link to a directory given there is followed), anything below
// it without following a link, should one have taken the place of the
// directory the listing showed.
DIR* open_directory(const std::string& path, bool is_root) {
    const int flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC | (is_root ? 0 : O_NOFOLLOW);
    const int fd = ::open(path.c_str(), flags);
    if (fd < 0) return nullptr;
    DIR* dir = ::fdopendir(fd);
    if (dir == nullptr) {
        const int error = errno;
        ::close(fd);
        errno = error;
    }
    return dir;
}

std::string error_text(int error) { return std::error_code(error, std::generic_category()).message(); }

// What a listed entry is: the listing says, except on file systems that do
// not (DT_UNKNOWN), where the entry itself is looked up (links not followed);
// DT_UNKNOWN when even that fails.
unsigned char listed_type(const DirectoryListing& listing, const dirent& entry) {
    if (entry.d_type != DT_UNKNOWN) return entry.d_type;
    struct stat info {};
    if (::fstatat(listing.fd(), entry.d_name, &info, AT_SYMLINK_NOFOLLOW) != 0) return DT_UNKNOWN;
    if (S_ISDIR(info.st_mode)) return DT_DIR;
    if (S_ISLNK(info.st_mode)) return DT_LNK;
    if (S_ISREG(info.st_mode)) return DT_REG;
    return DT_FIFO;  // any other kind: not opened (see walk)
}

// One directory waiting to be listed: where it is, and its path below the
// walked directory ("" for the walked directory itself).
struct PendingDirectory {
    std::string path;
    std::string relative;
};

// Walks a directory without following directory links; a subdirectory that
// cannot be listed becomes an unreadable input instead of vanishing.
//
// It lists with readdir, whose entries carry their type, and looks up each
// file it keeps once, relative to its open directory (fstatat, links
// followed): that one call gives the file's identity (drop_second_names)
// and, for a link, what it points to. std::filesystem's walk looked up every
// entry twice by its whole path: on a national batch, the largest part of a
// run that no second thread can share (docs/performance.md).
void walk(const std::string& root, const std::string& shown_root, const InputSelection& selection,
          std::vector<InputFile>& out) {
    // Globs see the path as shown in std::filesystem's generic form, which
    // collapses repeated separators ("data//drafts/x.json" is matched as
    // "data/drafts/x.json"), as they always have.
    const bool shown_needs_generic_form = shown_root.find("//") != std::string::npos;
    std::vector<PendingDirectory> pending{{root, ""}};
    while (!pending.empty()) {
        const PendingDirectory dir = std::move(pending.back());
        pending.pop_back();
        const auto cannot_list = [&](int error) {
            const std::string shown_dir =
                (fs::path(shown_root) / (dir.relative.empty() ? "." : dir.relative)).lexically_normal().string();
            out.push_back(InputFile{dir.path, shown_dir, "cannot list directory: " + error_text(error)});
        };
        const DirectoryListing listing(open_directory(dir.path, dir.relative.empty()));
        if (listing.get() == nullptr) {
            cannot_list(errno);
            continue;
        }
        for (;;) {
            errno = 0;
            const dirent* entry = ::readdir(listing.get());
            if (entry == nullptr) {
                if (errno != 0) cannot_list(errno);
                break;
            }
            const std::string_view name(entry->d_name);
            if (name == "." || name == ".." || always_left_out(name)) continue;
            const std::string below_root = dir.relative.empty() ? std::string(name) : joined(dir.relative, name);
            const std::string shown = joined(shown_root, below_root);
            const std::string shown_for_globs = shown_needs_generic_form ? fs::path(shown).generic_string() : shown;
            const std::string name_text(name);
            if (matches_any(selection.exclude, name_text, below_root, shown_for_globs)) continue;
            const unsigned char type = listed_type(listing, *entry);
            if (type == DT_DIR) {
                pending.push_back({joined(dir.path, name), below_root});
                continue;
            }
            if (!is_submission_name(name)) continue;
            if (!selection.include.empty() && !matches_any(selection.include, name_text, below_root, shown_for_globs)) {
                continue;
            }
            // Regular files, links to files, and broken or looping links:
            // the last two are reported as unreadable when loaded. Anything
            // else (a FIFO, a socket, a device) is reported without being
            // opened: opening or reading it could block the run forever.
            std::string path = joined(dir.path, name);
            std::optional<FileId> id;
            bool special = type != DT_REG && type != DT_LNK && type != DT_UNKNOWN;
            struct stat info {};
            if (!special && ::fstatat(listing.fd(), entry->d_name, &info, 0) == 0) {
                if (S_ISDIR(info.st_mode)) continue;  // a link to a directory: not followed
                special = !S_ISREG(info.st_mode);
                // A path too long to open is unreadable when loaded; with an
                // identity it could stand in for a readable name of the same
                // file (judged once, under the first name).
                if (!special && path.size() < PATH_MAX) id = id_of(info);
            }
            // The run's own report from an earlier run: not a submission.
            if (!selection.skip.empty() && is_skipped_file(path, id, selection)) continue;
            out.push_back(InputFile{std::move(path), shown, special ? "not a regular file" : "", id});
        }
    }
}

// Looks up which file each input is, and keeps only the first name (in the
// inputs' order) of a file reached under several: judged twice, it would be
// its own duplicate submission (cross.duplicate-submission) and appear twice
// in the report.
void drop_second_names(std::vector<InputFile>& inputs) {
    std::map<FileId, std::size_t> first;  // index in `kept`
    std::vector<InputFile> kept;
    kept.reserve(inputs.size());
    for (InputFile& input : inputs) {
        if (input.unreadable.empty() && !input.id) input.id = file_id(input.path);  // walks found most already
        if (input.id) {
            const auto [it, inserted] = first.emplace(*input.id, kept.size());
            if (!inserted) {
                const std::string& name = kept[it->second].display_name;
                spdlog::warn("{} is the same file as {}: judged once, as {}", input.display_name, name, name);
                continue;
            }
        }
        kept.push_back(std::move(input));
    }
    inputs = std::move(kept);
}

}  // namespace

bool glob_matches(const std::string& glob, const std::string& name, const std::string& relative,
                  const std::string& shown) {
    std::string_view pattern(glob);
    while (pattern.starts_with("./")) pattern.remove_prefix(2);
    const std::string p(pattern);
    if (p.find('/') == std::string::npos) return ::fnmatch(p.c_str(), name.c_str(), 0) == 0;
    return ::fnmatch(p.c_str(), relative.c_str(), 0) == 0 || ::fnmatch(p.c_str(), shown.c_str(), 0) == 0;
}

std::vector<InputFile> collect_inputs(const std::vector<std::string>& paths) { return collect_inputs(paths, {}); }

std::vector<InputFile> collect_inputs(const std::vector<std::string>& paths, const InputSelection& selection) {
    std::vector<InputFile> inputs;
    for (const std::string& arg : paths) {
        const fs::path path(arg);
        std::error_code ec;
        const fs::file_status status = fs::status(path, ec);
        if (!fs::exists(status)) {
            if (fs::is_symlink(fs::symlink_status(path, ec))) {
                inputs.push_back(InputFile{arg, arg, ""});  // a broken link: unreadable, reported per file
                continue;
            }
            throw ConfigError("no such file or directory: " + arg);
        }
        if (fs::is_directory(status)) {
            const std::size_t before = inputs.size();
            walk(arg, arg, selection, inputs);
            if (inputs.size() == before) {
                const bool filtered = !selection.exclude.empty() || !selection.include.empty();
                throw ConfigError("directory " + arg + " holds no *.json, *.xlsx or *.ods file" +
                                  (filtered ? " that --exclude and --include leave in" : "") +
                                  " (hidden directories and node_modules/ are not searched)");
            }
        } else {
            inputs.push_back(InputFile{arg, arg, ""});
        }
    }
    std::sort(inputs.begin(), inputs.end(),
              [](const InputFile& a, const InputFile& b) { return a.display_name < b.display_name; });
    inputs.erase(std::unique(inputs.begin(), inputs.end(),
                             [](const InputFile& a, const InputFile& b) { return a.display_name == b.display_name; }),
                 inputs.end());
    drop_second_names(inputs);
    return inputs;
}

std::optional<FileId> file_id(const fs::path& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) return std::nullopt;
    return id_of(info);
}

}  // namespace lmacheck
