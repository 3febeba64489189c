// The two parse paths give the same Document. Sound text is read by simdjson
// and copied into nlohmann::json (document/fast_parse.*); anything simdjson
// cannot decide is read by the exact path (nlohmann's SAX parser and the DOM
// builder), which also places every problem. A report must not depend on
// which path read a file, so for every input here both paths must give the
// same DOM, value types included (12 unsigned, -3 signed, 1.5 float), and
// the same findings. The inputs: every JSON file in the repository's samples,
// schemas and rules; a generated national year with planted defects; numbers,
// strings and structures at the edges of both parsers; and thousands of
// seeded mutations of the samples (the same kinds of inputs the fuzzer
// fuzz_differential makes, bounded, in every test run).
#include "document/document.hpp"
#include "document/fast_parse.hpp"
#include "support/file_bytes.hpp"
#include "support/temp_dir.hpp"
#include "support/test_paths.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

namespace lmacheck {
namespace {

namespace fs = std::filesystem;
using test::json_files_below;
using nlohmann::json;

using lmacheck::test_paths::source_dir;

// Equal values of equal types: nlohmann's == calls 0 and 0u, or 1 and 1.0,
// equal, but the schema layer and the rules tell them apart.
::testing::AssertionResult same_value(const json& fast, const json& exact, const std::string& where = "") {
    if (fast.type() != exact.type()) {
        return ::testing::AssertionFailure() << "at '" << where << "': fast " << fast.type_name() << " "
                                             << fast.dump() << ", exact " << exact.type_name() << " " << exact.dump();
    }
    if (fast.is_object()) {
        if (fast.size() != exact.size()) return ::testing::AssertionFailure() << "at '" << where << "': member count";
        for (auto f = fast.begin(), e = exact.begin(); f != fast.end(); ++f, ++e) {
            if (f.key() != e.key()) return ::testing::AssertionFailure() << "at '" << where << "': keys differ";
            if (auto result = same_value(*f, *e, where + "/" + f.key()); !result) return result;
        }
        return ::testing::AssertionSuccess();
    }
    if (fast.is_array()) {
        if (fast.size() != exact.size()) return ::testing::AssertionFailure() << "at '" << where << "': length";
        for (std::size_t i = 0; i < fast.size(); ++i) {
            if (auto result = same_value(fast[i], exact[i], where + "/" + std::to_string(i)); !result) return result;
        }
        return ::testing::AssertionSuccess();
    }
    if (fast.is_number_float()) {
        // Bit for bit: -0.0 against 0.0 counts as a difference.
        const double a = fast.get<double>();
        const double b = exact.get<double>();
        if (std::signbit(a) != std::signbit(b) || !(a == b)) {
            return ::testing::AssertionFailure() << "at '" << where << "': " << a << " against " << b;
        }
        return ::testing::AssertionSuccess();
    }
    if (fast != exact) {
        return ::testing::AssertionFailure() << "at '" << where << "': " << fast.dump() << " against " << exact.dump();
    }
    return ::testing::AssertionSuccess();
}

std::string describe(const RawFinding& finding) {
    std::string text = finding.rule + " " + finding.path + " " + finding.message_id;
    for (const auto& [name, value] : finding.args) text += " " + name + "=" + value.dump();
    if (finding.position) {
        text += " @" + std::to_string(finding.position->line) + ":" + std::to_string(finding.position->column);
    }
    return text;
}

::testing::AssertionResult same_document(const std::string& bytes, const LoadLimits& limits = {}) {
    const Document fast = parse_document(bytes, "test.json", limits, ParsePath::fast_when_possible);
    const Document exact = parse_document(bytes, "test.json", limits, ParsePath::exact);
    if (fast.json.has_value() != exact.json.has_value()) {
        return ::testing::AssertionFailure() << "one path accepts, the other refuses: "
                                             << (fast.findings.empty() ? "" : describe(fast.findings.front()))
                                             << (exact.findings.empty() ? "" : describe(exact.findings.front()));
    }
    if (fast.json) {
        if (auto result = same_value(*fast.json, *exact.json); !result) return result;
    }
    if (fast.findings.size() != exact.findings.size()) {
        return ::testing::AssertionFailure() << fast.findings.size() << " findings against "
                                             << exact.findings.size();
    }
    for (std::size_t i = 0; i < fast.findings.size(); ++i) {
        if (describe(fast.findings[i]) != describe(exact.findings[i])) {
            return ::testing::AssertionFailure() << describe(fast.findings[i]) << " against "
                                                 << describe(exact.findings[i]);
        }
    }
    if (fast.sha256 != exact.sha256 || fast.bytes != exact.bytes || fast.text() != exact.text()) {
        return ::testing::AssertionFailure() << "hash or bytes differ";
    }
    return ::testing::AssertionSuccess();
}

TEST(ParsePaths, AgreeOnEveryJsonFileOfTheRepository) {
    std::size_t files = 0;
    for (const char* dir : {"samples", "schemas", "rules"}) {
        for (const fs::path& file : json_files_below(source_dir / dir)) {
            EXPECT_TRUE(same_document(test::read_bytes(file))) << file;
            ++files;
        }
    }
    EXPECT_GT(files, 30u);
}

TEST(ParsePaths, AgreeOnAGeneratedNationalYearWithDefects) {
    const test::TempDir dir;
    const fs::path out = dir / "batch";
    const std::string command = "python3 '" + (source_dir / "tools/generate-batch.py").string() + "' '" +
                                out.string() + "' --years 2019 --defects 0.35 --seed 15 > /dev/null";
    ASSERT_EQ(std::system(command.c_str()), 0) << "tools/generate-batch.py failed";
    std::size_t files = 0;
    for (const fs::path& file : json_files_below(out / "2019")) {
        EXPECT_TRUE(same_document(test::read_bytes(file))) << file;
        ++files;
    }
    EXPECT_GE(files, 600u);
}

// Sound documents must take the fast path (that is its whole point): a
// change that made simdjson give up on them would pass every other test.
TEST(ParsePaths, SoundSamplesTakeTheFastPath) {
    std::size_t taken = 0;
    for (const fs::path& file : json_files_below(source_dir / "samples/valid")) {
        std::string bytes = test::read_bytes(file);
        std::string_view text = bytes;
        if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
        EXPECT_TRUE(document_detail::fast_parse(text, 512).has_value()) << file;
        ++taken;
    }
    EXPECT_GT(taken, 5u);
}

TEST(ParsePaths, AgreeOnNumbersAtTheEdges) {
    for (const char* number :
         {"0", "-0", "0.0", "-0.0", "1", "-1", "12.0", "1.2e1", "-3.0", "1.5", "1e2", "1E+2", "1e-2", "1e-400",
          "-1e-400", "1e308", "1.7976931348623157e308", "4.9e-324", "9007199254740993", "9007199254740993.0",
          "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
          "18446744073709551615", "18446744073709551616", "18446744073709551616.0", "-9223372036854775808.0",
          "123456789012345678901234567890", "0.1", "0.30000000000000004", "2.2250738585072014e-308", "1e400",
          "-1e400", "01", "1.", ".5", "+1", "--1", "1e", "0x10", "NaN", "Infinity"}) {
        EXPECT_TRUE(same_document(number)) << number;
        EXPECT_TRUE(same_document(std::string("{\"n\": [") + number + "]}")) << number;
    }
}

TEST(ParsePaths, AgreeOnStringsAndStructure) {
    const std::vector<std::string> inputs = {
        R"("")", R"("\u0000")", R"("a\"b\\c\/d\b\f\n\r\t")", R"("\u00e9\u20ac\ud83d\ude00")", R"("\ud800")",
        R"("\udc00")", R"("\ud800\u0041")", "\"\t\"", "\"\x01\"", "\"é€😀\"", R"({"a":1,"a":2})",
        R"({"a":{"b":1,"b":{"c":1}},"a":3})", R"({"":1,"\u0061":2})", R"({"a":1,"\u0061":2})", "{}", "[]",
        "[[],{}]", " \n\t\r[1] \n", "[1,]", "{\"a\":1,}", "[1 2]", "{\"a\" 1}", "[1]x", "[1] [2]", "[1]\0",
        std::string("[1]\0 x", 6), std::string("[\"a\0b\"]", 7), "true", "false", "null", "nul", "tru",
        "\xEF\xBB\xBF{}", "\xEF\xBB\xBF\xEF\xBB\xBF{}", "", " ", "[", "{", "{\"a\":", "\"abc", "[1,[2,[3]]]"};
    for (const std::string& input : inputs) EXPECT_TRUE(same_document(input)) << input;
}

TEST(ParsePaths, AgreeOnNestingAroundTheLimits) {
    auto nested = [](int depth, const char* open, const char* close) {
        std::string text;
        for (int i = 0; i < depth; ++i) text += open;
        text += "1";
        for (int i = 0; i < depth; ++i) text += close;
        return text;
    };
    for (int limit : {1, 2, 64, 512, 1023, 1024, 1025, 3000}) {
        LoadLimits limits;
        limits.max_depth = limit;
        for (int depth : {limit - 1, limit, limit + 1}) {
            if (depth < 0) continue;
            EXPECT_TRUE(same_document(nested(depth, "[", "]"), limits)) << limit << " " << depth;
            EXPECT_TRUE(same_document(nested(depth, "{\"k\":", "}"), limits)) << limit << " " << depth;
        }
    }
    LoadLimits none;
    none.max_depth = 0;
    EXPECT_TRUE(same_document("1", none));
    EXPECT_TRUE(same_document("[]", none));
}

// Seeded mutations of the samples: bytes flipped, inserted, deleted and
// copied, as a fuzzer would, 4,000 inputs in all.
TEST(ParsePaths, AgreeOnMutationsOfTheSamples) {
    std::vector<std::string> seeds;
    for (const fs::path& file : json_files_below(source_dir / "samples")) seeds.push_back(test::read_bytes(file));
    ASSERT_FALSE(seeds.empty());
    constexpr char characters[] = "{}[]:,\"\\ -+.0123456789eEtrufalsn\x00\x7f\xc3\xa9\xff";
    const std::string alphabet(characters, sizeof characters - 1);  // the NUL included
    std::mt19937 random(15);
    for (int trial = 0; trial < 4000; ++trial) {
        std::string text = seeds[random() % seeds.size()];
        const int edits = 1 + static_cast<int>(random() % 4);
        for (int edit = 0; edit < edits && !text.empty(); ++edit) {
            const std::size_t at = random() % text.size();
            switch (random() % 4) {
                case 0: text[at] = alphabet[random() % alphabet.size()]; break;
                case 1: text.insert(at, 1, alphabet[random() % alphabet.size()]); break;
                case 2: text.erase(at, 1 + random() % 8); break;
                default: {
                    const std::size_t from = random() % text.size();
                    text.insert(at, text.substr(from, 1 + random() % 32));
                }
            }
        }
        ASSERT_TRUE(same_document(text)) << "trial " << trial << ": " << text;
    }
}

}  // namespace
}  // namespace lmacheck
