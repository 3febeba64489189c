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

#include <fnmatch.h>
#include <sys/stat.h>

namespace lmacheck {
namespace {

namespace fs = std::filesystem;

// Submissions below a directory: *.json and workbooks (*.xlsx, *.ods), but
// not the lock file Excel keeps beside an open workbook ("~$name.xlsx").
bool is_json_name(const fs::path& p) {
    if (p.extension() == ".json") return true;
    const std::string name = p.filename().string();
    return is_workbook_name(name) && !name.starts_with("~$");
}

bool matches_any(const std::vector<std::string>& globs, const std::string& name, const std::string& relative,
                 const std::string& shown) {
    return std::any_of(globs.begin(), globs.end(),
                       [&](const std::string& glob) { return glob_matches(glob, name, relative, shown); });
}

// What a walk never enters or picks up: hidden entries (.git/, .venv/, an
// editor's .#backup.json, the .lmacheck.json configuration) and node_modules/.
bool always_left_out(const std::string& name) { return name.starts_with('.') || name == "node_modules"; }

// Whether the file starts as lmacheck's JSON report does ({ then
// "report_version" first): the one report format a walk could pick up.
bool looks_like_a_report(const fs::path& file) {
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
bool is_skipped_file(const fs::path& entry, const InputSelection& selection) {
    if (selection.skip.empty()) return false;
    const std::optional<FileId> id = file_id(entry);
    return id && std::find(selection.skip.begin(), selection.skip.end(), *id) != selection.skip.end() &&
           looks_like_a_report(entry);
}

// Walks a directory without following directory links; a subdirectory that
// cannot be listed becomes an unreadable input instead of vanishing.
void walk(const fs::path& root, const std::string& shown_root, const InputSelection& selection,
          std::vector<InputFile>& out) {
    std::vector<fs::path> pending{root};
    while (!pending.empty()) {
        const fs::path dir = pending.back();
        pending.pop_back();
        const fs::path relative = dir.lexically_relative(root);
        const std::string shown_dir = (fs::path(shown_root) / relative).lexically_normal().string();
        std::error_code ec;
        fs::directory_iterator it(dir, ec);
        if (ec) {
            out.push_back(InputFile{dir.string(), shown_dir, "cannot list directory: " + ec.message()});
            continue;
        }
        for (; it != fs::directory_iterator(); it.increment(ec)) {
            if (ec) {
                out.push_back(InputFile{dir.string(), shown_dir, "cannot list directory: " + ec.message()});
                break;
            }
            const fs::path& entry = it->path();
            const std::string name = entry.filename().string();
            const std::string below_root = entry.lexically_relative(root).generic_string();
            const std::string shown_entry = (fs::path(shown_root) / below_root).generic_string();
            if (always_left_out(name) || matches_any(selection.exclude, name, below_root, shown_entry)) continue;
            std::error_code status_ec;
            // The entry's own type comes with the directory listing (no stat);
            // only a link needs its target looked up.
            const fs::file_status link_status = it->symlink_status(status_ec);
            if (fs::is_directory(link_status)) {
                pending.push_back(entry);
            } else if (is_json_name(entry)) {
                const bool included =
                    selection.include.empty() || matches_any(selection.include, name, below_root, shown_entry);
                if (!included) continue;
                const fs::file_status target = fs::is_symlink(link_status) ? fs::status(entry, status_ec) : link_status;
                if (fs::is_directory(target)) continue;  // a link to a directory: not followed
                // The run's own report from an earlier run: not a submission.
                if (is_skipped_file(entry, selection)) continue;
                // Regular files, links to files, and broken or looping links:
                // the last two are reported as unreadable when loaded. Anything
                // else (a FIFO, a socket, a device) is reported without being
                // opened: opening or reading it could block the run forever.
                const bool special = !status_ec && !fs::is_regular_file(target);
                const fs::path shown = fs::path(shown_root) / entry.lexically_relative(root);
                out.push_back(InputFile{entry.string(), shown.string(), special ? "not a regular file" : ""});
            }
        }
    }
}

// Looks up which file each input is, and keeps only the first name (in the
// inputs' order) of a file reached under several: judged twice, it would be
// its own duplicate submission (cross.duplicate-submission) and appear twice
// in the report.
void drop_second_names(std::vector<InputFile>& inputs) {
    std::map<FileId, std::string> first_name;
    std::vector<InputFile> kept;
    kept.reserve(inputs.size());
    for (InputFile& input : inputs) {
        if (input.unreadable.empty()) input.id = file_id(input.path);
        if (input.id) {
            const auto [it, inserted] = first_name.emplace(*input.id, input.display_name);
            if (!inserted) {
                spdlog::warn("{} is the same file as {}: judged once, as {}", input.display_name, it->second,
                             it->second);
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
            walk(path, arg, selection, inputs);
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
    return FileId{static_cast<std::uintmax_t>(info.st_dev), static_cast<std::uintmax_t>(info.st_ino)};
}

}  // namespace lmacheck
