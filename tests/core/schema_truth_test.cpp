// One JSON Schema truth. The schema layer has two judges: the fast one
// (core/src/schema/fast_schema.*), which decides alone whenever it accepts a
// document, and valijson, which judges and explains the rest. This test holds
// both, and the structure check that chooses between them, to one truth:
//
// - every sample in samples/ and every file of a generated national year,
//   each against the schema the engine picks for it: the judges must agree;
// - every case of the JSON-Schema-Test-Suite (draft 7, Debian's
//   json-schema-test-suite) whose schema uses only the keywords lmacheck's
//   schemas use, plus lmacheck's own cases below in the suite's format: each
//   judge must give the suite's `valid`, except for the named, explained
//   exceptions below.
//
// The fast judge only says yes or no, so the failing locations come from
// valijson alone; what is compared is the verdict. The product's verdict is
// StructureChecker::check() giving no finding.
#include "document/document.hpp"
#include "schema/fast_schema.hpp"
#include "schema/structure_check.hpp"
#include "support/file_bytes.hpp"
#include "support/temp_dir.hpp"
#include "support/test_paths.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace lmacheck {
namespace {

namespace fs = std::filesystem;
using test::json_files_below;
using nlohmann::json;

using lmacheck::test_paths::source_dir;
const fs::path suite_dir = "/usr/share/json-schema-test-suite/tests/draft7";

// The keywords of schemas/*.json (OurKeywordsAreTheSchemasKeywords keeps this
// list exact), and the one format they name.
const std::set<std::string> our_keywords = {
    "$schema", "$id",   "title", "description", "description_nl", "definitions", "$ref", "type", "properties",
    "required", "additionalProperties", "items", "minItems", "const", "enum", "minimum", "maximum",
    "minLength", "maxLength", "pattern", "format"};
const std::set<std::string> our_formats = {"date-time"};

bool is_data_keyword(const std::string& key) {
    return key == "enum" || key == "const" || key == "default" || key == "examples" || key == "required";
}

bool is_schema_map(const std::string& key) {
    return key == "properties" || key == "patternProperties" || key == "definitions" || key == "dependencies";
}

// Every keyword a schema uses (walking its subschemas, not its data), and
// every format it names as "format:<name>".
void collect_keywords(const json& schema, std::set<std::string>& out) {
    if (schema.is_array()) {
        for (const json& item : schema) collect_keywords(item, out);
        return;
    }
    if (!schema.is_object()) return;
    for (const auto& [key, value] : schema.items()) {
        out.insert(key);
        if (key == "format") {
            out.insert("format:" + (value.is_string() ? value.get<std::string>() : value.dump()));
        } else if (is_schema_map(key) && value.is_object()) {
            for (const auto& [name, subschema] : value.items()) collect_keywords(subschema, out);
        } else if (!is_data_keyword(key)) {
            collect_keywords(value, out);
        }
    }
}

bool uses_only_our_keywords(const json& schema) {
    std::set<std::string> used;
    collect_keywords(schema, used);
    return std::all_of(used.begin(), used.end(), [](const std::string& keyword) {
        if (keyword.starts_with("format:")) return our_formats.count(keyword.substr(7)) > 0;
        return our_keywords.count(keyword) > 0;
    });
}

// A JSON file read by lmacheck's own loader, so that numbers are what a
// submission's numbers would be (12.0 an integer, integers beyond 64 bits
// floating-point; decisions.md, Inputs).
json load(const fs::path& file) {
    LoadLimits limits;
    Document doc = parse_document(test::read_bytes(file), file.string(), limits);
    if (!doc.json) throw std::runtime_error("cannot load " + file.string());
    return std::move(*doc.json);
}

// The three verdicts on one document: the fast judge's (nullopt when it
// declined the schema), valijson's, and the product's (no finding).
struct Verdicts {
    std::optional<bool> fast;
    bool valijson = false;
    bool product = false;
};

Verdicts judge(StructureChecker& checker, const CompiledSchema& schema, const json& document) {
    Verdicts verdicts;
    if (schema.fast() != nullptr) verdicts.fast = schema.fast()->accepts(document);
    verdicts.valijson = checker.valijson_accepts(schema, document);
    verdicts.product = checker.check(schema, document).empty();
    return verdicts;
}

std::string word(bool valid) { return valid ? "valid" : "invalid"; }

std::string describe(const Verdicts& v) {
    return "fast judge " + (v.fast ? word(*v.fast) : std::string("declined")) + ", valijson " + word(v.valijson) +
           ", product " + word(v.product);
}

// How many documents each judge decided, printed by every test.
struct Tally {
    int documents = 0;
    int fast_decided = 0;
    int fast_accepted = 0;
    int valijson_accepted = 0;
    int disagreements = 0;

