// Source positions of JSON Pointers: Document::position_of and the index
// behind it.
#include "document/position_index.hpp"
#include "document/document.hpp"
#include "document_test_support.hpp"

#include <gtest/gtest.h>

#include <string>

namespace lmacheck {
namespace {

using testing::parse;

// "line:column", or "none" when the pointer does not resolve.
std::string at(const Document& doc, std::string_view pointer) {
    const auto position = doc.position_of(pointer);
    if (!position) return "none";
    return std::to_string(position->line) + ":" + std::to_string(position->column);
}

std::string at(const PositionIndex& index, std::string_view pointer) {
    const auto position = index.find(pointer);
    if (!position) return "none";
    return std::to_string(position->line) + ":" + std::to_string(position->column);
}

const char* const sample_text = R"({
  "name": "De Linde",
  "address": {"street": "Dorpsstraat", "number": 12},
  "capacity": [
    {"places": 12, "tags": ["a", "b"]},
    {"places": [], "extra": {}},
    7
  ]
})";

TEST(PositionOf, RootAndNestedValues) {
    const Document doc = parse(sample_text);
    ASSERT_TRUE(doc.json.has_value());
    EXPECT_EQ(at(doc, ""), "1:1");
    EXPECT_EQ(at(doc, "/name"), "2:11");
    EXPECT_EQ(at(doc, "/address"), "3:14");
    EXPECT_EQ(at(doc, "/address/street"), "3:25");
    EXPECT_EQ(at(doc, "/address/number"), "3:50");
    EXPECT_EQ(at(doc, "/capacity"), "4:15");
}

TEST(PositionOf, ArrayElements) {
    const Document doc = parse(sample_text);
    EXPECT_EQ(at(doc, "/capacity/0"), "5:5");
    EXPECT_EQ(at(doc, "/capacity/0/places"), "5:16");
    EXPECT_EQ(at(doc, "/capacity/0/tags/1"), "5:34");
    EXPECT_EQ(at(doc, "/capacity/1/places"), "6:16");
    EXPECT_EQ(at(doc, "/capacity/1/extra"), "6:29");
    EXPECT_EQ(at(doc, "/capacity/2"), "7:5");
}

TEST(PositionOf, PointersThatDoNotResolve) {
    const Document doc = parse(sample_text);
    EXPECT_EQ(at(doc, "/missing"), "none");
    EXPECT_EQ(at(doc, "/capacity/3"), "none");
    EXPECT_EQ(at(doc, "/capacity/-"), "none");
    EXPECT_EQ(at(doc, "/capacity/01"), "none");  // no leading zeros in an index
    EXPECT_EQ(at(doc, "/capacity/1x"), "none");
    EXPECT_EQ(at(doc, "/capacity/99999999999999999999"), "none");
    EXPECT_EQ(at(doc, "/name/0"), "none");        // into a string
    EXPECT_EQ(at(doc, "/capacity/2/x"), "none");  // into a number
    EXPECT_EQ(at(doc, "name"), "none");           // not a pointer
    EXPECT_EQ(at(doc, "/na~2me"), "none");        // bad escape
    EXPECT_EQ(at(doc, "/address/"), "none");      // the key "" does not exist
}

TEST(PositionOf, KeysWithTildeAndSlash) {
    const Document doc = parse(R"({"a/b": 1, "m~n": 2, "~1": 3, "": 4, "x": {"": 5}})");
    ASSERT_TRUE(doc.json.has_value());
    EXPECT_EQ(at(doc, "/a~1b"), "1:9");
    EXPECT_EQ(at(doc, "/m~0n"), "1:19");
    EXPECT_EQ(at(doc, "/~01"), "1:28");
    EXPECT_EQ(at(doc, "/"), "1:35");  // the empty key
    EXPECT_EQ(at(doc, "/x/"), "1:48");
    EXPECT_EQ(at(doc, "/a/b"), "none");
}

