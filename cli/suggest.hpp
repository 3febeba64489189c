// "Did you mean": the known word closest to a mistyped one, for unknown
// commands and options (git and CLI tools do the same).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lmacheck::cli {

// The candidate within a few edits of `word` (at most 2, or a third of its
// length for long words), the closest first; nothing when none is that close.
std::optional<std::string> closest_word(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace lmacheck::cli
