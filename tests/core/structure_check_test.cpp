// The schema layer: valijson's context vectors become RFC 6901 pointers, its
// cascade of parent failures is dropped, every unknown key is reported, and
// messages say what the schema expected.
#include "schema/structure_check.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace lmacheck {
namespace {

const nlohmann::json schema_source = R"({
  "$schema": "http://json-schema.org/draft-07/schema#",
  "type": "object",
  "additionalProperties": false,
  "required": ["capacity", "submitted_at"],
  "properties": {
    "submitted_at": { "type": "string", "format": "date-time" },
    "code": { "type": "string", "pattern": "^GM[0-9]{4}$", "description": "a CBS municipality code" },
    "capacity": {
      "type": "array",
      "items": { "$ref": "#/definitions/record" }
    }
  },
  "definitions": {
    "count": { "type": "integer", "minimum": 0 },
    "record": {
      "type": "object",
      "additionalProperties": false,
      "required": ["bed_days", "financing"],
      "properties": {
        "bed_days": { "$ref": "#/definitions/count" },
        "financing": { "enum": ["zvw", "wlz"] },
        "a/b~c": { "type": "boolean" }
      }
    }
  }
})"_json;

struct Fixture : ::testing::Test {
    CompiledSchema schema{"test", schema_source};
    StructureChecker checker;

    std::vector<RawFinding> check(const char* text) { return checker.check(schema, nlohmann::json::parse(text)); }
};

std::vector<std::string> paths(const std::vector<RawFinding>& findings) {
    std::vector<std::string> out;
    for (const auto& f : findings) out.push_back(f.path + " " + f.message_id);
    std::sort(out.begin(), out.end());
    return out;
}

std::string arg(const RawFinding& f, const char* name) {
    for (const auto& [key, value] : f.args) {
        if (key == name) return value.is_string() ? value.get<std::string>() : value.dump();
    }
    return "";
}

TEST(ContextToPointer, EscapesTildeAndSlashAndKeepsIndices) {
    EXPECT_EQ(context_to_pointer({"<root>"}), "");
    EXPECT_EQ(context_to_pointer({"<root>", "[capacity]", "[0]", "[places]"}), "/capacity/0/places");
    EXPECT_EQ(context_to_pointer({"<root>", "[a/b~c]"}), "/a~1b~0c");
    EXPECT_EQ(context_to_pointer({"<root>", "[]"}), "/");
}

TEST_F(Fixture, ValidDocumentHasNoFindings) {
    EXPECT_TRUE(check(R"({"capacity": [{"bed_days": 3, "financing": "zvw"}], "submitted_at": "2020-02-29T10:00:00Z"})")
                    .empty());
}

TEST_F(Fixture, OneFindingPerViolatedValueWithoutParentCascade) {
    const auto findings = check(R"({"capacity": [{"bed_days": 1, "financing": "zvw"},
                                                  {"bed_days": -3, "financing": "zvw"}],
                                     "submitted_at": "2020-01-01T00:00:00Z"})");
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_EQ(findings[0].path, "/capacity/1/bed_days");
    EXPECT_EQ(findings[0].message_id, "invalid-value");
    EXPECT_EQ(arg(findings[0], "expected_en"), "integer >= 0");
    EXPECT_EQ(arg(findings[0], "actual_en"), "-3");
    EXPECT_EQ(findings[0].actual, nlohmann::json(-3));
}

TEST_F(Fixture, MissingKeyIsReportedAtTheObjectThatLacksIt) {
    const auto findings = check(R"({"capacity": [{"financing": "zvw"}], "submitted_at": "2020-01-01T00:00:00Z"})");
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_EQ(findings[0].path, "/capacity/0");
    EXPECT_EQ(findings[0].message_id, "missing-key");
    EXPECT_EQ(arg(findings[0], "key"), "bed_days");
}

TEST_F(Fixture, EveryUnknownKeyIsReportedAtItsOwnPathWithASuggestion) {
    // Valijson itself names only the first unknown key of an object.
    const auto findings = check(R"({"capacity": [{"bed_days": 1, "financing": "zvw", "bed_dayz": 2, "remark": "x"}],
                                     "submitted_at": "2020-01-01T00:00:00Z", "extra": 1})");
    EXPECT_EQ(paths(findings), (std::vector<std::string>{"/capacity/0/bed_dayz unknown-key-suggestion",
                                                         "/capacity/0/remark unknown-key", "/extra unknown-key"}));
    for (const auto& f : findings) {
        if (f.path == "/capacity/0/bed_dayz") {
            EXPECT_EQ(arg(f, "suggestion"), "bed_days");
        }
    }
}

TEST_F(Fixture, UnknownKeyWithSlashIsEscaped) {
    const auto findings = check(R"({"capacity": [], "submitted_at": "2020-01-01T00:00:00Z", "x/y": 1})");
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_EQ(findings[0].path, "/x~1y");
}

TEST_F(Fixture, EnumAndPatternMessagesSayWhatIsExpected) {
    const auto findings = check(R"({"capacity": [{"bed_days": 1, "financing": "awbz"}], "code": "G0363",
                                     "submitted_at": "2020-01-01T00:00:00Z"})");
    ASSERT_EQ(findings.size(), 2u);
    for (const auto& f : findings) {
        if (f.path == "/capacity/0/financing") {
            EXPECT_EQ(arg(f, "expected_en"), "one of `zvw`, `wlz`");
        } else {
            EXPECT_EQ(f.path, "/code");
            EXPECT_EQ(arg(f, "expected_en"), "a CBS municipality code");
            EXPECT_EQ(arg(f, "expected_nl"), "tekst volgens het patroon `^GM[0-9]{4}$`");
        }
    }
}

