// The fast parse path: simdjson reads the text, and its DOM is copied into
// the same nlohmann::json the exact path (dom_builder.hpp) builds. It answers
// only for a document that needs nothing more than its DOM: anything simdjson
// refuses, a key repeated within an object, or nesting beyond the depth limit
// gives nullopt, and the caller parses the text again on the exact path,
// which says what is wrong and where.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string_view>

namespace lmacheck::document_detail {

// `text` must be valid UTF-8 without a BOM (checked before: document.cpp).
std::optional<nlohmann::json> fast_parse(std::string_view text, int max_depth);

}  // namespace lmacheck::document_detail
