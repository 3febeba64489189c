#include "service/tokens.hpp"

#include "document/document.hpp"
#include "model/config_error.hpp"
#include "model/utc_time.hpp"

#include <nettle/memops.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <sys/random.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

namespace lmacheck::service {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t max_name_length = 200;

std::string base64url(const unsigned char* data, std::size_t size) {
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string out;
    unsigned bits = 0;
    int count = 0;
    for (std::size_t i = 0; i < size; ++i) {
        bits = (bits << 8) | data[i];
        count += 8;
        while (count >= 6) {
            count -= 6;
            out += alphabet[(bits >> count) & 0x3F];
        }
    }
    if (count > 0) out += alphabet[(bits << (6 - count)) & 0x3F];
    return out;
}

bool is_hex_sha256(const std::string& text) {
    return text.size() == 64 && text.find_first_not_of("0123456789abcdef") == std::string::npos;
}

void check_name(const std::string& name, const std::string& where) {
    if (name.empty() || name.size() > max_name_length) {
        throw ConfigError(where + "a token's name must have 1 to " + std::to_string(max_name_length) + " bytes");
    }
    for (const char c : name) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
            throw ConfigError(where + "a token's name must not hold control characters");
        }
    }
}

void check_submitter(Role role, const std::optional<std::string>& submitter, const std::string& where) {
    if (role == Role::submitter && !submitter) throw ConfigError(where + "a submitter token needs --submitter ID");
    if (role == Role::steward && submitter) throw ConfigError(where + "a steward token is bound to no submitter");
    if (submitter && !valid_submitter_id(*submitter)) {
        throw ConfigError(where + "'" + *submitter +
                          "' is not a submitter id (an AGB code of 8 digits or a municipality code GM0000)");
    }
}

TokenEntry read_entry(const nlohmann::json& item, const std::string& where) {
    if (!item.is_object()) throw ConfigError(where + "is not an object");
    const auto text = [&](const char* key) -> std::string {
        if (!item.contains(key) || !item[key].is_string()) throw ConfigError(where + "has no text '" + key + "'");
        return item[key].get<std::string>();
    };
    TokenEntry entry;
    entry.name = text("name");
    check_name(entry.name, where);
    const std::optional<Role> role = parse_role(text("role"));
    if (!role) throw ConfigError(where + "has a role other than steward or submitter");
    entry.role = *role;
    if (item.contains("submitter") && !item["submitter"].is_null()) entry.submitter = text("submitter");
    check_submitter(entry.role, entry.submitter, where);
    entry.sha256 = text("sha256");
    if (!is_hex_sha256(entry.sha256)) throw ConfigError(where + "has no SHA-256 (64 lowercase hex digits)");
    if (item.contains("created_at") && item["created_at"].is_string()) entry.created_at = item["created_at"];
    return entry;
}

std::array<unsigned char, 32> hex_to_bytes(const std::string& hex) {
    std::array<unsigned char, 32> out{};
    for (std::size_t i = 0; i < out.size(); ++i) {
        out[i] = static_cast<unsigned char>(std::stoi(hex.substr(2 * i, 2), nullptr, 16));
    }
    return out;
}

}  // namespace

std::string_view to_string(Role role) { return role == Role::steward ? "steward" : "submitter"; }

std::optional<Role> parse_role(std::string_view text) {
    if (text == "steward") return Role::steward;
    if (text == "submitter") return Role::submitter;
    return std::nullopt;
}

bool valid_submitter_id(std::string_view id) {
    const auto digits = [](std::string_view s) {
        return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
    };
    if (id.size() == 8 && digits(id)) return true;
    return id.size() == 6 && id.substr(0, 2) == "GM" && digits(id.substr(2));
}

TokenFile TokenFile::load(const fs::path& file) {
    TokenFile tokens;
    std::error_code ec;
    if (!fs::exists(file, ec)) return tokens;
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (!in) throw ConfigError("cannot read the tokens file " + file.string());
    const nlohmann::json document = nlohmann::json::parse(text.str(), nullptr, false);
    const std::string where = "the tokens file " + file.string() + ": ";
    if (!document.is_object() || !document.contains("tokens") || !document["tokens"].is_array()) {
        throw ConfigError(where + "is not a JSON object with a 'tokens' array (see docs/service.md)");
    }
    const nlohmann::json& items = document["tokens"];
    for (std::size_t i = 0; i < items.size(); ++i) {
        TokenEntry entry = read_entry(items[i], where + "/tokens/" + std::to_string(i) + " ");
        for (const TokenEntry& other : tokens.entries_) {
            if (other.name == entry.name) throw ConfigError(where + "the name '" + entry.name + "' is used twice");
        }
        tokens.entries_.push_back(std::move(entry));
    }
    return tokens;
}

