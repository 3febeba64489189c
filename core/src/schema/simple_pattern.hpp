// A matcher for the anchored, simple regular expressions JSON Schemas use for
// codes and identifiers ("^GM[0-9]{4}$", "^[A-Za-z0-9_-]{1,32}$"), without
// std::regex: libstdc++'s regex costs about a microsecond and an allocation
// per match, more than parsing the value did, and a submission has one such
// value per location.
//
// Only patterns it can match exactly as ECMAScript's regex_search would are
// compiled; for any other compile() returns nullopt and the caller uses
// std::regex. Accepted: '^', then atoms, then '$'. An atom is an ASCII
// literal (letters, digits, '_', '-', or a backslash-escaped punctuation
// character) or a bracket class of such characters and ranges, optionally
// followed by ?, *, +, {n} or {m,n}. A variable-length atom must be followed
// by one that shares no character with it (or by the end), so greedy matching
// without backtracking is exact.
#pragma once

#include <bitset>
#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace lmacheck {

class SimplePattern {
public:
    static std::optional<SimplePattern> compile(std::string_view pattern);

    // Whether `text` matches (the whole text: the pattern is anchored).
    bool matches(std::string_view text) const;

private:
    struct Atom {
        std::bitset<128> chars;  // ASCII only: any other byte never matches
        std::size_t min = 1;
        std::size_t max = 1;
    };
    std::vector<Atom> atoms_;
};

}  // namespace lmacheck
