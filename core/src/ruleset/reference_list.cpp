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

namespace {

namespace fs = std::filesystem;

// A register entry must be a regular file, or a link to one.
void require_regular_file(const fs::path& path) {
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);  // through links
    if (status.type() == fs::file_type::not_found) {
        throw ConfigError("register " + path.string() + " is a link to nothing (" +
                          fs::read_symlink(path, ec).string() + ")");
    }
    if (ec) throw ConfigError("register " + path.string() + " cannot be read: " + ec.message());
    if (!fs::is_regular_file(status)) {
        throw ConfigError("register " + path.string() + " is not a regular file" +
                          (fs::is_directory(status) ? " but a directory" : ""));
    }
}

// The registers in `dir`: its NAME.json entries, sorted (the same order, and
// the same first error, on every machine). Every failure is a ConfigError
// naming the directory or the entry, never a filesystem_error; an entry named
// NAME.json that is no regular file (a directory, a link to nothing, a FIFO)
// is an error too, not a register silently missing or read from a device.
std::vector<fs::path> register_files(const fs::path& dir) {
    std::error_code ec;
    const fs::file_status status = fs::status(dir, ec);
    if (status.type() == fs::file_type::not_found) {
        if (fs::is_symlink(fs::symlink_status(dir, ec))) {
            throw ConfigError("registers directory " + dir.string() + " is a link to nothing");
        }
        return {};  // no registers
    }
    if (ec) throw ConfigError("registers directory " + dir.string() + " cannot be read: " + ec.message());
    if (!fs::is_directory(status)) throw ConfigError("registers directory " + dir.string() + " is not a directory");
    fs::directory_iterator it(dir, ec);
    std::vector<fs::path> files;
    for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
        if (it->path().extension() == ".json") files.push_back(it->path());
    }
    if (ec) throw ConfigError("registers directory " + dir.string() + " cannot be read: " + ec.message());
    std::sort(files.begin(), files.end());
    for (const fs::path& path : files) require_regular_file(path);
    return files;
}

}  // namespace

void ReferenceList::load_registers(const std::filesystem::path& dir, const std::filesystem::path& schemas_dir) {
    std::error_code ec;
    for (const std::filesystem::path& file : register_files(dir)) {
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