void TokenFile::save(const fs::path& file) const {
    nlohmann::ordered_json items = nlohmann::ordered_json::array();
    for (const TokenEntry& e : entries_) {
        nlohmann::ordered_json item{{"name", e.name}, {"role", to_string(e.role)}};
        item["submitter"] = e.submitter ? nlohmann::ordered_json(*e.submitter) : nlohmann::ordered_json(nullptr);
        item["sha256"] = e.sha256;
        item["created_at"] = e.created_at;
        items.push_back(std::move(item));
    }
    const std::string text = nlohmann::ordered_json{{"tokens_version", 1}, {"tokens", items}}.dump(2) + "\n";
    const fs::path temporary = file.string() + ".tmp";
    {
        std::FILE* out = std::fopen(temporary.c_str(), "wb");
        if (out == nullptr) throw ConfigError("cannot write the tokens file " + temporary.string());
        ::chmod(temporary.c_str(), 0600);  // hashes only, but nobody else needs to read them
        const bool written = std::fwrite(text.data(), 1, text.size(), out) == text.size();
        if (std::fclose(out) != 0 || !written) throw ConfigError("cannot write the tokens file " + temporary.string());
    }
    std::error_code ec;
    fs::rename(temporary, file, ec);
    if (ec) throw ConfigError("cannot replace the tokens file " + file.string() + ": " + ec.message());
}

std::string TokenFile::add(const std::string& name, Role role, const std::optional<std::string>& submitter) {
    check_name(name, "");
    check_submitter(role, submitter, "");
    for (const TokenEntry& e : entries_) {
        if (e.name == name) throw ConfigError("a token named '" + name + "' exists already (revoke it first)");
    }
    std::string token = new_token();
    entries_.push_back(TokenEntry{name, role, submitter, sha256_hex(token), utc_now_rfc3339()});
    return token;
}

bool TokenFile::revoke(std::string_view name) {
    const auto it = std::find_if(entries_.begin(), entries_.end(), [&](const TokenEntry& e) { return e.name == name; });
    if (it == entries_.end()) return false;
    entries_.erase(it);
    return true;
}

const TokenEntry* TokenFile::find(std::string_view token) const {
    const std::array<unsigned char, 32> presented = hex_to_bytes(sha256_hex(token));
    const TokenEntry* found = nullptr;
    // Every entry is compared, whatever matched before: the time taken does
    // not tell how many entries there are before the right one, nor how much
    // of a hash matched.
    for (const TokenEntry& e : entries_) {
        const std::array<unsigned char, 32> stored = hex_to_bytes(e.sha256);
        if (memeql_sec(presented.data(), stored.data(), stored.size()) != 0) found = &e;
    }
    return found;
}

std::string new_token() {
    // The kernel's random source (getrandom: it waits until the pool was
    // seeded once, then never blocks; 32 bytes come whole).
    std::array<unsigned char, 32> random{};
    std::size_t drawn = 0;
    while (drawn < random.size()) {
        const ssize_t got = ::getrandom(random.data() + drawn, random.size() - drawn, 0);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) throw ConfigError(std::string("cannot draw random bytes for a token: ") + std::strerror(errno));
        drawn += static_cast<std::size_t>(got);
    }
    return "lma_" + base64url(random.data(), random.size());
}

TokenRegistry::TokenRegistry(std::optional<fs::path> file) : file_(std::move(file)) {
    if (file_) {
        tokens_ = TokenFile::load(*file_);  // an invalid file stops the start (ConfigError)
        std::error_code ec;
        modified_ = fs::last_write_time(*file_, ec);
        size_ = fs::file_size(*file_, ec);
        if (ec) size_ = 0;
    }
}

void TokenRegistry::reload_if_changed() {
    std::error_code ec;
    const fs::file_time_type modified = fs::last_write_time(*file_, ec);
    std::uintmax_t size = ec ? 0 : fs::file_size(*file_, ec);
    if (ec) size = 0;
    if (modified == modified_ && size == size_) return;
    modified_ = modified;
    size_ = size;
    try {
        tokens_ = TokenFile::load(*file_);
        spdlog::info("read the tokens file {} again: {} token(s)", file_->string(), tokens_.entries().size());
    } catch (const ConfigError& e) {
        spdlog::error("{}; the tokens read before stay in force", e.what());
    }
}

std::optional<TokenEntry> TokenRegistry::authenticate(std::string_view authorization) {
    constexpr std::string_view scheme = "Bearer ";
    if (authorization.size() <= scheme.size() || authorization.substr(0, scheme.size()) != scheme) return std::nullopt;
    const std::string_view token = authorization.substr(scheme.size());
    if (!file_) return std::nullopt;
    const std::lock_guard lock(mutex_);
    reload_if_changed();
    const TokenEntry* entry = tokens_.find(token);
    if (entry == nullptr) return std::nullopt;
    return *entry;
}

}  // namespace lmacheck::service
