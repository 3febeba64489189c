// The Dutch text of why a file could not be read as JSON. The reasons come
// from nlohmann's parser and from our own UTF-8 and file checks, in English;
// a Dutch reader sees them in Dutch, with the input they quote untouched.
#pragma once

#include <string>
#include <string_view>

namespace lmacheck {

// Translates every phrase it knows, left to right, and keeps the rest
// (quoted input, bytes such as 0xC3, code points, punctuation) as it is.
// What follows "; last read: " quotes the file and is never translated.
std::string dutch_reason(std::string_view english);

}  // namespace lmacheck
