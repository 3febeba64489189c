// The municipality reference list (CBS codes by year), read from
// rules/reference/municipalities.json; see rules/reference/README.md.
#pragma once

#include "lmacheck/reference.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace lmacheck {

class StructureChecker;

class ReferenceList final : public ReferenceData {
public:
    // Validates the file against `schema_file` and loads it; throws ConfigError
    // naming the file and the entry at fault.
    static ReferenceList load(const std::filesystem::path& file, const std::filesystem::path& schema_file);

    const Municipality* municipality(std::string_view code, int year) const override;
    std::size_t size() const { return entries_count_; }

    // Reads every register in `dir` (rules/registers/NAME.json), each
    // validated against `schemas_dir`/register-NAME.schema.json; a register
    // without its schema, or one that fails it, is a ConfigError naming the
    // file. A missing directory holds no registers.
    void load_registers(const std::filesystem::path& dir, const std::filesystem::path& schemas_dir);
    const nlohmann::json* register_data(std::string_view name) const override;
    std::size_t register_count() const { return registers_.size(); }

private:
    struct Period {
        int from = 0;
        int to = 0;
        Municipality municipality;
    };
    std::unordered_map<std::string, std::vector<Period>> by_code_;
    std::size_t entries_count_ = 0;
    std::map<std::string, nlohmann::json, std::less<>> registers_;
};

}  // namespace lmacheck
