// The compact per-file records a run keeps until its report is written
// (engine/file_work.hpp, model/shared_text.hpp): level-3 facts packed as
// CBOR must give the check back what it collected, and shared texts must
// read and compare as the texts they hold.
#include "engine/file_work.hpp"
#include "model/shared_text.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace lmacheck {
namespace {

using nlohmann::json;

// What the shipped level-3 checks collect, and the edges of each type.
std::vector<json> facts_as_checks_collect() {
    return {
        nullptr,
        json::object(),
        json::array(),
        json{{"budget_per_place", {{"value", 61234.5678}, {"size", 1.0e6}}},
             {"occupancy/clinical", {{"value", 0.1}, {"size", 36500}}}},
        json::array({json{{"location_id", "L-01"}, {"municipality", "GM0363"}, {"places", 12.5}}}),
        json{{"submitter", "06290417"}, {"sha256", std::string(64, 'a')}, {"accepted", true}},
        json{{"negative", -42}, {"zero", 0}, {"big", std::numeric_limits<std::int64_t>::max()},
             {"unsigned", std::numeric_limits<std::uint64_t>::max()}, {"small", -1.5e-300},
             {"third", 1.0 / 3.0}, {"float_exact", 0.5}, {"nan_free", 1e308}},
        json{{"text", "Zuid-Holland \u00e9\u00e8 \xf0\x9f\x98\x80 \"quoted\"\n"}, {"empty", ""}, {"nul", std::string("a\0b", 3)}},
        json::array({1, "two", 3.0, false, nullptr, json::array({json::object()})}),
    };
}

TEST(PackedFacts, GiveBackTheSameValues) {
    for (const json& facts : facts_as_checks_collect()) {
        PackedFacts packed(facts);
        const json back = packed.unpack();
        EXPECT_EQ(back, facts) << facts.dump();
        // The same text wherever a check writes them into a message or report.
        EXPECT_EQ(back.dump(), facts.dump());
        // Numbers keep their kind: an integer stays an integer, a double a double.
        if (facts.is_object()) {
            for (const auto& [key, value] : facts.items()) {
                EXPECT_EQ(back.at(key).is_number_float(), value.is_number_float()) << key;
                EXPECT_EQ(back.at(key).is_number_integer(), value.is_number_integer()) << key;
            }
        }
    }
}

TEST(PackedFacts, UnpackOnceThenNothingIsKept) {
    PackedFacts packed(json{{"a", 1}});
    EXPECT_EQ(packed.unpack(), (json{{"a", 1}}));
    EXPECT_TRUE(packed.unpack().is_null()) << "the bytes are freed when the check takes its facts";
    EXPECT_TRUE(PackedFacts().unpack().is_null());
}

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
