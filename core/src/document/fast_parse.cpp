#include "document/fast_parse.hpp"

#include "document/json_numbers.hpp"

#include <simdjson.h>

#include <algorithm>
#include <string>
#include <utility>

namespace lmacheck::document_detail {

namespace {

using json = nlohmann::json;
using simdjson::dom::element;
using simdjson::dom::element_type;

// simdjson's own nesting limit; deeper documents it refuses (DEPTH_ERROR),
// so the copy below recurses at most this deep.
constexpr int simdjson_max_depth = 1024;

// Copies `value` into `out`. False when the exact path must decide: a
// repeated key, or a container `depth_left` does not allow.
bool copy(element value, json& out, int depth_left) {
    switch (value.type()) {
        case element_type::ARRAY: {
            if (depth_left == 0) return false;
            out = json::array();
            auto& elements = out.get_ref<json::array_t&>();
            const simdjson::dom::array array = value.get_array().value_unsafe();
            elements.reserve(array.size());
            for (element child : array) {
                if (!copy(child, elements.emplace_back(), depth_left - 1)) return false;
            }
            return true;
        }
        case element_type::OBJECT: {
            if (depth_left == 0) return false;
            out = json::object();
            auto& members = out.get_ref<json::object_t&>();
            // A copy, not the result's member: a range-for over the
            // temporary result would dangle.
            const simdjson::dom::object object = value.get_object().value_unsafe();
            for (const auto [key, child] : object) {
                auto [slot, inserted] = members.try_emplace(std::string(key));
                if (!inserted) return false;  // document.duplicate-key needs the key's position
                if (!copy(child, slot->second, depth_left - 1)) return false;
            }
            return true;
        }
        case element_type::STRING:
            out = std::string(value.get_string().value_unsafe());
            return true;
        case element_type::INT64:
            out = number_from_integer(value.get_int64().value_unsafe());
            return true;
        case element_type::UINT64:
            out = value.get_uint64().value_unsafe();
            return true;
        case element_type::DOUBLE:
            out = number_from_double(value.get_double().value_unsafe());
            return true;
        case element_type::BOOL:
            out = value.get_bool().value_unsafe();
            return true;
        case element_type::NULL_VALUE:
            out = nullptr;
            return true;
    }
    return false;
}

// A parser keeps its buffers (about 14 bytes per byte of text) for the next
// document. Submissions are a few KiB, so each thread keeps one parser for
// them; a larger text gets a parser of its own that is freed with it, so a
// thread of the upload service does not hold hundreds of MiB after one large
// upload.
constexpr std::size_t reused_parser_max_bytes = 1u << 20;

std::optional<json> copy_document(simdjson::dom::parser& parser, std::string_view text, int max_depth) {
    element root;
    // The parser copies the text into its own padded buffer.
    const simdjson::error_code error = parser.parse(text.data(), text.size()).get(root);
    if (error == simdjson::MEMALLOC) {
        // simdjson 3.0 keeps what it allocated before the failing call: a
        // parser with its capacity set and its stage-2 stacks null, whose
        // next document crashes in stage 2. A fresh one allocates anew.
        parser = simdjson::dom::parser();
        return std::nullopt;
    }
    if (error != simdjson::SUCCESS) return std::nullopt;
    json out;
    if (!copy(root, out, std::min(max_depth, simdjson_max_depth))) return std::nullopt;
    return out;
}

}  // namespace

std::optional<json> fast_parse(std::string_view text, int max_depth) {
    if (text.size() > reused_parser_max_bytes) {
        simdjson::dom::parser parser;
        return copy_document(parser, text, max_depth);
    }
    thread_local simdjson::dom::parser parser;
    return copy_document(parser, text, max_depth);
}

}  // namespace lmacheck::document_detail
