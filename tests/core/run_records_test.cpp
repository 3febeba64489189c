// The texts every file's record shares (model/shared_text.hpp): copies
// share one string, and read and compare as the text they hold.
#include "model/shared_text.hpp"

#include <gtest/gtest.h>

#include <string>

namespace lmacheck {
namespace {

TEST(SharedText, CopiesShareOneStringAndReadAsIt) {
    const SharedText id("capacity.places-from-bed-days");
    const SharedText copy = id;  // NOLINT(performance-unnecessary-copy-initialization): the point
    EXPECT_EQ(&id.str(), &copy.str()) << "a copy must not hold its own string";
    EXPECT_EQ(copy, "capacity.places-from-bed-days");
    EXPECT_EQ(copy, std::string("capacity.places-from-bed-days"));
    EXPECT_EQ(copy, SharedText("capacity.places-from-bed-days")) << "equal texts compare equal, shared or not";
    EXPECT_FALSE(copy == "capacity.occupancy");
    EXPECT_TRUE(copy.starts_with("capacity."));
    const std::string& as_string = copy;
    EXPECT_EQ(as_string.size(), 29u);
    EXPECT_TRUE(SharedText().empty());
    EXPECT_EQ(SharedText().str(), "");
}

}  // namespace
}  // namespace lmacheck
