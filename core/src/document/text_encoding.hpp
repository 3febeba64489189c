// What a submission's bytes are encoded as. Submissions must be UTF-8; a UTF-8
// BOM is tolerated. Anything else gets a reason a person can act on ("the file
// is UTF-16LE") instead of the JSON parser's "invalid literal" at byte 1.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace lmacheck::document_detail {

// 3 when `bytes` starts with the UTF-8 BOM (EF BB BF), else 0.
std::size_t utf8_bom_length(std::string_view bytes);

// "UTF-16LE", "UTF-16BE", "UTF-32LE" or "UTF-32BE" when the bytes start with
// that encoding's BOM or, without a BOM, show its NUL-byte pattern around a
// first character that could start JSON (RFC 4627, section 3). nullopt for
// anything else, which is then checked as UTF-8.
std::optional<std::string_view> foreign_encoding(std::string_view bytes);

struct Utf8Error {
    std::size_t offset;  // of the first byte of the bad sequence
    std::string detail;  // e.g. "byte 0xFF never occurs in UTF-8"
};

// The first ill-formed sequence (Unicode 15, table 3-7: no overlong forms, no
// surrogates, nothing above U+10FFFF), or nullopt when `text` is valid UTF-8.
std::optional<Utf8Error> find_invalid_utf8(std::string_view text);

// `text` with each ill-formed sequence replaced by U+FFFD, so that text quoted
// from a broken file (nlohmann's "last read: '...'") can go into a report
// that must itself be valid UTF-8.
std::string sanitize_utf8(std::string_view text);

// Whether `text`, which is not UTF-8, reads as Windows-1252 (Latin-1 with
// its extra characters, what Excel and Notepad on Windows save as "ANSI"):
// printable text whose every byte above 0x7F stands alone (no well-formed
// UTF-8 character mixed in) and is a Windows-1252 character.
bool looks_like_windows_1252(std::string_view text);

}  // namespace lmacheck::document_detail
