#include "document/position_index.hpp"

#include "document/text_cursor.hpp"

#include <algorithm>
#include <functional>

namespace lmacheck {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Index just past the string whose opening quote is at `i`.
std::size_t skip_string(std::string_view text, std::size_t i) {
    for (++i; i < text.size(); ++i) {
        if (text[i] == '\\') {
            ++i;
        } else if (text[i] == '"') {
            return i + 1;
        }
    }
    return text.size();
}

std::optional<std::uint32_t> hex4(std::string_view text, std::size_t i) {
    if (i + 4 > text.size()) return std::nullopt;
    std::uint32_t value = 0;
    for (std::size_t k = i; k < i + 4; ++k) {
        const char c = text[k];
        std::uint32_t digit = 0;
        if (c >= '0' && c <= '9') {
            digit = static_cast<std::uint32_t>(c - '0');
        } else if (c >= 'a' && c <= 'f') {
            digit = static_cast<std::uint32_t>(c - 'a' + 10);
        } else if (c >= 'A' && c <= 'F') {
            digit = static_cast<std::uint32_t>(c - 'A' + 10);
        } else {
            return std::nullopt;
        }
        value = value * 16 + digit;
    }
    return value;
}

void append_utf8(std::string& out, std::uint32_t cp) {
    auto byte = [&](std::uint32_t b) { out.push_back(static_cast<char>(static_cast<unsigned char>(b))); };
    if (cp < 0x80) {
        byte(cp);
    } else if (cp < 0x800) {
        byte(0xC0 | (cp >> 6));
        byte(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        byte(0xE0 | (cp >> 12));
        byte(0x80 | ((cp >> 6) & 0x3F));
        byte(0x80 | (cp & 0x3F));
    } else {
        byte(0xF0 | (cp >> 18));
        byte(0x80 | ((cp >> 12) & 0x3F));
        byte(0x80 | ((cp >> 6) & 0x3F));
        byte(0x80 | (cp & 0x3F));
    }
}

// Decodes the string whose opening quote is at `i` onto `out`, the way the
// parser decodes keys, and moves `i` past its closing quote.
void decode_string(std::string_view text, std::size_t& i, std::string& out) {
    const std::size_t n = text.size();
    ++i;
    while (i < n) {
        const char c = text[i];
        if (c == '"') {
            ++i;
            return;
        }
        if (c != '\\') {
            out.push_back(c);
            ++i;
            continue;
        }
        if (i + 1 >= n) break;
        const char escape = text[i + 1];
        i += 2;
        switch (escape) {
            case 'b': out.push_back('\b'); break;
            case 'f': out.push_back('\f'); break;
            case 'n': out.push_back('\n'); break;
            case 'r': out.push_back('\r'); break;
            case 't': out.push_back('\t'); break;
            case 'u': {
                auto cp = hex4(text, i);
                if (!cp) break;
                i += 4;
                // A high surrogate followed by \uDC00..\uDFFF is one code point.
                if (*cp >= 0xD800 && *cp <= 0xDBFF && i + 1 < n && text[i] == '\\' && text[i + 1] == 'u') {
                    const auto low = hex4(text, i + 2);
                    if (low && *low >= 0xDC00 && *low <= 0xDFFF) {
                        cp = 0x10000 + ((*cp - 0xD800) << 10) + (*low - 0xDC00);
                        i += 6;
                    }
                }
                append_utf8(out, *cp);
                break;
            }
            default: out.push_back(escape); break;  // \" \\ \/
        }
    }
    i = n;
}

// Spreads a hash over all 64 bits (splitmix64's finalizer): the table uses
// the low bits, and std::hash of a string_view need not be uniform in them.
std::uint64_t mix(std::uint64_t x) {
    x ^= x >> 30;
    x *= 0xBF58476D1CE4E5B9ull;
    x ^= x >> 27;
    x *= 0x94D049BB133111EBull;
    x ^= x >> 31;
    return x;
}

std::uint64_t member_hash(std::uint32_t object, std::string_view name) {
    return mix(std::hash<std::string_view>{}(name) + 0x9E3779B97F4A7C15ull * (std::uint64_t{object} + 1));
}

}  // namespace

PositionIndex::PositionIndex(std::string_view text) {
    // Ids are 32-bit: every value takes at least one byte of text.
    if (text.size() >= UINT32_MAX) return;
    scan(text);
    build_table();
}

void PositionIndex::scan(std::string_view text) {
    document_detail::TextCursor cursor(text);  // values come in text order: one pass
    const std::size_t n = text.size();
    std::size_t i = 0;
    auto skip_space = [&] {
        while (i < n && is_space(text[i])) ++i;
    };

    struct Frame {
        NodeId node;
        bool is_array;
        std::size_t pending_begin;  // where its elements start in `pending`
    };
    std::vector<Frame> stack;  // the open containers, innermost last
    // Elements of the open arrays. An array's elements are the top of this
    // stack when it closes (inner arrays have taken theirs already); they then
    // move, once, to elements_: each array's elements end up contiguous.
    std::vector<NodeId> pending;
    auto close = [&] {
        const Frame& frame = stack.back();
        if (frame.is_array) {
            Range& range = arrays_[nodes_[frame.node].array];
            range.begin = static_cast<std::uint32_t>(elements_.size());
            range.count = static_cast<std::uint32_t>(pending.size() - frame.pending_begin);
            elements_.insert(elements_.end(), pending.begin() + static_cast<std::ptrdiff_t>(frame.pending_begin),
                             pending.end());
            pending.resize(frame.pending_begin);
        }
        stack.pop_back();
    };
    std::uint32_t name_begin = 0;  // the key of the next value, when its parent is an object
    std::uint32_t name_length = 0;

    // A JSON text is a sequence of these three steps; any byte that fits none
    // of them means the text is not JSON, and the scan simply stops there.
    enum class Expect { value, key, after_value };
    Expect expect = Expect::value;
    for (;;) {
        skip_space();
        if (i >= n) return;
        switch (expect) {
            case Expect::value: {
                const auto id = static_cast<NodeId>(nodes_.size());
                const SourcePosition at = cursor.at(i);
                nodes_.push_back(Node{at.line, at.column});
                if (!stack.empty()) {
                    if (stack.back().is_array) {
                        pending.push_back(id);
                    } else {
                        members_.push_back(Member{stack.back().node, id, name_begin, name_length});
                    }
                }
                const char c = text[i];
                if (c == '{' || c == '[') {
                    ++i;
                    if (c == '[') {
                        nodes_[id].array = static_cast<std::uint32_t>(arrays_.size());
                        arrays_.emplace_back();
                    }
                    stack.push_back(Frame{id, c == '[', pending.size()});
                    skip_space();
                    if (i < n && text[i] == (c == '[' ? ']' : '}')) {
                        ++i;
                        close();
                        expect = Expect::after_value;
                    } else {
                        expect = c == '[' ? Expect::value : Expect::key;
                    }
                } else if (c == '"') {
                    i = skip_string(text, i);
                    expect = Expect::after_value;
                } else {
                    // Number or literal: runs to the next delimiter.
                    while (i < n && !is_space(text[i]) && text[i] != ',' && text[i] != ']' && text[i] != '}') ++i;
                    expect = Expect::after_value;
                }
                break;
            }
            case Expect::key: {
                if (text[i] != '"') return;
                name_begin = static_cast<std::uint32_t>(names_.size());
                decode_string(text, i, names_);
                name_length = static_cast<std::uint32_t>(names_.size() - name_begin);
                skip_space();
                if (i >= n || text[i] != ':') return;
                ++i;
                expect = Expect::value;
                break;
            }
            case Expect::after_value: {
                if (stack.empty()) return;  // the root value is complete
                if (text[i] == ',') {
                    ++i;
                    expect = stack.back().is_array ? Expect::value : Expect::key;
                } else if (text[i] == ']' || text[i] == '}') {
                    ++i;
                    close();
                } else {
                    return;
                }
                break;
            }
        }
    }
}

void PositionIndex::build_table() {
    std::size_t size = 2;
    while (size < 2 * members_.size()) size *= 2;
    table_.assign(size, 0);
    const std::size_t mask = size - 1;
    for (std::size_t m = 0; m < members_.size(); ++m) {
        const Member& added = members_[m];
        const std::string_view name = name_of(added);
        for (std::size_t slot = member_hash(added.object, name) & mask;; slot = (slot + 1) & mask) {
            std::uint32_t& entry = table_[slot];
            if (entry != 0) {
                const Member& present = members_[entry - 1];
                // A repeated key: the later member, the parser's value, wins.
                if (present.object != added.object || name_of(present) != name) continue;
            }
            entry = static_cast<std::uint32_t>(m + 1);
            break;
        }
    }
}

std::string_view PositionIndex::name_of(const Member& m) const {
    return std::string_view(names_).substr(m.name_begin, m.name_length);
}

std::optional<PositionIndex::NodeId> PositionIndex::member(NodeId object, std::string_view name) const {
    const std::size_t mask = table_.size() - 1;
    for (std::size_t slot = member_hash(object, name) & mask;; slot = (slot + 1) & mask) {
        const std::uint32_t entry = table_[slot];
        if (entry == 0) return std::nullopt;  // the table is never full
        const Member& m = members_[entry - 1];
        if (m.object == object && name_of(m) == name) return m.value;
    }
}

std::optional<PositionIndex::NodeId> PositionIndex::element(NodeId array, std::string_view token) const {
    // RFC 6901 array index: "0" or digits without a leading zero.
    if (token.empty() || token.size() > 10 || (token.size() > 1 && token[0] == '0')) return std::nullopt;
    std::size_t index = 0;
    for (char c : token) {
        if (c < '0' || c > '9') return std::nullopt;
        index = index * 10 + static_cast<std::size_t>(c - '0');
    }
    const Range& range = arrays_[nodes_[array].array];
    if (index >= range.count) return std::nullopt;
    return elements_[range.begin + index];
}

std::optional<SourcePosition> PositionIndex::find(std::string_view pointer) const {
    if (nodes_.empty()) return std::nullopt;
    if (pointer.empty()) return nodes_[0].position();
    if (pointer[0] != '/') return std::nullopt;
    NodeId node = 0;
    std::string token;
    std::size_t start = 1;
    for (;;) {
        const std::size_t end = std::min(pointer.find('/', start), pointer.size());
        // Unescape the token: "~1" is '/', "~0" is '~', any other '~' is invalid.
        token.clear();
        for (std::size_t k = start; k < end; ++k) {
            if (pointer[k] != '~') {
                token.push_back(pointer[k]);
            } else if (k + 1 < end && (pointer[k + 1] == '0' || pointer[k + 1] == '1')) {
                token.push_back(pointer[k + 1] == '0' ? '~' : '/');
                ++k;
            } else {
                return std::nullopt;
            }
        }
        const auto next = nodes_[node].array == none ? member(node, token) : element(node, token);
        if (!next) return std::nullopt;
        node = *next;
        if (end == pointer.size()) return nodes_[node].position();
        start = end + 1;
    }
}

}  // namespace lmacheck
