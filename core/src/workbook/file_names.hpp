// How the workbook layer tells files and parts apart by name.
#pragma once

#include <algorithm>
#include <cctype>
#include <string_view>

namespace lmacheck::workbook {

// Whether `text` ends with `suffix` (given in lower case), in any letter case.
inline bool ends_with_ignoring_case(std::string_view text, std::string_view suffix) {
    if (text.size() < suffix.size()) return false;
    return std::equal(suffix.begin(), suffix.end(), text.end() - static_cast<std::ptrdiff_t>(suffix.size()),
                      [](char s, char t) { return std::tolower(static_cast<unsigned char>(t)) == s; });
}

}  // namespace lmacheck::workbook
