// The SAX handler behind parse_document: builds the nlohmann::json DOM as
// nlohmann's json_sax_dom_parser does, and on the way notices what that parser
// cannot tell us: keys repeated within one object, nesting beyond the depth
// limit, and where the parser gave up. It never throws for bad content; it
// records what happened and document.cpp turns that into findings.
//
// Iterative by construction: nlohmann's parser keeps its own explicit stack,
// and so does this handler, so nesting depth costs heap, not call stack.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lmacheck::document_detail {

struct DuplicateKey {
    std::string object_pointer;             // RFC 6901 pointer of the object holding the key twice
    std::string key;                        // decoded key
    std::optional<std::size_t> key_offset;  // byte offset of the repeated key's opening quote
};

struct SyntaxError {
    std::size_t offset;  // byte offset where parsing stopped (see parse_error)
    int id;              // nlohmann exception id: 101 parse error, 406 number overflow, ...
    std::string what;    // nlohmann's message, prefix and all
};

class DomBuilder {
public:
    using json = nlohmann::json;

    // `consumed` is kept up to date by the CountingIterator the parser reads
    // `text` through; `text` must outlive the builder.
    DomBuilder(json& root, std::string_view text, const char* const* consumed, int max_depth);

    // nlohmann's SAX interface.
    bool null();
    bool boolean(bool value);
    bool number_integer(json::number_integer_t value);
    bool number_unsigned(json::number_unsigned_t value);
    bool number_float(json::number_float_t value, const json::string_t& text);
    bool string(json::string_t& value);
    bool binary(json::binary_t& value);
    bool start_object(std::size_t size);
    bool key(json::string_t& value);
    bool end_object();
    bool start_array(std::size_t size);
    bool end_array();
    bool parse_error(std::size_t position, const std::string& last_token, const json::exception& error);

    const std::vector<DuplicateKey>& duplicates() const { return duplicates_; }
    // Byte offset of the '{' or '[' that went one level too deep.
    const std::optional<std::size_t>& too_deep_offset() const { return too_deep_offset_; }
    const std::optional<SyntaxError>& syntax_error() const { return syntax_error_; }

private:
    struct Frame {
        json* value;                 // the open object or array
        std::size_t pointer_length;  // its pointer is pointer_.substr(0, pointer_length)
    };

    template <typename Value>
    json* add(Value&& value);
    bool open(json::value_t type);
    std::size_t consumed() const { return static_cast<std::size_t>(*consumed_ - text_.data()); }
    std::optional<std::size_t> opening_quote_before(std::size_t closing_quote) const;

    json& root_;
    std::string_view text_;
    const char* const* consumed_;
    int max_depth_;

    std::vector<Frame> stack_;
    json* member_ = nullptr;                   // where the value after the last key goes
    const std::string* member_key_ = nullptr;  // that key (owned by the object)
    // Pointer of the innermost open container, built incrementally: a child
    // container truncates to its parent's length and appends one token, so
    // building every pointer costs O(size of the text) in total.
    std::string pointer_;

    std::vector<DuplicateKey> duplicates_;
    std::set<std::pair<std::string, std::string>> reported_;  // (object pointer, key) of each reported duplicate
    std::optional<std::size_t> too_deep_offset_;
    std::optional<SyntaxError> syntax_error_;
};

}  // namespace lmacheck::document_detail