    void add(const Verdicts& v) {
        ++documents;
        if (v.fast) ++fast_decided;
        if (v.fast && *v.fast) ++fast_accepted;
        if (v.valijson) ++valijson_accepted;
    }
    void print(const std::string& what) const {
        std::cout << what << ": " << documents << " documents; the fast judge decided " << fast_decided << " ("
                  << fast_accepted << " valid), valijson judged " << documents << " (" << valijson_accepted
                  << " valid); " << disagreements << " disagreement(s)\n";
    }
};

// The judges must agree with each other (documents without a known truth).
void expect_agreement(StructureChecker& checker, const SubmissionSchemas& schemas, const fs::path& file,
                      Tally& tally) {
    const Document doc = parse_document(test::read_bytes(file), file.string(), LoadLimits{});
    if (!doc.json) return;  // document.unreadable: no schema judges it
    const CompiledSchema& schema = schemas.for_document(*doc.json);
    const Verdicts v = judge(checker, schema, *doc.json);
    tally.add(v);
    const bool agree = (!v.fast || *v.fast == v.valijson) && v.product == v.valijson;
    if (!agree) ++tally.disagreements;
    EXPECT_TRUE(agree) << file << " against " << schema.name() << ": " << describe(v);
}

// ---------------------------------------------------------------------------
// The keyword list

TEST(SchemaTruth, OurKeywordsAreTheSchemasKeywords) {
    std::set<std::string> used;
    for (const fs::path& file : json_files_below(source_dir / "schemas")) collect_keywords(load(file), used);
    std::set<std::string> listed = our_keywords;
    for (const std::string& format : our_formats) listed.insert("format:" + format);
    EXPECT_EQ(used, listed) << "schemas/*.json use other keywords than this test lists: update our_keywords, so "
                               "that the test suite's cases for them are run";
}

// ---------------------------------------------------------------------------
// Samples and a generated national year: the judges agree

TEST(SchemaTruth, JudgesAgreeOnEverySample) {
    const SubmissionSchemas schemas = SubmissionSchemas::load(source_dir / "schemas");
    StructureChecker checker;
    Tally tally;
    for (const fs::path& file : json_files_below(source_dir / "samples")) {
        expect_agreement(checker, schemas, file, tally);
    }
    tally.print("samples");
    EXPECT_GT(tally.fast_accepted, 10) << "the valid samples must reach the fast judge";
    EXPECT_GT(tally.documents - tally.valijson_accepted, 5) << "the invalid samples must be judged too";
}

TEST(SchemaTruth, JudgesAgreeOnAGeneratedNationalYear) {
    // One year of the national batch (649 files, about 2 s), with planted
    // defects in a third of them so that both verdicts occur.
    const test::TempDir dir;
    const fs::path out = dir / "batch";
    const std::string command = "python3 '" + (source_dir / "tools/generate-batch.py").string() + "' '" +
                                out.string() + "' --years 2019 --defects 0.35 --seed 9 > /dev/null";
    ASSERT_EQ(std::system(command.c_str()), 0) << "tools/generate-batch.py failed";
    const SubmissionSchemas schemas = SubmissionSchemas::load(out / "data/schemas");
    StructureChecker checker;
    Tally tally;
    for (const fs::path& file : json_files_below(out / "2019")) expect_agreement(checker, schemas, file, tally);
    tally.print("national year 2019");
    EXPECT_GE(tally.documents, 600);
    EXPECT_GT(tally.fast_accepted, 300);
    EXPECT_GT(tally.documents - tally.valijson_accepted, 5) << "some planted defects must be structural";
}

// ---------------------------------------------------------------------------
// The JSON-Schema-Test-Suite and lmacheck's own cases: the judges follow the truth

// Where the product deliberately does not give the suite's answer. Each entry
// names the case (file, group, test) and says why; an entry the product no
// longer needs fails the test, so the list stays true.
struct Exception {
    std::string file;
    std::string group;
    std::string test;
    std::string why;
};

const std::vector<Exception> exceptions = {
    // The loader keeps an integer literal beyond 64 bits as a floating-point
    // number (decisions.md, Inputs), so such a count fails "integer" instead
    // of reaching the rules, the store and the reports truncated or rounded.
    // The suite marks these cases optional.
    {"optional/bignum.json", "integer", "a bignum is an integer",
     "an integer beyond 64 bits is refused by design, not read rounded"},
    {"optional/bignum.json", "integer", "a negative bignum is an integer",
     "an integer beyond 64 bits is refused by design, not read rounded"},
};

// Schemas the product refuses to load (exit 2 at start, naming the schema),
// so that no document is ever judged by them. Keyed by file and group.
struct Refusal {
    std::string file;
    std::string group;
    std::string why;
};

const std::string no_fetching =
    "lmacheck never fetches a schema over the network: a remote $ref stops the run at load";
const std::string no_recursion = "a $ref cycle is refused at load by design (decisions.md, rule sets)";

const std::vector<Refusal> refusals = {
    {"definitions.json", "valid definition", no_fetching},
    {"definitions.json", "invalid definition", no_fetching},
    {"ref.json", "root pointer ref", no_recursion},
    {"ref.json", "remote ref, containing refs itself", no_fetching},
    {"ref.json", "Recursive references between schemas", no_fetching + "; " + no_recursion},
    {"refRemote.json", "remote ref", no_fetching},
    {"refRemote.json", "fragment within remote ref", no_fetching},
    {"refRemote.json", "ref within remote ref", no_fetching},
    {"refRemote.json", "base URI change", no_fetching},
    {"refRemote.json", "base URI change - change folder", no_fetching},
    {"refRemote.json", "base URI change - change folder in subschema", no_fetching},
    {"refRemote.json", "root ref in remote ref", no_fetching},
};

// lmacheck's own cases, in the suite's format: where valijson itself
// disagrees with draft 7 and the contract, which the suite does not test.
const char* own_cases = R"cases([
  {"description": "string length counts every code point, NUL included",
   "schema": {"minLength": 3, "maxLength": 4},
   "tests": [
     {"description": "NUL in the middle counts", "data": "a\u0000bc", "valid": true},
     {"description": "NUL first counts", "data": "\u0000ab", "valid": true},
     {"description": "too long after a NUL", "data": "ab\u0000cd", "valid": false},
     {"description": "only NULs, long enough", "data": "\u0000\u0000\u0000", "valid": true},
     {"description": "one NUL is too short", "data": "\u0000", "valid": false}]},
  {"description": "integers of 2^63 and above against a maximum",
   "schema": {"type": "integer", "maximum": 100},
   "tests": [
     {"description": "2^63 is above", "data": 9223372036854775808, "valid": false},
     {"description": "2^64 - 1 is above", "data": 18446744073709551615, "valid": false},
     {"description": "100 is not above", "data": 100, "valid": true}]},
  {"description": "integers of 2^63 and above against a minimum",
   "schema": {"type": "integer", "minimum": 0},
   "tests": [
     {"description": "2^63 is above 0", "data": 9223372036854775808, "valid": true},
     {"description": "2^64 - 1 is above 0", "data": 18446744073709551615, "valid": true},
     {"description": "-1 is below", "data": -1, "valid": false}]},
  {"description": "a maximum of 2^63",
   "schema": {"maximum": 9223372036854775808},
   "tests": [
     {"description": "2^63 itself", "data": 9223372036854775808, "valid": true},
     {"description": "2^63 + 1", "data": 9223372036854775809, "valid": false},
     {"description": "-2^63", "data": -9223372036854775808, "valid": true}]},
  {"description": "integers beyond double precision are compared exactly",
   "schema": {"maximum": 9007199254740992, "minimum": -9007199254740992},
   "tests": [
     {"description": "2^53 itself", "data": 9007199254740992, "valid": true},
     {"description": "2^53 + 1", "data": 9007199254740993, "valid": false},
     {"description": "-2^53 - 1", "data": -9007199254740993, "valid": false},
     {"description": "a float at 2^53", "data": 9007199254740992.5, "valid": true}]},
  {"description": "exclusive bounds around 2^63 (the fast judge declines them; valijson judges)",
   "schema": {"exclusiveMinimum": 9223372036854775807, "exclusiveMaximum": 18446744073709551615},
   "tests": [
     {"description": "2^63 is inside", "data": 9223372036854775808, "valid": true},
     {"description": "2^63 - 1 is the lower bound", "data": 9223372036854775807, "valid": false},
     {"description": "2^64 - 2 is inside", "data": 18446744073709551614, "valid": true},
     {"description": "2^64 - 1 is the upper bound", "data": 18446744073709551615, "valid": false},
     {"description": "-1 is below", "data": -1, "valid": false}]},
  {"description": "a fractional minimum, and a maximum that is 2^63 once read as a double",
   "schema": {"minimum": 0.5, "maximum": 9223372036854775807.5},
   "tests": [
     {"description": "0 is below", "data": 0, "valid": false},
     {"description": "1 is above", "data": 1, "valid": true},
     {"description": "2^63 - 1 is within", "data": 9223372036854775807, "valid": true},
     {"description": "2^64 - 1 is above", "data": 18446744073709551615, "valid": false}]},
  {"description": "bounds in nested places",
   "schema": {"type": "object", "properties": {"n": {"maximum": 5}},
              "additionalProperties": {"type": "array", "items": {"minimum": 0, "maxLength": 2}}},
   "tests": [
     {"description": "a huge property", "data": {"n": 18446744073709551615}, "valid": false},
     {"description": "huge items are above 0", "data": {"x": [9223372036854775808, 1]}, "valid": true},
     {"description": "negative items are below", "data": {"x": [1, -1]}, "valid": false},
     {"description": "long strings with NUL", "data": {"x": ["a\u0000b"]}, "valid": false}]},
  {"description": "numbers in enum and const compare exactly",
   "schema": {"properties": {"e": {"enum": [9007199254740993, 1.5]}, "c": {"const": 18446744073709551615}}},
   "tests": [
     {"description": "the enum's integer", "data": {"e": 9007199254740993}, "valid": true},
     {"description": "2^53 is not in the enum", "data": {"e": 9007199254740992}, "valid": false},
     {"description": "the enum's float", "data": {"e": 1.5}, "valid": true},
     {"description": "the const", "data": {"c": 18446744073709551615}, "valid": true},
     {"description": "-1 is not the const", "data": {"c": -1}, "valid": false},
     {"description": "2^64 - 2 is not the const", "data": {"c": 18446744073709551614}, "valid": false}]},
  {"description": "a const value that looks like a schema is data",
   "schema": {"const": {"format": "date-time", "maxLength": 1}},
   "tests": [
     {"description": "the same value", "data": {"format": "date-time", "maxLength": 1}, "valid": true},
     {"description": "another value", "data": {"format": "date-time", "maxLength": 2}, "valid": false}]},
  {"description": "properties named like keywords",
   "schema": {"properties": {"maximum": {"type": "string"}, "format": {"maxLength": 3}}},
   "tests": [
     {"description": "strings", "data": {"maximum": "x", "format": "abc"}, "valid": true},
     {"description": "a number named maximum", "data": {"maximum": 1}, "valid": false},
     {"description": "a long string named format", "data": {"format": "abcd"}, "valid": false}]}
])cases";

