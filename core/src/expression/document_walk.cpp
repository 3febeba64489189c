#include "expression/document_walk.hpp"

#include "lmacheck/json_pointer.hpp"

#include <algorithm>
#include <stdexcept>

namespace lmacheck::expression {
namespace {

std::string unescape(const std::string& token) {
    std::string out;
    for (std::size_t i = 0; i < token.size(); ++i) {
        if (token[i] != '~') {
            out.push_back(token[i]);
            continue;
        }
        if (i + 1 < token.size() && (token[i + 1] == '0' || token[i + 1] == '1')) {
            out.push_back(token[i + 1] == '0' ? '~' : '/');
            ++i;
            continue;
        }
        throw std::invalid_argument("`~` must be followed by 0 or 1 (RFC 6901)");
    }
    return out;
}

// RFC 6901: an array index is 0 or digits without a leading zero.
std::optional<std::size_t> array_index(const std::string& token, std::size_t size) {
    if (token.empty() || token.size() > 18) return std::nullopt;
    if (token.size() > 1 && token.front() == '0') return std::nullopt;
    if (!std::all_of(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
    const std::size_t index = std::stoull(token);
    if (index >= size) return std::nullopt;
    return index;
}

const nlohmann::json* step(const nlohmann::json& value, const std::string& token) {
    if (value.is_object()) {
        auto it = value.find(token);
        return it == value.end() ? nullptr : &*it;
    }
    if (value.is_array()) {
        const auto index = array_index(token, value.size());
        return index ? &value[*index] : nullptr;
    }
    return nullptr;
}

void expand_from(const Match& here, const std::vector<std::string>& tokens, std::size_t next,
                 std::vector<Match>& out) {
    if (next == tokens.size()) {
        out.push_back(here);
        return;
    }
    const std::string& token = tokens[next];
    if (token != wildcard) {
        const nlohmann::json* value = step(*here.value, token);
        if (value == nullptr) return;
        Match deeper{here.pointer, value, here.key, here.index};
        append_token(deeper.pointer, token);
        expand_from(deeper, tokens, next + 1, out);
        return;
    }
    if (here.value->is_array()) {
        for (std::size_t i = 0; i < here.value->size(); ++i) {
            Match item{here.pointer, &(*here.value)[i], std::to_string(i), i};
            append_token(item.pointer, i);
            expand_from(item, tokens, next + 1, out);
        }
    } else if (here.value->is_object()) {
        std::size_t i = 0;
        for (const auto& [name, member] : here.value->items()) {
            Match item{here.pointer, &member, name, i++};
            append_token(item.pointer, name);
            expand_from(item, tokens, next + 1, out);
        }
    }
}

}  // namespace

std::size_t PointerSpec::wildcards() const {
    return static_cast<std::size_t>(std::count(tokens.begin(), tokens.end(), wildcard));
}

PointerSpec parse_pointer(const std::string& text) {
    PointerSpec spec;
    spec.absolute = !text.empty() && text.front() == '/';
    if (text.empty()) return spec;
    std::size_t start = spec.absolute ? 1 : 0;
    while (true) {
        const std::size_t slash = text.find('/', start);
        spec.tokens.push_back(unescape(text.substr(start, slash == std::string::npos ? std::string::npos : slash - start)));
        if (slash == std::string::npos) break;
        start = slash + 1;
    }
    return spec;
}

const nlohmann::json* follow(const nlohmann::json& start, const std::vector<std::string>& tokens) {
    const nlohmann::json* value = &start;
    for (const std::string& token : tokens) {
        value = step(*value, token);
        if (value == nullptr) return nullptr;
    }
    return value;
}

std::vector<Match> expand(const nlohmann::json& document, const Match& base, const PointerSpec& spec) {
    std::vector<Match> out;
    const Match start = spec.absolute ? Match{"", &document, "", 0} : base;
    expand_from(start, spec.tokens, 0, out);
    return out;
}

std::string pointer_from(const Match& base, const PointerSpec& spec) {
    std::string pointer = spec.absolute ? std::string() : base.pointer;
    for (const std::string& token : spec.tokens) append_token(pointer, token);
    return pointer;
}

std::optional<double> numeric_value(const nlohmann::json* value) {
    if (value == nullptr) return std::nullopt;
    if (value->is_boolean()) return value->get<bool>() ? 1.0 : 0.0;
    if (value->is_number()) return value->get<double>();
    return std::nullopt;
}

}  // namespace lmacheck::expression
