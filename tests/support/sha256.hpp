// SHA-256 for tests that check the hashes the program reports and stores:
// computed here with OpenSSL directly, not with the program's own code, so a
// fault in the program's hashing cannot hide itself.
#pragma once

#include <string>

namespace lmacheck::test {

// Lowercase hex SHA-256 of `bytes`.
std::string sha256_hex(const std::string& bytes);

}  // namespace lmacheck::test
