// Shared setup for tests that run the real engine: the repository's schemas
// and rules, the plugins built beside the tests.
#pragma once

#include "engine/engine.hpp"
#include "engine/pipeline.hpp"
#include "model/config_error.hpp"
#include "support/file_bytes.hpp"
#include "support/test_paths.hpp"
#include "support/temp_dir.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>
#include <string>

namespace lmacheck::testing {

using test_paths::source_dir;

using test::read_bytes;

inline nlohmann::json sample(const std::string& relative) {
    return nlohmann::json::parse(read_bytes(source_dir / "samples" / relative));
}

// A file in a fresh temporary directory, removed with the object.
class TempFile {
public:
    explicit TempFile(const std::string& content, const std::string& name = "file.json")
        : path_(dir_.write(name, content)) {}
    const std::filesystem::path& path() const { return path_; }

private:
    test::TempDir dir_;
    std::filesystem::path path_;
};

inline EngineOptions engine_options(std::optional<std::filesystem::path> ruleset = std::nullopt) {
    EngineOptions options;
    options.data_dir = source_dir;
    options.plugin_dirs = {LMACHECK_PLUGIN_DIR};
    options.ruleset_file = std::move(ruleset);
    return options;
}

// The ConfigError an engine with this rule set refuses to start with, or "".
inline std::string config_error_of(const std::string& ruleset) {
    TempFile file(ruleset, "ruleset.json");
    try {
        Engine engine(engine_options(file.path()));
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "";
}

inline SubmissionReport validate(const Engine& engine, const nlohmann::json& document) {
    ValidationContext context;
    return judge_bytes(engine, document.dump(2), "test.json");
}

inline const Finding* find(const SubmissionReport& report, const std::string& rule, const std::string& path) {
    for (const Finding& f : report.findings) {
        if (f.rule == rule && f.path == path) return &f;
    }
    return nullptr;
}

}  // namespace lmacheck::testing