TEST_F(Fixture, WrongTypeIsOneFinding) {
    const auto findings = check(R"({"capacity": {"bed_days": 1}, "submitted_at": "2020-01-01T00:00:00Z"})");
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_EQ(findings[0].path, "/capacity");
    EXPECT_EQ(arg(findings[0], "expected_en"), "an array");
    EXPECT_EQ(arg(findings[0], "actual_en"), "an object with 1 key(s)");
    EXPECT_EQ(findings[0].actual, "an object with 1 key(s)") << "containers are summarized, not copied";
}

TEST_F(Fixture, DateTimeIsCheckedStrictly) {
    for (const char* bad : {"2019-02-29T10:00:00Z", "2020-02-30T10:00:00Z", "2020-01-01 10:00:00Z",
                            "2020-01-01T24:00:00Z", "2020-01-01T10:00:00", "2020-01-01T10:00:00+0100"}) {
        const std::string doc = std::string(R"({"capacity": [], "submitted_at": ")") + bad + "\"}";
        const auto findings = check(doc.c_str());
        ASSERT_EQ(findings.size(), 1u) << bad;
        EXPECT_EQ(findings[0].path, "/submitted_at") << bad;
    }
}

TEST(Rfc3339, AcceptsWhatTheStandardAllows) {
    EXPECT_TRUE(is_rfc3339_date_time("2020-02-29T23:59:60Z"));
    EXPECT_TRUE(is_rfc3339_date_time("2000-02-29T00:00:00.123456+01:00"));
    EXPECT_TRUE(is_rfc3339_date_time("2019-12-31t10:00:00-05:30"));
    EXPECT_FALSE(is_rfc3339_date_time("1900-02-29T00:00:00Z"));  // 1900 is not a leap year
    EXPECT_FALSE(is_rfc3339_date_time("2019-04-31T00:00:00Z"));
    EXPECT_FALSE(is_rfc3339_date_time("2019-13-01T00:00:00Z"));
    EXPECT_FALSE(is_rfc3339_date_time("2019-01-01T00:00:00.Z"));
    EXPECT_FALSE(is_rfc3339_date_time("2019-01-01T00:00:00+24:00"));
    EXPECT_FALSE(is_rfc3339_date_time("2019-01-01T00:00:00Zjunk"));
    EXPECT_FALSE(is_rfc3339_date_time(""));
}

}  // namespace
}  // namespace lmacheck

namespace lmacheck {
namespace {

// Where valijson alone measures wrongly (docs/decisions.md, Findings): the
// structure check reports the value, at its place, in the window path too.
TEST(StructureCheckExact, HugeIntegersAndNulCountingStringsAreFindingsAtTheirPlace) {
    const CompiledSchema schema("exact", nlohmann::json::parse(R"({
      "type": "object",
      "properties": {
        "count": {"type": "integer", "minimum": 0, "maximum": 100},
        "name": {"type": "string", "maxLength": 3},
        "items": {"type": "array", "items": {"type": "integer", "maximum": 5}}
      }
    })"));
    StructureChecker checker;
    const auto findings = checker.check(
        schema, nlohmann::json::parse(
                    R"({"count": 18446744073709551615, "name": "ab\u0000cd", "items": [1, 9223372036854775808]})"));
    EXPECT_EQ(paths(findings), (std::vector<std::string>{"/count invalid-value", "/items/1 invalid-value",
                                                         "/name invalid-value"}));
    for (const auto& f : findings) {
        if (f.path == "/count") {
            EXPECT_EQ(f.actual, nlohmann::json::parse("18446744073709551615"));
        }
    }
    EXPECT_TRUE(checker.check(schema, nlohmann::json::parse(R"({"count": 100, "name": "a\u0000b"})")).empty());
    EXPECT_TRUE(checker.check(schema, nlohmann::json::parse(R"({"count": 0, "name": "\u0000\u0000\u0000"})")).empty());
}

// A `false` subschema fails without an error of its own in valijson; the
// document must still get a finding (before, it had none and was accepted).
TEST(StructureCheckExact, AFalseSubschemaGivesAFindingAtTheValue) {
    const CompiledSchema schema("false",
                                nlohmann::json::parse(R"({"properties": {"x": {"properties": {"y": false}}}})"));
    StructureChecker checker;
    const auto findings = checker.check(schema, nlohmann::json::parse(R"({"x": {"y": 1}})"));
    EXPECT_EQ(paths(findings), (std::vector<std::string>{"/x/y invalid-value"}));
    EXPECT_TRUE(checker.check(schema, nlohmann::json::parse(R"({"x": {"z": 1}})")).empty());
    const CompiledSchema nothing("nothing", nlohmann::json(false));
    EXPECT_EQ(paths(checker.check(nothing, nlohmann::json::object())), (std::vector<std::string>{" invalid-value"}));
}

// A const (or enum) value that looks like a schema is data: loading the
// schema must not rewrite its "format": "date-time" or bounds.
TEST(StructureCheckExact, ConstValuesAreNotRewrittenAsSchemas) {
    const CompiledSchema schema("const",
                                nlohmann::json::parse(R"({"const": {"format": "date-time", "maximum": 1}})"));
    StructureChecker checker;
    EXPECT_TRUE(checker.valijson_accepts(schema, nlohmann::json::parse(R"({"format": "date-time", "maximum": 1})")));
    EXPECT_FALSE(checker.valijson_accepts(schema, nlohmann::json::parse(R"({"format": "date-time", "maximum": 2})")));
}

}  // namespace
}  // namespace lmacheck
