// The service's tokens (docs/service.md): a JSON file that holds, per token,
// its name, role, submitter (for submitters) and the SHA-256 of the token,
// never the token itself. `lmacheck token add|list|revoke` edits it; the
// service reads it, and reads it again when it changes, so that a revoked
// token stops working without a restart.
#pragma once

#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lmacheck::service {

enum class Role { steward, submitter };

std::string_view to_string(Role role);
std::optional<Role> parse_role(std::string_view text);

struct TokenEntry {
    std::string name;
    Role role = Role::submitter;
    std::optional<std::string> submitter;  // the AGB or municipality code a submitter token is bound to
    std::string sha256;                    // hex, of the token
    std::string created_at;                // UTC, RFC 3339
};

// Whether `id` has the form of an AGB code (8 digits) or a CBS municipality code ("GM" + 4 digits).
bool valid_submitter_id(std::string_view id);

class TokenFile {
public:
    // A missing file is an empty one. Throws ConfigError naming the file and
    // what is wrong with it.
    static TokenFile load(const std::filesystem::path& file);

    // Writes the file anew (a temporary file renamed over it, mode 0600).
    void save(const std::filesystem::path& file) const;

    // Adds a token and returns it (the only time it exists in clear).
    // Throws ConfigError for a name in use, an empty or overlong name, or a
    // submitter id that is missing, superfluous or malformed.
    std::string add(const std::string& name, Role role, const std::optional<std::string>& submitter);

    // Removes the token of that name; false when there is none.
    bool revoke(std::string_view name);

    // The entry whose hash matches `token`, comparing every entry in
    // constant time (CRYPTO_memcmp), or nullptr.
    const TokenEntry* find(std::string_view token) const;

    const std::vector<TokenEntry>& entries() const { return entries_; }

private:
    std::vector<TokenEntry> entries_;
};

// A new random token: "lma_" and 43 base64url characters (256 bits from OpenSSL's RAND_bytes).
std::string new_token();

// The tokens file as the service sees it: read at start, read again when its
// modification time or size changes. A file that turns invalid keeps the last
// good tokens (and logs why).
class TokenRegistry {
public:
    // No file: no token is valid (every call that needs one is 401).
    explicit TokenRegistry(std::optional<std::filesystem::path> file);

    // The entry of the token in an `Authorization: Bearer TOKEN` header value.
    std::optional<TokenEntry> authenticate(std::string_view authorization);

private:
    void reload_if_changed();

    std::optional<std::filesystem::path> file_;
    std::mutex mutex_;
    TokenFile tokens_;
    std::filesystem::file_time_type modified_{};
    std::uintmax_t size_ = 0;
};

}  // namespace lmacheck::service