struct SuiteCount {
    int files = 0;
    int groups = 0;
    int groups_skipped = 0;  // other keywords than ours
    int groups_refused = 0;
    int cases = 0;
    int fast_decided = 0;
    int fast_declined = 0;
    int excepted = 0;
    int wrong = 0;
};

const Exception* exception_for(const std::string& file, const std::string& group, const std::string& test) {
    for (const Exception& e : exceptions) {
        if (e.file == file && e.group == group && e.test == test) return &e;
    }
    return nullptr;
}

const Refusal* refusal_for(const std::string& file, const std::string& group) {
    for (const Refusal& r : refusals) {
        if (r.file == file && r.group == group) return &r;
    }
    return nullptr;
}

class SuiteRunner {
public:
    // `all_keywords`: run every schema, not only those with our keywords.
    explicit SuiteRunner(bool all_keywords = false) : all_keywords_(all_keywords) {}

    void run_file(const std::string& name, const json& groups) {
        ++count_.files;
        for (const json& group : groups) run_group(name, group);
    }

    const SuiteCount& count() const { return count_; }
    std::set<std::string> exceptions_used;
    std::set<std::string> refusals_used;

private:
    void run_group(const std::string& file, const json& group) {
        ++count_.groups;
        const std::string description = group.at("description").get<std::string>();
        if (!all_keywords_ && !uses_only_our_keywords(group.at("schema"))) {
            ++count_.groups_skipped;
            return;
        }
        std::unique_ptr<CompiledSchema> schema;
        std::string refused;
        try {
            schema = std::make_unique<CompiledSchema>(file + ": " + description, group.at("schema"));
        } catch (const std::exception& e) {
            refused = e.what();
        }
        const Refusal* refusal = refusal_for(file, description);
        if (refusal != nullptr) refusals_used.insert(file + "\n" + description);
        if (!refused.empty()) {
            ++count_.groups_refused;
            EXPECT_NE(refusal, nullptr) << file << ", \"" << description << "\": the product refuses the schema ("
                                        << refused << "), which is not a listed refusal";
            return;
        }
        EXPECT_EQ(refusal, nullptr) << file << ", \"" << description
                                    << "\": listed as refused, but the product loads the schema";
        for (const json& test : group.at("tests")) run_case(file, description, *schema, test);
    }

