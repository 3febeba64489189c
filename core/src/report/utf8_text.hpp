// Walking text as Unicode code points. Reports copy bytes the engine did not
// make (file names from the command line can hold any bytes), so the formats
// that must be valid UTF-8 (XML, HTML, Markdown) see each invalid byte as
// U+FFFD instead.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace lmacheck {

inline constexpr char32_t replacement_character = U'\uFFFD';

// Decodes the code point at `text[offset]` and advances `offset` past it; an
// invalid or truncated sequence (overlong, surrogate, beyond U+10FFFF) yields
// U+FFFD and advances one byte.
char32_t next_code_point(std::string_view text, std::size_t& offset);

void append_utf8(std::string& out, char32_t code_point);

// `text` with every invalid byte replaced by U+FFFD.
std::string valid_utf8(std::string_view text);

// `text` safe to print on a terminal or in a CI log, one line: every control
// character (C0 including line breaks and tab, DEL, C1), the Unicode line and
// paragraph separators and the bidirectional overrides and isolates spelled
// \uXXXX (ESC as \u001B, a line feed as \u000A), and every byte that is not
// UTF-8 spelled \xNN. A file name or a key cannot then move the cursor,
// recolour the terminal, or start a line a CI matcher takes for a finding.
std::string printable_text(std::string_view text);

}  // namespace lmacheck
