#include "engine/batch.hpp"

#include "engine/config_error.hpp"

#include <algorithm>
#include <atomic>
#include <thread>

namespace lmacheck {
namespace {

namespace fs = std::filesystem;

bool is_json_name(const fs::path& p) { return p.extension() == ".json"; }

// Walks a directory without following directory links; a subdirectory that
// cannot be listed becomes an unreadable input instead of vanishing.
void walk(const fs::path& root, const std::string& shown_root, std::vector<InputFile>& out) {
    std::vector<fs::path> pending{root};
    while (!pending.empty()) {
        const fs::path dir = pending.back();
        pending.pop_back();
        const fs::path relative = dir.lexically_relative(root);
        const std::string shown_dir = (fs::path(shown_root) / relative).lexically_normal().string();
        std::error_code ec;
        fs::directory_iterator it(dir, ec);
        if (ec) {
            out.push_back(InputFile{dir, shown_dir, "cannot list directory: " + ec.message()});
            continue;
        }
        for (; it != fs::directory_iterator(); it.increment(ec)) {
            if (ec) {
                out.push_back(InputFile{dir, shown_dir, "cannot list directory: " + ec.message()});
                break;
            }
            const fs::path& entry = it->path();
            std::error_code status_ec;
            // The entry's own type comes with the directory listing (no stat);
            // only a link needs its target looked up.
            const fs::file_status link_status = it->symlink_status(status_ec);
            if (fs::is_directory(link_status)) {
                pending.push_back(entry);
            } else if (is_json_name(entry)) {
                const fs::file_status target = fs::is_symlink(link_status) ? fs::status(entry, status_ec) : link_status;
                if (fs::is_directory(target)) continue;  // a link to a directory: not followed
                // Regular files, links to files, and broken or looping links:
                // the last two are reported as unreadable when loaded. Anything
                // else (a FIFO, a socket, a device) is reported without being
                // opened: opening or reading it could block the run forever.
                const bool special = !status_ec && !fs::is_regular_file(target);
                const fs::path shown = fs::path(shown_root) / entry.lexically_relative(root);
                out.push_back(InputFile{entry, shown.string(), special ? "not a regular file" : ""});
            }
        }
    }
}

}  // namespace

std::vector<InputFile> collect_inputs(const std::vector<std::string>& paths) {
    std::vector<InputFile> inputs;
    for (const std::string& arg : paths) {
        const fs::path path(arg);
        std::error_code ec;
        const fs::file_status status = fs::status(path, ec);
        if (!fs::exists(status)) {
            if (fs::is_symlink(fs::symlink_status(path, ec))) {
                inputs.push_back(InputFile{path, arg, ""});  // a broken link: unreadable, reported per file
                continue;
            }
            throw ConfigError("no such file or directory: " + arg);
        }
        if (fs::is_directory(status)) {
            const std::size_t before = inputs.size();
            walk(path, arg, inputs);
            if (inputs.size() == before) throw ConfigError("directory " + arg + " holds no *.json file");
        } else {
            inputs.push_back(InputFile{path, arg, ""});
        }
    }
    std::sort(inputs.begin(), inputs.end(),
              [](const InputFile& a, const InputFile& b) { return a.display_name < b.display_name; });
    inputs.erase(std::unique(inputs.begin(), inputs.end(),
                             [](const InputFile& a, const InputFile& b) { return a.display_name == b.display_name; }),
                 inputs.end());
    return inputs;
}

RunReport run_batch(const Engine& engine, const std::vector<InputFile>& inputs, unsigned jobs,
                    const BatchProgress& progress) {
    RunReport run;
    run.submissions.resize(inputs.size());
    std::atomic<std::size_t> done{0};
    auto validate_one = [&](std::size_t i, ValidationContext& context) {
        const InputFile& input = inputs[i];
        try {
            if (!input.unreadable.empty()) {
                run.submissions[i] = engine.unreadable_input(input.display_name, input.unreadable);
            } else if (input.bytes) {
                run.submissions[i] = engine.validate_bytes(*input.bytes, input.display_name, context);
            } else {
                run.submissions[i] = engine.validate_file(input.path, input.display_name, context);
            }
        } catch (const std::exception& e) {
            // Never lose a file: whatever went wrong is reported against it.
            run.submissions[i] = engine.unreadable_input(input.display_name, std::string("internal error: ") + e.what());
        }
        if (progress) progress(++done, inputs.size());
    };

    const std::size_t workers = std::min<std::size_t>(std::max(1u, jobs), inputs.size());
    if (workers <= 1) {
        ValidationContext context;
        for (std::size_t i = 0; i < inputs.size(); ++i) validate_one(i, context);
    } else {
        std::atomic<std::size_t> next{0};
        std::vector<std::thread> threads;
        for (std::size_t w = 0; w < workers; ++w) {
            threads.emplace_back([&] {
                ValidationContext context;
                for (std::size_t i = next++; i < inputs.size(); i = next++) validate_one(i, context);
            });
        }
        for (std::thread& t : threads) t.join();
    }
    run.summary = summarize(run.submissions);
    return run;
}

}  // namespace lmacheck
