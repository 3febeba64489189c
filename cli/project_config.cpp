#include "cli/project_config.hpp"

#include "document/config_json.hpp"
#include "document/file_bytes.hpp"
#include "model/closest_word.hpp"
#include "model/config_error.hpp"

#include <cstdlib>
#include <limits>
#include <system_error>

namespace lmacheck::cli {
namespace {

namespace fs = std::filesystem;

const std::vector<std::string> known_keys{"ruleset", "store", "lang", "max_warnings", "exclude", "include"};

// "FILE, line L, column C" of the value of `key`, for messages.
std::string place_of(const fs::path& file, const Document& document, const std::string& key) {
    const std::string position = describe_position(document, "/" + key);
    return file.string() + (position.empty() ? "" : ", " + position);
}

[[noreturn]] void wrong_value(const fs::path& file, const Document& document, const std::string& key,
                              const std::string& expected) {
    throw ConfigError(place_of(file, document, key) + ": \"" + key + "\" must be " + expected);
}

// A path of the file, as written when absolute, else from the file's directory.
std::string path_from(const fs::path& file, const std::string& value) {
    const fs::path path(value);
    return path.is_absolute() ? value : (file.parent_path() / path).lexically_normal().string();
}

std::string string_value(const fs::path& file, const Document& document, const std::string& key,
                         const nlohmann::json& value) {
    if (!value.is_string() || value.get<std::string>().empty()) wrong_value(file, document, key, "a non-empty string");
    return value.get<std::string>();
}

std::vector<std::string> globs_value(const fs::path& file, const Document& document, const std::string& key,
                                     const nlohmann::json& value) {
    const std::string expected = "a list of globs (non-empty strings)";
    if (!value.is_array()) wrong_value(file, document, key, expected);
    std::vector<std::string> globs;
    for (const nlohmann::json& glob : value) {
        if (!glob.is_string() || glob.get<std::string>().empty()) wrong_value(file, document, key, expected);
        globs.push_back(glob.get<std::string>());
    }
    return globs;
}

long long max_warnings_value(const fs::path& file, const Document& document, const nlohmann::json& value) {
    const std::string expected = "a whole number from -1 (no limit) up";
    // 3.0 is the whole number 3, as in every JSON the tool reads.
    if (value.is_number_integer()) {
        if (value.is_number_unsigned() && value.get<unsigned long long>() >
                                              static_cast<unsigned long long>(std::numeric_limits<long long>::max())) {
            wrong_value(file, document, "max_warnings", expected);
        }
        const long long n = value.get<long long>();
        if (n < -1) wrong_value(file, document, "max_warnings", expected);
        return n;
    }
    if (value.is_number_float()) {
        const double d = value.get<double>();
        if (d >= -1 && d < 9.2e18 && d == static_cast<double>(static_cast<long long>(d))) {
            return static_cast<long long>(d);
        }
    }
    wrong_value(file, document, "max_warnings", expected);
}

}  // namespace

std::optional<fs::path> find_project_config(const fs::path& start) {
    if (std::getenv("LMACHECK_NO_CONFIG") != nullptr) return std::nullopt;
    std::error_code ec;
    fs::path dir = fs::absolute(start, ec).lexically_normal();
    if (ec) return std::nullopt;
    while (true) {
        const fs::path candidate = dir / project_config_name;
        if (fs::exists(fs::symlink_status(candidate, ec))) return candidate;
        if (dir == dir.root_path() || dir.parent_path() == dir) return std::nullopt;
        dir = dir.parent_path();
    }
}

ProjectConfig load_project_config(const fs::path& file) {
    const std::string label = "configuration file " + file.string();
    const Document document = parse_config_document(read_config_file(file, "configuration file"), label);
    const nlohmann::json& root = *document.json;
    if (!root.is_object()) throw ConfigError(label + ": must be a JSON object of settings");
    ProjectConfig config;
    config.file = file;
    for (const auto& [key, value] : root.items()) {
        if (key == "ruleset") {
            config.ruleset = path_from(file, string_value(file, document, key, value));
        } else if (key == "store") {
            config.store = path_from(file, string_value(file, document, key, value));
        } else if (key == "lang") {
            std::string lang = string_value(file, document, key, value);
            for (char& c : lang) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            if (lang != "en" && lang != "nl") wrong_value(file, document, key, "\"en\" or \"nl\"");
            config.lang = lang;
        } else if (key == "max_warnings") {
            config.max_warnings = max_warnings_value(file, document, value);
        } else if (key == "exclude") {
            config.exclude = globs_value(file, document, key, value);
        } else if (key == "include") {
            config.include = globs_value(file, document, key, value);
        } else {
            const auto suggestion = closest_word(key, known_keys, 3);
            std::string known;
            for (const std::string& k : known_keys) known += (known.empty() ? "" : ", ") + k;
            throw ConfigError(place_of(file, document, key) + ": unknown setting \"" + key + "\"" +
                              (suggestion ? "; did you mean \"" + *suggestion + "\"?" : "") + " (known: " + known +
                              ")");
        }
    }
    return config;
}

ProjectConfig current_project_config() {
    std::error_code ec;
    const fs::path here = fs::current_path(ec);
    if (ec) return {};
    const std::optional<fs::path> file = find_project_config(here);
    return file ? load_project_config(*file) : ProjectConfig{};
}

}  // namespace lmacheck::cli
