// SHA-256 of a submission's bytes: the fingerprint reports carry so a result
// can be tied to the exact file that produced it.
#include "document/document.hpp"

// OpenSSL's low-level SHA-256 (deprecated in OpenSSL 3, present in every 3.x
// release) instead of EVP: the first EVP call loads the provider tables,
// which cost a third of lmacheck's start-up on one file (3 M instructions,
// measured with callgrind), and EVP_Digest allocates a context per call. The
// low-level functions hash on the stack with the same assembly (SHA-NI or
// AVX2, chosen by OpenSSL's CPU detection). decisions.md, "SHA-256".
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>

#include <stdexcept>

namespace lmacheck {

std::string sha256_hex(std::string_view bytes) {
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256_CTX context;
    if (SHA256_Init(&context) != 1 || SHA256_Update(&context, bytes.data(), bytes.size()) != 1 ||
        SHA256_Final(digest, &context) != 1) {
        throw std::runtime_error("OpenSSL could not compute a SHA-256 digest");
    }
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(2 * SHA256_DIGEST_LENGTH);
    for (unsigned char byte : digest) {
        out.push_back(hex[byte >> 4]);
        out.push_back(hex[byte & 0x0F]);
    }
    return out;
}

}  // namespace lmacheck
