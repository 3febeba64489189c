// An input iterator over a char buffer that publishes how far it has been
// read. nlohmann's SAX interface reports no positions except for errors, but
// its lexer reads the input one byte at a time through this iterator, so the
// number of bytes consumed at a SAX event tells where that event's token ends:
// - start_object / start_array: just after the '{' or '['
// - key: just after the key's closing quote
// (the lexer looks ahead only after numbers and literals, never there). The
// DOM builder relies on exactly these two cases and checks the byte it finds.
#pragma once

#include <cstddef>
#include <iterator>

namespace lmacheck::document_detail {

class CountingIterator {
public:
    using iterator_category = std::input_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char*;
    using reference = const char&;

    // `consumed` receives the position after the last byte read; the adapter
    // copies iterators, so the count lives outside them.
    CountingIterator(const char* position, const char** consumed) : position_(position), consumed_(consumed) {}

    reference operator*() const { return *position_; }
    CountingIterator& operator++() {
        ++position_;
        *consumed_ = position_;
        return *this;
    }
    CountingIterator operator++(int) {
        CountingIterator before = *this;
        ++*this;
        return before;
    }
    bool operator==(const CountingIterator& other) const { return position_ == other.position_; }

private:
    const char* position_;
    const char** consumed_;
};

}  // namespace lmacheck::document_detail
