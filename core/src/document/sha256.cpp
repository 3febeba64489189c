// SHA-256 of a submission's bytes: the fingerprint reports carry so a result
// can be tied to the exact file that produced it.
#include "document/document.hpp"

// Nettle's SHA-256 (Debian nettle-dev), not OpenSSL's: libcrypto is a large
// library whose loading (relocations) cost every run 3 M instructions, an
// eighth of a one-file run's start-up, for this one function (measured with
// callgrind; docs/performance.md, cold start). Nettle is small and, built
// "fat" as Debian builds it, picks the same SHA-NI or x86-64 assembly at run
// time; hashing 64 MiB took the same time within 10 % here.
#include <nettle/sha2.h>

namespace lmacheck {

std::string sha256_hex(std::string_view bytes) {
    std::uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_ctx context;
    sha256_init(&context);
    sha256_update(&context, bytes.size(), reinterpret_cast<const std::uint8_t*>(bytes.data()));
    sha256_digest(&context, sizeof digest, digest);
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(2 * SHA256_DIGEST_SIZE);
    for (std::uint8_t byte : digest) {
        out.push_back(hex[byte >> 4]);
        out.push_back(hex[byte & 0x0F]);
    }
    return out;
}

}  // namespace lmacheck
