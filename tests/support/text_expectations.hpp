// Expectations on a message: that it says each of a few things.
#pragma once

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>

namespace lmacheck::test {

// `text` is not empty and contains each of `parts`; names the missing part.
inline void expect_mentions(const std::string& text, std::initializer_list<std::string> parts) {
    EXPECT_FALSE(text.empty());
    for (const std::string& part : parts) {
        EXPECT_NE(text.find(part), std::string::npos) << "message: " << text << "\nlacks: " << part;
    }
}

}  // namespace lmacheck::test
