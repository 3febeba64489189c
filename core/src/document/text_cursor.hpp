// Turns byte offsets into the line and column a person sees: 1-based, lines
// split at '\n' only (as nlohmann counts them), columns in Unicode code points.
// Offsets must be asked for in non-decreasing order, so walking a whole
// document costs one pass however many positions are asked for: the position
// index and the duplicate-key findings would otherwise rescan from the start.
#pragma once

#include "lmacheck/finding.hpp"

#include <climits>
#include <cstddef>
#include <string_view>

namespace lmacheck::document_detail {

class TextCursor {
public:
    explicit TextCursor(std::string_view text) : text_(text) {}

    // Position of the byte at `offset` (text.size() is the end of the text;
    // larger offsets are clamped to it). An offset before the last one asked
    // for restarts from the beginning rather than answering wrongly.
    SourcePosition at(std::size_t offset) {
        if (offset > text_.size()) offset = text_.size();
        if (offset < offset_) {
            offset_ = 0;
            line_ = 1;
            column_ = 1;
        }
        for (; offset_ < offset; ++offset_) {
            const auto byte = static_cast<unsigned char>(text_[offset_]);
            if (byte == '\n') {
                ++line_;
                column_ = 1;
            } else if ((byte & 0xC0u) != 0x80u) {
                // Every code point has exactly one byte that is not a
                // continuation byte (10xxxxxx): count those.
                ++column_;
            }
        }
        return SourcePosition{clamp(line_), clamp(column_)};
    }

private:
    static int clamp(std::size_t n) { return n > static_cast<std::size_t>(INT_MAX) ? INT_MAX : static_cast<int>(n); }

    std::string_view text_;
    std::size_t offset_ = 0;
    std::size_t line_ = 1;
    std::size_t column_ = 1;
};

// One-off conversion (a parse error happens once per document).
inline SourcePosition position_at(std::string_view text, std::size_t offset) { return TextCursor(text).at(offset); }

}  // namespace lmacheck::document_detail
