// Shared setup for tests that run the real engine: the repository's schemas
// and rules, the plugins built beside the tests.
#pragma once

#include "engine/engine.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <unistd.h>

namespace lmacheck::testing {

inline std::filesystem::path source_dir() { return LMACHECK_SOURCE_DIR; }

inline std::string read_text(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

inline nlohmann::json sample(const std::string& relative) {
    return nlohmann::json::parse(read_text(source_dir() / "samples" / relative));
}

// A file in a fresh temporary directory, removed with the object.
class TempFile {
public:
    explicit TempFile(const std::string& content, const std::string& name = "file.json") {
        std::string pattern = (std::filesystem::temp_directory_path() / "lmacheck-test-XXXXXX").string();
        dir_ = mkdtemp(pattern.data());
        path_ = dir_ / name;
        std::ofstream(path_, std::ios::binary) << content;
    }
    ~TempFile() {
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path dir_;
    std::filesystem::path path_;
};

inline EngineOptions engine_options(std::optional<std::filesystem::path> ruleset = std::nullopt) {
    EngineOptions options;
    options.data_dir = source_dir();
    options.plugin_dirs = {LMACHECK_PLUGIN_DIR};
    options.ruleset_file = std::move(ruleset);
    return options;
}

inline SubmissionReport validate(const Engine& engine, const nlohmann::json& document) {
    ValidationContext context;
    return engine.validate_bytes(document.dump(2), "test.json", context);
}

inline const Finding* find(const SubmissionReport& report, const std::string& rule, const std::string& path) {
    for (const Finding& f : report.findings) {
        if (f.rule == rule && f.path == path) return &f;
    }
    return nullptr;
}

}  // namespace lmacheck::testing
