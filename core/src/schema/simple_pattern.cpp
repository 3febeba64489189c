#include "schema/simple_pattern.hpp"

#include <cstdint>
#include <limits>

namespace lmacheck {
namespace {

constexpr std::size_t unbounded = std::numeric_limits<std::size_t>::max();

bool is_word(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// What a backslash may escape to stand for itself: ASCII punctuation.
// (\d, \w, \b, \n and the like are classes, assertions or controls.)
bool is_escapable(char c) {
    return c > ' ' && c < 0x7F && !is_word(c);
}

// A character standing for itself outside a class.
bool is_plain_literal(char c) { return is_word(c) || c == '-'; }

std::optional<std::size_t> read_number(std::string_view body, std::size_t& i) {
    const std::size_t first = i;
    std::size_t value = 0;
    while (i < body.size() && body[i] >= '0' && body[i] <= '9') {
        if (value > 1'000'000) return std::nullopt;
        value = value * 10 + static_cast<std::size_t>(body[i] - '0');
        ++i;
    }
    if (i == first) return std::nullopt;
    return value;
}

// A bracket class: letters, digits, ranges, '_', '-' first or last, and
// escaped punctuation. No negation, no class escapes.
std::optional<std::bitset<128>> read_class(std::string_view body, std::size_t& i) {
    std::bitset<128> chars;
    ++i;  // '['
    if (i < body.size() && body[i] == '^') return std::nullopt;
    const std::size_t first = i;
    while (i < body.size() && body[i] != ']') {
        char c = body[i];
        if (c == '\\') {
            if (i + 1 >= body.size() || !is_escapable(body[i + 1])) return std::nullopt;
            c = body[++i];
        } else if (c == '-') {
            if (i != first && i + 1 < body.size() && body[i + 1] != ']') return std::nullopt;  // a range without start
        } else if (!is_word(c)) {
            return std::nullopt;
        }
        ++i;
        if (i + 1 < body.size() && body[i] == '-' && body[i + 1] != ']') {  // a range c-d
            const char last = body[i + 1];
            if (!is_word(c) || !is_word(last) || last < c) return std::nullopt;
            for (int k = c; k <= last; ++k) chars.set(static_cast<std::size_t>(k));
            i += 2;
        } else {
            chars.set(static_cast<std::size_t>(static_cast<unsigned char>(c)));
        }
    }
    if (i >= body.size() || chars.none()) return std::nullopt;
    ++i;  // ']'
    return chars;
}

// ?, *, +, {n}, {m,} or {m,n} after an atom; a lazy '?' after it is refused.
bool read_quantifier(std::string_view body, std::size_t& i, std::size_t& min, std::size_t& max) {
    if (i >= body.size()) return true;
    const char c = body[i];
    if (c == '?' || c == '*' || c == '+') {
        min = c == '+' ? 1 : 0;
        max = c == '?' ? 1 : unbounded;
        ++i;
    } else if (c == '{') {
        ++i;
        const auto low = read_number(body, i);
        if (!low) return false;
        min = max = *low;
        if (i < body.size() && body[i] == ',') {
            ++i;
            max = unbounded;
            if (i < body.size() && body[i] != '}') {
                const auto high = read_number(body, i);
                if (!high || *high < min) return false;
                max = *high;
            }
        }
        if (i >= body.size() || body[i] != '}') return false;
        ++i;
    } else {
        return true;
    }
    return i >= body.size() || (body[i] != '?' && body[i] != '*' && body[i] != '+' && body[i] != '{');
}

}  // namespace

std::optional<SimplePattern> SimplePattern::compile(std::string_view pattern) {
    if (pattern.size() < 2 || pattern.front() != '^' || pattern.back() != '$') return std::nullopt;
    const std::string_view body = pattern.substr(1, pattern.size() - 2);
    if (!body.empty() && body.back() == '\\') return std::nullopt;  // the '$' is escaped
    SimplePattern compiled;
    std::size_t i = 0;
    while (i < body.size()) {
        Atom atom;
        const char c = body[i];
        if (c == '[') {
            const auto chars = read_class(body, i);
            if (!chars) return std::nullopt;
            atom.chars = *chars;
        } else if (c == '\\') {
            if (i + 1 >= body.size() || !is_escapable(body[i + 1])) return std::nullopt;
            atom.chars.set(static_cast<std::size_t>(body[i + 1]));
            i += 2;
        } else if (is_plain_literal(c)) {
            atom.chars.set(static_cast<std::size_t>(c));
            ++i;
        } else {
            return std::nullopt;  // '.', groups, alternation, anchors inside, non-ASCII, ...
        }
        if (!read_quantifier(body, i, atom.min, atom.max)) return std::nullopt;
        compiled.atoms_.push_back(atom);
    }
    // Greedy matching is exact only when what a variable-length atom can take
    // no later atom could have taken instead.
    for (std::size_t k = 0; k < compiled.atoms_.size(); ++k) {
        if (compiled.atoms_[k].min == compiled.atoms_[k].max) continue;
        for (std::size_t later = k + 1; later < compiled.atoms_.size(); ++later) {
            if ((compiled.atoms_[k].chars & compiled.atoms_[later].chars).any()) return std::nullopt;
        }
    }
    return compiled;
}

bool SimplePattern::matches(std::string_view text) const {
    std::size_t pos = 0;
    for (const Atom& atom : atoms_) {
        std::size_t count = 0;
        while (count < atom.max && pos < text.size()) {
            const auto byte = static_cast<unsigned char>(text[pos]);
            if (byte >= 128 || !atom.chars.test(byte)) break;
            ++pos;
            ++count;
        }
        if (count < atom.min) return false;
    }
    return pos == text.size();
}

}  // namespace lmacheck
