#include "document/text_encoding.hpp"

#include <cstdint>
#include <cstdio>
#include <cstring>

namespace lmacheck::document_detail {
namespace {

unsigned byte_at(std::string_view text, std::size_t i) { return static_cast<unsigned char>(text[i]); }

bool is_continuation(unsigned byte) { return (byte & 0xC0u) == 0x80u; }

std::string hex_byte(unsigned byte) {
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "0x%02X", byte);
    return buffer;
}

// Length of the well-formed sequence starting at `i`, or 0 with `detail` set.
std::size_t sequence_length(std::string_view text, std::size_t i, std::string* detail) {
    const unsigned lead = byte_at(text, i);
    if (lead < 0x80u) return 1;
    auto fail = [&](std::string why) -> std::size_t {
        if (detail) *detail = std::move(why);
        return 0;
    };
    if (is_continuation(lead)) return fail("unexpected continuation byte " + hex_byte(lead));
    if (lead == 0xC0u || lead == 0xC1u) return fail("overlong encoding (byte " + hex_byte(lead) + ")");
    if (lead > 0xF4u) return fail("byte " + hex_byte(lead) + " never occurs in UTF-8");

    const std::size_t length = lead < 0xE0u ? 2 : lead < 0xF0u ? 3 : 4;
    // The second byte's range is narrower after some lead bytes: that is what
    // excludes overlong forms, surrogates and code points above U+10FFFF.
    unsigned low = 0x80u;
    unsigned high = 0xBFu;
    const char* narrow_reason = nullptr;
    if (lead == 0xE0u) {
        low = 0xA0u;
        narrow_reason = "overlong encoding";
    } else if (lead == 0xEDu) {
        high = 0x9Fu;
        narrow_reason = "UTF-16 surrogate code point";
    } else if (lead == 0xF0u) {
        low = 0x90u;
        narrow_reason = "overlong encoding";
    } else if (lead == 0xF4u) {
        high = 0x8Fu;
        narrow_reason = "code point beyond U+10FFFF";
    }
    for (std::size_t k = 1; k < length; ++k) {
        if (i + k >= text.size())
            return fail("incomplete multi-byte sequence starting with byte " + hex_byte(lead) +
                        " at the end of the file");
        const unsigned byte = byte_at(text, i + k);
        if (!is_continuation(byte)) return fail("incomplete multi-byte sequence starting with byte " + hex_byte(lead));
        if (k == 1 && (byte < low || byte > high)) return fail(std::string(narrow_reason));
    }
    return length;
}

}  // namespace

std::size_t utf8_bom_length(std::string_view bytes) {
    return bytes.substr(0, 3) == std::string_view("\xEF\xBB\xBF", 3) ? 3 : 0;
}

std::optional<std::string_view> foreign_encoding(std::string_view bytes) {
    auto starts = [&](std::string_view prefix) { return bytes.substr(0, prefix.size()) == prefix; };
    // UTF-32LE's BOM begins with UTF-16LE's: test the longer one first.
    if (starts(std::string_view("\xFF\xFE\x00\x00", 4))) return "UTF-32LE";
    if (starts(std::string_view("\x00\x00\xFE\xFF", 4))) return "UTF-32BE";
    if (starts(std::string_view("\xFF\xFE", 2))) return "UTF-16LE";
    if (starts(std::string_view("\xFE\xFF", 2))) return "UTF-16BE";

    // No BOM: JSON starts with an ASCII character, so its NUL bytes give the
    // encoding away. Only claim it for a plausible first character, so that
    // random binary is reported as "not UTF-8" rather than as UTF-16.
    auto plausible = [](unsigned char c) {
        return c == '{' || c == '[' || c == '"' || c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f' ||
               c == 'n' || c == ' ' || c == '\t' || c == '\r' || c == '\n';
    };
    auto b = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
    if (bytes.size() >= 4) {
        if (b(0) == 0 && b(1) == 0 && b(2) == 0 && plausible(b(3))) return "UTF-32BE";
        if (plausible(b(0)) && b(1) == 0 && b(2) == 0 && b(3) == 0) return "UTF-32LE";
    }
    if (bytes.size() >= 2) {
        if (b(0) == 0 && plausible(b(1))) return "UTF-16BE";
        if (plausible(b(0)) && b(1) == 0) return "UTF-16LE";
    }
    return std::nullopt;
}

std::optional<Utf8Error> find_invalid_utf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        // ASCII fast path, most of a JSON file: eight bytes at a time while
        // none has its high bit set, then byte by byte.
        constexpr std::uint64_t high_bits = 0x8080808080808080ull;
        std::uint64_t word = 0;
        while (i + sizeof word <= text.size()) {
            std::memcpy(&word, text.data() + i, sizeof word);
            if ((word & high_bits) != 0) break;
            i += sizeof word;
        }
        if (i >= text.size()) break;
        if (byte_at(text, i) < 0x80u) {
            ++i;
            continue;
        }
        std::string detail;
        const std::size_t length = sequence_length(text, i, &detail);
        if (length == 0) return Utf8Error{i, std::move(detail)};
        i += length;
    }
    return std::nullopt;
}

std::string sanitize_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t length = sequence_length(text, i, nullptr);
        if (length == 0) {
            out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
            ++i;
        } else {
            out.append(text.substr(i, length));
            i += length;
        }
    }
    return out;
}

bool looks_like_windows_1252(std::string_view text) {
    bool high_byte = false;
    std::size_t i = 0;
    while (i < text.size()) {
        const unsigned byte = byte_at(text, i);
        if (byte < 0x20u && byte != '\t' && byte != '\n' && byte != '\r') return false;  // binary, not text
        if (byte < 0x80u) {
            ++i;
            continue;
        }
        // Five bytes have no character in Windows-1252.
        if (byte == 0x81u || byte == 0x8Du || byte == 0x8Fu || byte == 0x90u || byte == 0x9Du) return false;
        // A well-formed UTF-8 character: the file mixes encodings, and saving
        // it "as UTF-8" from Windows-1252 would garble that character.
        if (sequence_length(text, i, nullptr) > 1) return false;
        high_byte = true;
        ++i;
    }
    return high_byte;
}

}  // namespace lmacheck::document_detail
