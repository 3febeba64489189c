#include "report/xml_escape.hpp"

#include "report/utf8_text.hpp"

#include <cstdio>

namespace lmacheck {
namespace {

// The characters XML 1.0 allows (production [2] Char).
bool allowed_in_xml(char32_t cp) {
    if (cp < 0x20) return cp == 0x09 || cp == 0x0A || cp == 0x0D;
    return cp != 0xFFFE && cp != 0xFFFF;
}

void append_visible_escape(std::string& out, char32_t cp) {
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "\\u%04X", static_cast<unsigned>(cp));
    out += buffer;
}

std::string escape(std::string_view text, bool attribute) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (std::size_t offset = 0; offset < text.size();) {
        const char32_t cp = next_code_point(text, offset);
        switch (cp) {
            case U'&': out += "&amp;"; continue;
            case U'<': out += "&lt;"; continue;
            case U'>': out += "&gt;"; continue;
            case U'"': out += "&quot;"; continue;
            case U'\'': out += "&#39;"; continue;
            case U'\r': out += "&#13;"; continue;
            case U'\n': out += attribute ? "&#10;" : "\n"; continue;
            case U'\t': out += attribute ? "&#9;" : "\t"; continue;
            default: break;
        }
        if (allowed_in_xml(cp)) {
            append_utf8(out, cp);
        } else {
            append_visible_escape(out, cp);
        }
    }
    return out;
}

}  // namespace

std::string xml_text(std::string_view text) { return escape(text, false); }

std::string xml_attribute(std::string_view text) { return escape(text, true); }

}  // namespace lmacheck
