#include "report/file_uri.hpp"

namespace lmacheck {
namespace {

bool is_unreserved(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
           c == '_' || c == '~';
}

std::string percent_encoded(std::string_view path) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(path.size());
    for (const char c : path) {
        if (is_unreserved(c) || c == '/') {
            out += c;
        } else {
            const auto byte = static_cast<unsigned char>(c);
            out += '%';
            out += hex[byte >> 4];
            out += hex[byte & 0x0F];
        }
    }
    return out;
}

constexpr std::string_view file_scheme = "file://";

}  // namespace

std::string file_uri(std::string_view path) {
    if (path.empty() || path.front() != '/') return percent_encoded(path);
    // "//x" would name a host: one leading slash is the root.
    const std::size_t first = path.find_first_not_of('/');
    const std::string_view rest = first == std::string_view::npos ? std::string_view() : path.substr(first);
    return std::string(file_scheme) + "/" + percent_encoded(rest);
}

bool is_absolute_file_uri(std::string_view uri) { return uri.starts_with(file_scheme); }

}  // namespace lmacheck
