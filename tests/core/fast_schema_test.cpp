// The schema layer's fast judge and its pattern matcher: they decide alone
// whenever they accept a document, so each must agree with what it replaces
// (valijson, std::regex) on every input, and refuse what it does not handle.
#include "document/document.hpp"
#include "schema/fast_schema.hpp"
#include "schema/simple_pattern.hpp"
#include "schema/structure_check.hpp"
#include "support/file_bytes.hpp"
#include "support/test_paths.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

namespace lmacheck {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

using lmacheck::test_paths::source_dir;

json read_json_file(const fs::path& file) {
    std::ifstream in(file);
    return json::parse(in);
}

// ---------------------------------------------------------------------------
// SimplePattern

TEST(SimplePattern, AgreesWithStdRegex) {
    const std::vector<std::string> patterns = {
        "^GM[0-9]{4}$", "^[0-9]{8}$", "^[A-Za-z0-9_-]{1,32}$", "^a-b$", "^x?y*z+$", "^[ab]{2,}c$",
        "^v\\.[0-9]+$", "^$", "^[-a]{0,3}b$"};
    const std::vector<std::string> texts = {
        "", "GM0344", "GM034", "GM03444", "gm0344", "GM03a4", "06290417", "0629041", "UTR-01", "a-b", "y",
        "xz", "xyyyz", "z", "x", "abababc", "abc", "aac", "v.1", "v.", "vx1", "b", "-ab", "--a-b",
        std::string(32, 'a'), std::string(33, 'a'), "GM0344\n", "\nGM0344", "GM\xC3\xA9" "0344", std::string("GM03\0", 5)};
    for (const std::string& pattern : patterns) {
        const auto simple = SimplePattern::compile(pattern);
        ASSERT_TRUE(simple.has_value()) << pattern;
        const std::regex regex(pattern);
        for (const std::string& text : texts) {
            EXPECT_EQ(simple->matches(text), std::regex_search(text, regex)) << pattern << " on \"" << text << "\"";
        }
    }
}

TEST(SimplePattern, RefusesWhatGreedyMatchingCannotDecide) {
    for (const std::string pattern :
         {"GM[0-9]{4}$", "^GM[0-9]{4}", "^a|b$", "^(ab)+$", "^.*$", "^[^a]$", "^\\d$", "^[a-z]*[a-c]$",
          "^a+a$", "^[a-z]*-?[a-z]$", "^a{2,1}$", "^a+?$", "^\xC3\xA9$", "^a\\$", "^[a-]b-c]$", "^a b$"}) {
        EXPECT_FALSE(SimplePattern::compile(pattern).has_value()) << pattern;
    }
}

// ---------------------------------------------------------------------------
// FastSchema

// The submission schemas are on every document's path: the fast judge must
// handle them, or every document pays valijson's price.
TEST(FastSchema, CompilesTheSubmissionSchemas) {
    for (const char* name : {"institution-1.0.schema.json", "municipality-1.0.schema.json", "envelope-1.0.schema.json"}) {
        EXPECT_NE(FastSchema::compile(read_json_file(source_dir / "schemas" / name)), nullptr) << name;
    }
}

TEST(FastSchema, RefusesWhatItDoesNotHandle) {
    const std::vector<std::string> schemas = {
        R"({"type": "object", "patternProperties": {"^a": {}}})",
        R"({"oneOf": [{"type": "string"}, {"type": "integer"}]})",
        R"({"type": "string", "format": "email"})",
        R"({"enum": [1, 2]})",
        R"({"type": "number", "exclusiveMinimum": 0})",
        R"({"items": [{"type": "string"}]})",
        R"({"$ref": "http://example.com/schema.json"})",
        R"({"$ref": "#/definitions/missing"})",
        R"({"$ref": "#/definitions/a", "definitions": {"a": {"$ref": "#/definitions/a"}}})",
        R"({"properties": {"next": {"$ref": "#"}}})",
        R"({"$ref": "#/definitions/a", "type": "object", "definitions": {"a": {}}})",
        R"({"type": "strng"})",
    };
    for (const std::string& text : schemas) EXPECT_EQ(FastSchema::compile(json::parse(text)), nullptr) << text;
}

// A pattern SimplePattern cannot match is a std::regex compiled on first use
// (not when the schema compiles: most runs never test it). It must judge as
// std::regex does; one std::regex refuses matches nothing, so the fast judge
// leaves every such string to valijson.
TEST(FastSchema, PatternsBeyondSimplePatternJudgeAsStdRegex) {
    const std::string rule_id = R"(^[a-z][a-z0-9]*(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)+$)";
    const auto root = FastSchema::compile(json{{"type", "string"}, {"pattern", rule_id}});
    ASSERT_NE(root, nullptr);
    const std::regex regex(rule_id);
    for (const char* text : {"capacity.places-from-bed-days", "a.b", "a", "A.b", "a..b", "a-.b", "x.y-z.w", ""}) {
        EXPECT_EQ(root->accepts(json(text)), std::regex_search(text, regex)) << text;
    }
    const auto broken = FastSchema::compile(json{{"pattern", "(["}});
    ASSERT_NE(broken, nullptr);
    EXPECT_FALSE(broken->accepts(json("(["))) << "a pattern std::regex refuses is left to valijson";
    EXPECT_TRUE(broken->accepts(json(1))) << "the pattern applies to strings only";
}

// The schema false accepts nothing, wherever it stands.
TEST(FastSchema, FalseAcceptsNothing) {
    const auto root = FastSchema::compile(json(false));
    ASSERT_NE(root, nullptr);
    for (const json& value : {json(nullptr), json(true), json(0), json(""), json::array(), json::object()}) {
        EXPECT_FALSE(root->accepts(value)) << value.dump();
    }
    const auto property = FastSchema::compile(json::parse(R"({"properties": {"x": false}})"));
    ASSERT_NE(property, nullptr);
    EXPECT_TRUE(property->accepts(json::parse(R"({"y": 1})")));
    EXPECT_FALSE(property->accepts(json::parse(R"({"x": 1})")));
}

// Documents the samples give and variations of them: both judges must agree.
std::vector<json> documents_to_judge() {
    std::vector<json> documents;
    for (const fs::directory_entry& entry : fs::recursive_directory_iterator(source_dir / "samples")) {
        if (entry.path().extension() != ".json") continue;
        const Document doc = parse_document(test::read_bytes(entry.path()), entry.path().string(), LoadLimits{});
        if (doc.json) documents.push_back(*doc.json);
    }
    const json valid = read_json_file(source_dir / "samples/valid/institution-2019.json");
    auto with = [&](const char* pointer, json value) {
        json copy = valid;
        copy[json::json_pointer(pointer)] = std::move(value);
        documents.push_back(std::move(copy));
    };
    with("/fact/teams", -1);
    with("/fact/teams", 2.5);
    with("/fact/teams", json::parse("18446744073709551615"));
    with("/fact/teams", json::parse("9223372036854775808"));
    with("/fact/teams", "6");
    with("/fact/teams", nullptr);
    with("/fact/fte", 0);
    with("/fact/fte", 1e300);
    with("/reporting_year", 2007);
    with("/reporting_year", 2035);
    with("/reporting_year", 2036);
    with("/submitter/name", "");
    with("/submitter/name", std::string(200, 'x'));
    with("/submitter/name", std::string(201, 'x'));
    with("/submitter/name", std::string(200, 'x') + std::string("\0y", 2));
    with("/submitter/name", "\xC3\xAB\xC3\xAB");
    with("/submitter/agb_code", "0629041x");
    with("/submitter/unknown", true);
    with("/locations/0/municipality_code", "GM034");
    with("/locations/0/location_id", std::string(33, 'a'));
    with("/locations", json::array());
    with("/submitted_at", "2019-02-29T10:00:00Z");
    with("/submitted_at", "2020-02-29T10:00:00Z");
    with("/capacity/0/financing", "awbz");
    with("/kind", "municipality");
    with("/format_version", "2.0");
    documents.push_back(json::array());
    documents.push_back(json::object());
    documents.push_back("text");
    return documents;
}

TEST(FastSchema, AgreesWithValijsonOnSamplesAndVariations) {
    StructureChecker checker;
    const std::vector<json> documents = documents_to_judge();
    for (const char* name : {"institution-1.0.schema.json", "municipality-1.0.schema.json", "envelope-1.0.schema.json"}) {
        const CompiledSchema schema(name, read_json_file(source_dir / "schemas" / name));
        ASSERT_NE(schema.fast(), nullptr) << name;
        int accepted = 0;
        for (const json& document : documents) {
            const bool fast = schema.fast()->accepts(document);
            EXPECT_EQ(fast, checker.valijson_accepts(schema, document)) << name << "\n" << document.dump().substr(0, 300);
            accepted += fast ? 1 : 0;
        }
        EXPECT_GT(accepted, 0) << name << ": some document must pass, or the comparison proves little";
    }
}

// A document the fast judge accepts has no findings; one it refuses gets
// valijson's findings as before.
TEST(FastSchema, StructureCheckStillExplainsInvalidDocuments) {
    StructureChecker checker;
    const CompiledSchema schema("institution", read_json_file(source_dir / "schemas/institution-1.0.schema.json"));
    json document = read_json_file(source_dir / "samples/valid/institution-2019.json");
    EXPECT_TRUE(checker.check(schema, document).empty());
    document["fact"]["teams"] = -1;
    const std::vector<RawFinding> findings = checker.check(schema, document);
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_EQ(findings[0].path, "/fact/teams");
}

}  // namespace
}  // namespace lmacheck
