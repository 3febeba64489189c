// PrettyJsonWriter must write exactly the bytes nlohmann's dump(2) writes
// for the same keys in the same order: the JSON report's bytes are part of
// the contract (CI pipelines diff them, --jobs must not change them).
// Checked on hand-picked edge cases and on random documents.
#include "report/pretty_json_writer.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

namespace lmacheck {
namespace {

using ordered = nlohmann::ordered_json;

std::string reference(const ordered& value) {
    return value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

// The same value as nlohmann::json (whose objects sort their keys: the
// random documents below insert keys in sorted order for that reason).
nlohmann::json unordered(const ordered& value) {
    return nlohmann::json::parse(value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

// Writes `value` through the writer, member by member; subtrees marked for
// it go through value() as one nlohmann::json.
void write(PrettyJsonWriter& out, const ordered& value, std::mt19937& random, bool use_value_for_some) {
    if (use_value_for_some && (value.is_structured() || value.is_number_float()) && random() % 4 == 0) {
        out.value(unordered(value));
        return;
    }
    switch (value.type()) {
    case ordered::value_t::object:
        out.begin_object();
        for (const auto& [key, member] : value.items()) {
            out.key(key);
            write(out, member, random, use_value_for_some);
        }
        out.end_object();
        return;
    case ordered::value_t::array:
        out.begin_array();
        for (const ordered& element : value) write(out, element, random, use_value_for_some);
        out.end_array();
        return;
    case ordered::value_t::string: out.string(value.get_ref<const std::string&>()); return;
    case ordered::value_t::boolean: out.boolean(value.get<bool>()); return;
    case ordered::value_t::number_integer: out.number(value.get<long long>()); return;
    case ordered::value_t::null: out.null(); return;
    default: out.value(unordered(value)); return;
    }
}

std::string written(const ordered& value, bool use_value_for_some, unsigned seed = 1) {
    std::string text;
    PrettyJsonWriter out(text);
    std::mt19937 random(seed);
    write(out, value, random, use_value_for_some);
    return text;
}

TEST(PrettyJsonWriter, EmptyContainersStayOnOneLine) {
    const ordered value = {{"findings", ordered::array()}, {"counts", ordered::object()}, {"x", {{"y", ordered::array()}}}};
    EXPECT_EQ(written(value, false), reference(value));
}

TEST(PrettyJsonWriter, StringsNeedingEscapesAreEscapedLikeNlohmann) {
    const ordered value = {{"quote \" and \\ backslash", "tab\tnewline\ncontrol\x01 del\x7f"},
                           {"utf8", "Utrecht \xc3\xa9\xe2\x82\xac"},
                           {"not utf8", "end\xff"},
                           {"only a backslash", "C:\\data\\lma.json"},
                           {"only a quote", "say \"hi\""},
                           {"plain", "gm0363"}};
    EXPECT_EQ(written(value, false), reference(value));
}

TEST(PrettyJsonWriter, ValuesKeepTheirIndentationAtAnyDepth) {
    const ordered value = {
        {"a", {{"b", {{"expected", nlohmann::json::parse(R"({"z": [1, 2.5, {"k": "v"}], "a": null, "e": []})")}}}}},
        {"n", -0.0},
        {"big", 1e300}};
    EXPECT_EQ(written(value, true, 3), reference(value));
    EXPECT_EQ(written(value, false), reference(value));
}

TEST(PrettyJsonWriter, TopLevelScalarsAndArrays) {
    for (const ordered& value : {ordered("x"), ordered(42), ordered(nullptr), ordered::array({1, "a", true})}) {
        EXPECT_EQ(written(value, false), reference(value));
    }
}

ordered random_value(std::mt19937& random, int depth) {
    static const std::vector<std::string> strings = {"", "rule", "a\"b", "c\\d", "line\nbreak", "\x1f", "caf\xc3\xa9",
                                                     "bad\xc3", "\xff\xfe", "/capacity/0/places", "~1"};
    const int kind = static_cast<int>(random() % (depth > 3 ? 5 : 7));
    switch (kind) {
    case 0: return strings[random() % strings.size()];
    case 1: return static_cast<long long>(random() % 2000) - 1000;
    case 2: return random() % 2 == 0;
    case 3: return nullptr;
    case 4: return static_cast<double>(random() % 100000) / 7.0;
    case 5: {
        std::vector<std::string> keys;
        const int members = static_cast<int>(random() % 4);
        for (int i = 0; i < members; ++i) keys.push_back(strings[random() % strings.size()] + std::to_string(i));
        std::sort(keys.begin(), keys.end());
        ordered object = ordered::object();
        for (const std::string& key : keys) object[key] = random_value(random, depth + 1);
        return object;
    }
    default: {
        ordered array = ordered::array();
        const int elements = static_cast<int>(random() % 4);
        for (int i = 0; i < elements; ++i) array.push_back(random_value(random, depth + 1));
        return array;
    }
    }
}

TEST(PrettyJsonWriter, RandomDocumentsMatchNlohmannsDump) {
    std::mt19937 random(20261123);
    for (int trial = 0; trial < 2000; ++trial) {
        const ordered value = random_value(random, 0);
        ASSERT_EQ(written(value, trial % 2 == 0, static_cast<unsigned>(trial)), reference(value)) << value.dump();
    }
}

}  // namespace
}  // namespace lmacheck
