// Reading the tool's own configuration files (rule sets, reference lists):
// parse (strictly: see document/config_json.hpp), validate against their
// schema, and fail with a ConfigError that names the file and every problem
// with its line and column.
#pragma once

#include "document/document.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

namespace lmacheck {

// The file parsed; its json is always set, and position_of() answers for it.
Document read_json_document(const std::filesystem::path& file, const std::string& what);

nlohmann::json read_json_file(const std::filesystem::path& file, const std::string& what);

Document read_validated_json(const std::filesystem::path& file, const std::filesystem::path& schema_file,
                             const std::string& what);

}  // namespace lmacheck
