// Where each value of a JSON text starts, looked up by RFC 6901 pointer.
//
// Built in one pass over the text, iteratively (no recursion, so nesting
// depth costs heap, not stack). Rather than storing every value's full
// pointer, which costs O(depth) per value, it stores the tree in flat arrays:
// each value its position; each array the range of its elements; each object
// member (object, decoded key, value) in a hash table keyed by object and
// key. Building costs O(size of the text) time and memory, with a few
// allocations in total rather than one per value; a lookup costs O(length of
// the pointer).
//
// A key repeated within one object resolves to its LAST occurrence, the value
// the parser keeps. The text must be valid JSON (parse it first); on anything
// else the scanner stops early and some pointers will not resolve.
#pragma once

#include "lmacheck/finding.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lmacheck {

class PositionIndex {
public:
    explicit PositionIndex(std::string_view text);

    // Line and column (1-based, code points) of the first character of the
    // value at `pointer` ("" is the root); nullopt when it does not resolve.
    std::optional<SourcePosition> find(std::string_view pointer) const;

private:
    using NodeId = std::uint32_t;
    static constexpr std::uint32_t none = UINT32_MAX;

    struct Node {
        // Two numbers, not a SourcePosition (which may carry a workbook cell
        // name): a JSON text has one node per value.
        int line = 0;
        int column = 0;
        std::uint32_t array = none;  // index into arrays_ when the value is an array
        SourcePosition position() const { return SourcePosition{line, column}; }
    };
    struct Range {  // an array's elements in elements_
        std::uint32_t begin = 0;
        std::uint32_t count = 0;
    };
    struct Member {
        NodeId object;
        NodeId value;
        std::uint32_t name_begin;  // the decoded key, in names_
        std::uint32_t name_length;
    };

    void scan(std::string_view text);
    void build_table();
    std::string_view name_of(const Member& member) const;
    std::optional<NodeId> member(NodeId object, std::string_view name) const;
    std::optional<NodeId> element(NodeId array, std::string_view token) const;

    std::vector<Node> nodes_;  // nodes_[0] is the root value
    std::vector<Range> arrays_;
    std::vector<NodeId> elements_;
    std::vector<Member> members_;  // in text order
    std::string names_;            // every decoded key, back to back
    // Open addressing with linear probing over members_: 1 + member index,
    // 0 for an empty slot. Its size is a power of two, at most half full.
    std::vector<std::uint32_t> table_;
};

}  // namespace lmacheck
