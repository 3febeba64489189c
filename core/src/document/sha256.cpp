// SHA-256 of a submission's bytes: the fingerprint reports carry so a result
// can be tied to the exact file that produced it.
#include "document/document.hpp"

#include <openssl/evp.h>

#include <stdexcept>

namespace lmacheck {

std::string sha256_hex(std::string_view bytes) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    // EVP rather than the deprecated SHA256() of OpenSSL 3. The algorithm is
    // fetched once: EVP_sha256() makes every EVP_Digest() look it up again in
    // the provider tables, which costs as much as hashing a small file.
    // Fetched objects are thread-safe to share; this one lives to the end.
    static EVP_MD* const sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    if (sha256 == nullptr || EVP_Digest(bytes.data(), bytes.size(), digest, &length, sha256, nullptr) != 1) {
        throw std::runtime_error("OpenSSL could not compute a SHA-256 digest");
    }
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(2 * length);
    for (unsigned int i = 0; i < length; ++i) {
        out.push_back(hex[digest[i] >> 4]);
        out.push_back(hex[digest[i] & 0x0F]);
    }
    return out;
}

}  // namespace lmacheck
