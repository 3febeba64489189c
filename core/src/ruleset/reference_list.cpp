#include "ruleset/reference_list.hpp"

#include "document/config_json.hpp"
#include "model/config_error.hpp"
#include "ruleset/json_file.hpp"

#include <algorithm>
#include <vector>

namespace lmacheck {
namespace {

// "/3 (line 40, column 3)": an entry by its pointer and its place in the file.
std::string entry_at(const Document& document, std::size_t index) {
    const std::string pointer = "/" + std::to_string(index);
    const std::string position = describe_position(document, pointer);
    return position.empty() ? pointer : pointer + " (" + position + ")";
}

}  // namespace

ReferenceList ReferenceList::load(const std::filesystem::path& file, const std::filesystem::path& schema_file) {
    const Document document = read_validated_json(file, schema_file, "reference list");
    ReferenceList list;
    const nlohmann::json& entries = *document.json;  // an array of entries, see rules/reference/README.md
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const nlohmann::json& entry = entries[i];
        Period period;
        period.from = entry.at("valid_from").get<int>();
        period.to = entry.at("valid_to").get<int>();
        period.municipality = Municipality{entry.at("code").get<std::string>(), entry.at("name").get<std::string>(),
                                           entry.at("province").get<std::string>(),
                                           entry.at("region").get<std::string>(), entry.at("central").get<bool>()};
        if (period.from > period.to) {
            throw ConfigError("reference list " + file.string() + ": entry " + entry_at(document, i) +
                              " has valid_from after valid_to");
        }
        auto& periods = list.by_code_[period.municipality.code];
        for (const Period& other : periods) {
            if (period.from <= other.to && other.from <= period.to) {
                throw ConfigError("reference list " + file.string() + ": entry " + entry_at(document, i) + " (" +
                                  period.municipality.code + ") overlaps the years of an earlier entry");
            }
        }
        periods.push_back(std::move(period));
        ++list.entries_count_;
    }
    return list;
}

void ReferenceList::load_registers(const std::filesystem::path& dir, const std::filesystem::path& schemas_dir) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) return;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        if (entry.path().extension() == ".json") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());  // the same order, and the same first error, on every machine
    for (const std::filesystem::path& file : files) {
        const std::string name = file.stem().string();
        const std::filesystem::path schema = schemas_dir / ("register-" + name + ".schema.json");
        if (!std::filesystem::is_regular_file(schema, ec)) {
            throw ConfigError("register " + file.string() + ": no schema " + schema.string() +
                              " for a register named " + name + " (rules/registers/README.md)");
        }
        registers_[name] = std::move(*read_validated_json(file, schema, "register").json);
    }
}

const nlohmann::json* ReferenceList::register_data(std::string_view name) const {
    const auto it = registers_.find(name);
    return it == registers_.end() ? nullptr : &it->second;
}

const Municipality* ReferenceList::municipality(std::string_view code, int year) const {
    auto it = by_code_.find(std::string(code));
    if (it == by_code_.end()) return nullptr;
    for (const Period& period : it->second) {
        if (period.from <= year && year <= period.to) return &period.municipality;
    }
    return nullptr;
}

}  // namespace lmacheck
