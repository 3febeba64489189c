// "Did you mean": the known word closest to a mistyped one, by edit
// distance (Levenshtein). Used for unknown keys of a submission and for
// unknown commands and options of the command line.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lmacheck {

// Insertions, deletions and substitutions that turn `a` into `b`.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate fewest edits away from `word` (the first of equals), when
// at most `max_edits` away; nothing otherwise.
std::optional<std::string> closest_word(std::string_view word, const std::vector<std::string>& candidates,
                                        std::size_t max_edits);

}  // namespace lmacheck