TEST(PositionOf, EscapedKeysMatchTheParsedKeys) {
    const Document doc =
        parse(R"({"\u00e9\ud83d\ude00": 1, "q\"": 2, "x\/y": 3, "t\tab": 4, "\\": 5, "s": "}]\"[{", "z": 6})");
    ASSERT_TRUE(doc.json.has_value());
    EXPECT_EQ(at(doc, "/é😀"), "1:24");
    EXPECT_EQ(at(doc, "/q\""), "1:34");
    EXPECT_EQ(at(doc, "/x~1y"), "1:45");
    EXPECT_EQ(at(doc, "/t\tab"), "1:57");
    EXPECT_EQ(at(doc, "/\\"), "1:66");
    EXPECT_EQ(at(doc, "/z"), "1:89");  // after a string full of brackets
}

TEST(PositionOf, ColumnsAreCodePointsAndTheBomIsNotCounted) {
    const Document doc = parse("\xEF\xBB\xBF{\"é\": \"ö\", \"x\": 1}");
    ASSERT_TRUE(doc.json.has_value());
    EXPECT_EQ(at(doc, ""), "1:1");
    EXPECT_EQ(at(doc, "/é"), "1:7");
    EXPECT_EQ(at(doc, "/x"), "1:17");
}

TEST(PositionOf, DuplicateKeysResolveToTheLastValue) {
    const Document doc = parse("{\"a\": 1,\n \"a\": {\"b\": 2}}");
    ASSERT_TRUE(doc.json.has_value());
    EXPECT_EQ(at(doc, "/a"), "2:7");
    EXPECT_EQ(at(doc, "/a/b"), "2:13");
}

TEST(PositionOf, ScalarRootWithLeadingWhitespace) {
    const Document doc = parse("\n\n   42  ");
    EXPECT_EQ(at(doc, ""), "3:4");
    EXPECT_EQ(at(doc, "/0"), "none");
}

TEST(PositionOf, NoneWhenTheDocumentIsUnreadable) {
    const Document doc = parse("{\"a\": ");
    EXPECT_EQ(at(doc, ""), "none");
    EXPECT_EQ(at(doc, "/a"), "none");
}

TEST(PositionOf, SurvivesAMove) {
    Document doc = parse(R"({"a": [1, 2]})");
    EXPECT_EQ(at(doc, "/a/1"), "1:11");  // builds the index
    const Document moved = std::move(doc);
    EXPECT_EQ(at(moved, "/a/1"), "1:11");
}

TEST(PositionIndex, HundredThousandDeep) {
    const std::size_t depth = 100000;
    const std::string text = std::string(depth, '[') + std::string(depth, ']');
    const PositionIndex index(text);
    std::string pointer;
    for (std::size_t i = 1; i < depth; ++i) pointer += "/0";
    EXPECT_EQ(at(index, pointer), "1:100000");
    EXPECT_EQ(at(index, pointer + "/0"), "none");

    // The same through a document allowed to be that deep.
    const Document doc = parse(text, LoadLimits{1 << 20, 200000});
    ASSERT_TRUE(doc.json.has_value());
    EXPECT_EQ(at(doc, pointer), "1:100000");
}

TEST(PositionIndex, LargeArrayIsLinear) {
    // 300,000 elements over as many lines: quadratic work would time out.
    std::string text = "[\n";
    const int count = 300000;
    for (int i = 0; i < count; ++i) text += (i ? ",\n" : "") + std::string("{\"v\": ") + std::to_string(i) + "}";
    text += "\n]";
    const Document doc = parse(text);
    ASSERT_TRUE(doc.json.has_value());
    for (int i = 0; i < count; i += 997) {
        EXPECT_EQ(at(doc, "/" + std::to_string(i) + "/v"), std::to_string(i + 2) + ":7");
    }
    EXPECT_EQ(at(doc, "/299999"), "300001:1");
}

TEST(PositionIndex, InvalidTextDoesNotCrash) {
    // The document never builds an index for invalid JSON, but the scanner
    // must stay within bounds on any input.
    for (const char* text :
         {"", "{", "[", "{\"a", "{\"a\"", "{\"a\":", "[1,", "\"abc", "{\"a\\u12", "]]]", "}{", "[1 2]"}) {
        const PositionIndex index(text);
        (void)index.find("");
        (void)index.find("/a");
        (void)index.find("/0");
    }
    EXPECT_EQ(at(PositionIndex("[1,"), ""), "1:1");
    EXPECT_EQ(at(PositionIndex("{\"a\": 1"), "/a"), "1:7");  // members are known before the object closes
}

}  // namespace
}  // namespace lmacheck
