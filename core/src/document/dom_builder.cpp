#include "document/dom_builder.hpp"

#include "document/json_numbers.hpp"
#include "lmacheck/json_pointer.hpp"

#include <utility>

namespace lmacheck::document_detail {

DomBuilder::DomBuilder(json& root, std::string_view text, const char* const* consumed, int max_depth)
    : root_(root), text_(text), consumed_(consumed), max_depth_(max_depth) {}

// Puts a finished value where it belongs and returns where it now lives.
// Addresses stay valid while the value's container is open: only the
// innermost container grows, and it is never an element of itself.
template <typename Value>
DomBuilder::json* DomBuilder::add(Value&& value) {
    if (stack_.empty()) {
        root_ = json(std::forward<Value>(value));
        return &root_;
    }
    json& container = *stack_.back().value;
    if (container.is_array()) {
        auto& array = container.get_ref<json::array_t&>();
        array.emplace_back(std::forward<Value>(value));
        return &array.back();
    }
    // A repeated key overwrites: the last value wins, as in nlohmann's parser.
    *member_ = json(std::forward<Value>(value));
    return member_;
}

bool DomBuilder::null() {
    add(nullptr);
    return true;
}

bool DomBuilder::boolean(bool value) {
    add(value);
    return true;
}

bool DomBuilder::number_integer(json::number_integer_t value) {
    add(number_from_integer(value));
    return true;
}

bool DomBuilder::number_unsigned(json::number_unsigned_t value) {
    add(value);
    return true;
}

bool DomBuilder::number_float(json::number_float_t value, const json::string_t& /*text*/) {
    add(number_from_double(value));
    return true;
}

bool DomBuilder::string(json::string_t& value) {
    add(std::move(value));
    return true;
}

bool DomBuilder::binary(json::binary_t& value) {
    add(std::move(value));  // never produced by the JSON parser
    return true;
}

bool DomBuilder::open(json::value_t type) {
    if (static_cast<long long>(stack_.size()) + 1 > max_depth_) {
        // The parser has just read the opening bracket (counting_iterator.hpp).
        std::size_t offset = consumed();
        if (offset > 0 && (text_[offset - 1] == '{' || text_[offset - 1] == '[')) --offset;
        too_deep_offset_ = offset;
        return false;  // stops the parser; nothing after this point is looked at
    }
    std::size_t pointer_length = 0;
    if (!stack_.empty()) {
        const Frame& parent = stack_.back();
        pointer_.resize(parent.pointer_length);
        if (parent.value->is_array()) {
            append_token(pointer_, parent.value->size());  // the index the new value is about to get
        } else {
            append_token(pointer_, std::string_view(*member_key_));
        }
        pointer_length = pointer_.size();
    }
    stack_.push_back(Frame{add(type), pointer_length});
    return true;
}

bool DomBuilder::start_object(std::size_t /*size*/) { return open(json::value_t::object); }

bool DomBuilder::start_array(std::size_t /*size*/) { return open(json::value_t::array); }

bool DomBuilder::key(json::string_t& value) {
    const Frame& frame = stack_.back();
    auto& object = frame.value->get_ref<json::object_t&>();
    // try_emplace moves the key only when it inserts, so `value` is intact below.
    auto [it, inserted] = object.try_emplace(std::move(value));
    if (!inserted) {
        // One finding per repeated key (the catalog's words), at its first
        // repetition: a key written three times is one problem, not two.
        std::string object_pointer = pointer_.substr(0, frame.pointer_length);
        if (reported_.emplace(object_pointer, value).second) {
            // The parser has just read the key's closing quote.
            std::optional<std::size_t> offset;
            const std::size_t end = consumed();
            if (end > 0 && text_[end - 1] == '"') offset = opening_quote_before(end - 1);
            duplicates_.push_back(DuplicateKey{std::move(object_pointer), value, offset});
        }
    }
    member_ = &it->second;
    member_key_ = &it->first;
    return true;
}

bool DomBuilder::end_object() {
    stack_.pop_back();
    return true;
}

bool DomBuilder::end_array() {
    stack_.pop_back();
    return true;
}

bool DomBuilder::parse_error(std::size_t position, const std::string& last_token, const json::exception& error) {
    // `position` counts the bytes the lexer consumed (end of input counts as
    // one), so the byte it choked on is position - 1. When the offending token
    // is a plain word or number that is still intact in the text (an
    // unexpected `123`, an overflowing `1e400`), point at its start instead,
    // as compilers do.
    std::size_t offset = position > 0 ? position - 1 : 0;
    auto word_char = [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '+' || c == '-' ||
               c == '.';
    };
    bool word = !last_token.empty();
    for (char c : last_token) word = word && word_char(c);
    if (word && position >= last_token.size() && position <= text_.size() &&
        text_.substr(position - last_token.size(), last_token.size()) == last_token) {
        offset = position - last_token.size();
    }
    if (offset > text_.size()) offset = text_.size();
    syntax_error_ = SyntaxError{offset, error.id, error.what()};
    return false;
}

// Walks back from a key's closing quote to its opening quote: the nearest
// quote not escaped, i.e. preceded by an even number of backslashes. Linear in
// the key's length.
std::optional<std::size_t> DomBuilder::opening_quote_before(std::size_t closing_quote) const {
    std::size_t i = closing_quote;
    while (i > 0) {
        --i;
        if (text_[i] != '"') continue;
        std::size_t backslashes = 0;
        while (backslashes < i && text_[i - 1 - backslashes] == '\\') ++backslashes;
        if (backslashes % 2 == 0) return i;
    }
    return std::nullopt;
}

}  // namespace lmacheck::document_detail
