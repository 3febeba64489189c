// Reading the tool's own configuration files (rule sets, reference lists):
// parse, validate against their schema, and fail with a ConfigError that
// names the file and every problem.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

namespace lmacheck {

nlohmann::json read_json_file(const std::filesystem::path& file, const std::string& what);

nlohmann::json read_validated_json(const std::filesystem::path& file, const std::filesystem::path& schema_file,
                                   const std::string& what);

}  // namespace lmacheck
