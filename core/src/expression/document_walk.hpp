// JSON Pointers with `*` over a document, as expression rules use them: the
// matches of `for_each`, the values of `let`, the items of an aggregate.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace lmacheck::expression {

inline constexpr const char* wildcard = "*";

// A pointer as written: absolute ("/fact/fte") or relative to the match
// ("places", "" for the match itself); tokens unescaped, "*" a wildcard.
struct PointerSpec {
    bool absolute = false;
    std::vector<std::string> tokens;

    std::size_t wildcards() const;
};

// Throws std::invalid_argument for a `~` not followed by 0 or 1.
PointerSpec parse_pointer(const std::string& text);

// One place in the document: its pointer, its value, and the member name or
// index of its last `*` (an array item's key is its index as text).
struct Match {
    std::string pointer;
    const nlohmann::json* value = nullptr;
    std::string key;
    std::size_t index = 0;
};

// Follows `tokens` (no wildcard) from `start`; nullptr where one does not resolve.
const nlohmann::json* follow(const nlohmann::json& start, const std::vector<std::string>& tokens);

// Every place `spec` reaches from `base` (the document for an absolute spec),
// one per member of each `*`, in document order.
std::vector<Match> expand(const nlohmann::json& document, const Match& base, const PointerSpec& spec);

// The pointer `spec` names from `base`, without resolving it.
std::string pointer_from(const Match& base, const PointerSpec& spec);

// A number, or a boolean as 1 or 0; anything else (a string, null, an object,
// an array) has no numeric value.
std::optional<double> numeric_value(const nlohmann::json* value);

}  // namespace lmacheck::expression
