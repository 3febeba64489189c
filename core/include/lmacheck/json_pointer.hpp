// RFC 6901 JSON Pointers: how every finding says where it is.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace lmacheck {

// Appends one reference token, escaping '~' as "~0" and '/' as "~1".
inline void append_token(std::string& pointer, std::string_view token) {
    pointer.push_back('/');
    for (char c : token) {
        if (c == '~') {
            pointer += "~0";
        } else if (c == '/') {
            pointer += "~1";
        } else {
            pointer.push_back(c);
        }
    }
}

inline void append_token(std::string& pointer, std::size_t index) {
    pointer.push_back('/');
    pointer += std::to_string(index);
}

inline void append_token(std::string& pointer, int index) {
    append_token(pointer, static_cast<std::size_t>(index));
}

inline void append_token(std::string& pointer, const char* token) {
    append_token(pointer, std::string_view(token));
}

inline void append_token(std::string& pointer, const std::string& token) {
    append_token(pointer, std::string_view(token));
}

// pointer("capacity", 3, "places") == "/capacity/3/places"
template <typename... Tokens>
std::string pointer(const Tokens&... tokens) {
    std::string result;
    (append_token(result, tokens), ...);
    return result;
}

}  // namespace lmacheck