    void run_case(const std::string& file, const std::string& group, const CompiledSchema& schema, const json& test) {
        ++count_.cases;
        const std::string description = test.at("description").get<std::string>();
        const bool truth = test.at("valid").get<bool>();
        const Verdicts v = judge(checker_, schema, test.at("data"));
        if (v.fast) {
            ++count_.fast_decided;
        } else {
            ++count_.fast_declined;
        }
        const bool follows = (!v.fast || *v.fast == truth) && v.valijson == truth && v.product == truth;
        const Exception* exception = exception_for(file, group, description);
        if (exception != nullptr) {
            exceptions_used.insert(file + "\n" + group + "\n" + description);
            ++count_.excepted;
            EXPECT_FALSE(follows) << file << ", \"" << group << "\", \"" << description
                                  << "\": listed as an exception, but every judge now gives the suite's answer";
            return;
        }
        if (!follows) ++count_.wrong;
        EXPECT_TRUE(follows) << file << ", \"" << group << "\", \"" << description << "\": the suite says "
                             << word(truth) << "; " << describe(v) << "\nschema " << schema.source().dump()
                             << "\ndata " << test.at("data").dump();
    }

    bool all_keywords_;
    StructureChecker checker_;
    SuiteCount count_;
};

TEST(SchemaTruth, JudgesFollowTheJsonSchemaTestSuite) {
    ASSERT_TRUE(fs::is_directory(suite_dir))
        << suite_dir << " is missing: install the Debian package json-schema-test-suite "
        << "(scripts/setup-debian.sh installs it)";
    SuiteRunner runner;
    for (const fs::path& file : json_files_below(suite_dir)) {
        runner.run_file(fs::relative(file, suite_dir).string(), load(file));
    }
    const SuiteCount& c = runner.count();
    std::cout << "JSON-Schema-Test-Suite draft 7: " << c.files << " files, " << c.groups << " schemas, "
              << c.groups_skipped << " of them with keywords our schemas do not use, " << c.groups_refused
              << " refused by the product; " << c.cases << " cases run: the fast judge decided " << c.fast_decided
              << " and declined " << c.fast_declined << " (valijson judged all); " << c.excepted
              << " listed exception(s), " << c.wrong << " case(s) against the suite\n";
    EXPECT_GT(c.cases, 150);
    EXPECT_GT(c.fast_decided, c.cases / 2) << "the fast judge must be exercised on most cases";
    for (const Exception& e : exceptions) {
        EXPECT_TRUE(runner.exceptions_used.count(e.file + "\n" + e.group + "\n" + e.test))
            << "the exception " << e.file << ", \"" << e.group << "\", \"" << e.test << "\" names no case";
    }
    for (const Refusal& r : refusals) {
        EXPECT_TRUE(runner.refusals_used.count(r.file + "\n" + r.group))
            << "the refusal " << r.file << ", \"" << r.group << "\" names no schema";
    }
}

TEST(SchemaTruth, JudgesFollowLmachecksOwnCases) {
    SuiteRunner runner(true);
    const test::TempDir dir;
    test::write_bytes(dir / "own.json", own_cases);
    runner.run_file("lmacheck", load(dir / "own.json"));
    const SuiteCount& c = runner.count();
    std::cout << "lmacheck's own cases: " << c.cases << " cases run, the fast judge decided " << c.fast_decided
              << ", " << c.wrong << " case(s) against the truth\n";
    EXPECT_EQ(c.groups_skipped + c.groups_refused, 0);
    EXPECT_GT(c.fast_decided, 20);
}

}  // namespace
}  // namespace lmacheck
