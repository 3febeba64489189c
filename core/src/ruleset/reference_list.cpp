#include "ruleset/reference_list.hpp"

#include "document/config_json.hpp"
#include "model/config_error.hpp"
#include "ruleset/json_file.hpp"

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

const Municipality* ReferenceList::municipality(std::string_view code, int year) const {
    auto it = by_code_.find(std::string(code));
    if (it == by_code_.end()) return nullptr;
    for (const Period& period : it->second) {
        if (period.from <= year && year <= period.to) return &period.municipality;
    }
    return nullptr;
}

}  // namespace lmacheck
