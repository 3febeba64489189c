// The SARIF 2.1.0 report: valid against the official schema (checked with
// valijson), rules described from the catalog, one result per finding with
// its place, explained warnings suppressed, URIs encoded, same bytes
// whatever --jobs is.
#include "report/file_uri.hpp"
#include "engine/pipeline.hpp"
#include "report_test_support.hpp"

#include <gtest/gtest.h>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <memory>
#include <regex>

namespace lmacheck {
namespace {

using namespace lmacheck::testing;
using nlohmann::json;

// The official schema, tests/data/sarif-schema-2.1.0.json (see its README).
// Valijson ignores `"format": "uri"` and `"uri-reference"`; the tests below
// check the URIs lmacheck writes themselves.
const valijson::Schema& sarif_schema() {
    static const json source = json::parse(read_bytes(source_dir / "tests" / "data" / "sarif-schema-2.1.0.json"));
    static const std::unique_ptr<valijson::Schema> schema = [] {
        auto parsed = std::make_unique<valijson::Schema>();
        valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
        const valijson::adapters::NlohmannJsonAdapter adapter(source);
        parser.populateSchema(adapter, *parsed);
        return parsed;
    }();
    return *schema;
}

std::vector<std::string> schema_errors(const json& document) {
    valijson::Validator validator;
    valijson::ValidationResults results;
    const valijson::adapters::NlohmannJsonAdapter target(document);
    validator.validate(sarif_schema(), target, &results);
    std::vector<std::string> errors;
    valijson::ValidationResults::Error error;
    while (results.popError(error)) {
        std::string where;
        for (const std::string& part : error.context) where += part;
        errors.push_back(where + ": " + error.description);
    }
    return errors;
}

json sarif(const RunReport& run, const RenderOptions& options = render_options()) {
    return json::parse(render_sarif_report(run, options));
}

std::string as_lines(const std::vector<std::string>& lines) {
    std::string out;
    for (const std::string& line : lines) out += line + "\n";
    return out;
}

// A path as file_uri writes it (RFC 3986): a relative reference, or a file
// URI for an absolute path, of unreserved characters, '/' and
// percent-encoded bytes only.
bool is_encoded_path_uri(const std::string& uri) {
    static const std::regex pattern("^(file:///)?([A-Za-z0-9._~/-]|%[0-9A-F]{2})+$");
    return std::regex_match(uri, pattern);
}

TEST(SarifReport, ValidAgainstTheOfficialSchema) {
    RenderOptions dutch = render_options(Language::nl);
    RenderOptions no_catalog = render_options();
    no_catalog.catalog = nullptr;
    for (const auto& [name, document] : std::vector<std::pair<std::string, json>>{
             {"samples", sarif(samples_run())},
             {"samples nl", sarif(samples_run(), dutch)},
             {"mixed", sarif(mixed_run())},
             {"accepted", sarif(accepted_run())},
             {"without catalog", sarif(mixed_run(), no_catalog)}}) {
        EXPECT_EQ(as_lines(schema_errors(document)), "") << name;
    }
}

TEST(SarifReport, AcceptedRunHasTheFileAndNoResults) {
    const json document = sarif(accepted_run());
    EXPECT_EQ(document["runs"][0]["results"], json::array());
    EXPECT_EQ(document["runs"][0]["artifacts"][0]["properties"]["status"], "accepted");
    EXPECT_EQ(document["runs"][0]["properties"]["summary"]["accepted"], 1);
}

TEST(SarifReport, TheSchemaCheckRejectsAnInvalidLog) {
    json document = sarif(mixed_run());
    document["runs"][0]["results"][0]["level"] = "fatal";
    document["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0;
    EXPECT_GE(schema_errors(document).size(), 2u);
}

TEST(SarifReport, DriverDescribesEveryRuleOfTheCatalog) {
    const json document = sarif(mixed_run());
    const json& driver = document["runs"][0]["tool"]["driver"];
    EXPECT_EQ(document["version"], "2.1.0");
    EXPECT_EQ(driver["name"], "lmacheck");
    EXPECT_EQ(driver["version"], LMACHECK_VERSION);
    EXPECT_TRUE(std::regex_search(driver["informationUri"].get<std::string>(), std::regex("^[a-z][a-z0-9+.-]*:")));
    const auto& entries = shared_engine().catalog().entries();
    ASSERT_GE(driver["rules"].size(), entries.size());
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const json& rule = driver["rules"][i];
        EXPECT_EQ(rule["id"], entries[i].info.id);
        EXPECT_FALSE(rule["shortDescription"]["text"].get<std::string>().empty());
        EXPECT_FALSE(rule["fullDescription"]["text"].get<std::string>().empty());
        EXPECT_FALSE(rule["help"]["text"].get<std::string>().empty());
        EXPECT_EQ(rule["defaultConfiguration"]["level"],
                  entries[i].info.severity == Severity::info ? "note" : std::string(to_string(entries[i].info.severity)));
    }
    const auto occupancy = std::find_if(entries.begin(), entries.end(),
                                        [](const CatalogEntry& e) { return e.info.id == "capacity.occupancy"; });
    ASSERT_NE(occupancy, entries.end());
    const json& rule = driver["rules"][occupancy - entries.begin()];
    EXPECT_NE(rule["help"]["text"].get<std::string>().find("max_occupancy = "), std::string::npos) << rule.dump(2);
}

TEST(SarifReport, OneResultPerFindingWithRuleLevelPlaceAndPointer) {
    const RunReport run = mixed_run();
    const json document = sarif(run);
    const json& sarif_run = document["runs"][0];
    const json& results = sarif_run["results"];
    ASSERT_EQ(results.size(), run.submissions[0].findings.size());
    for (const json& result : results) {
        EXPECT_EQ(sarif_run["tool"]["driver"]["rules"][result["ruleIndex"].get<std::size_t>()]["id"], result["ruleId"]);
    }
    // Findings keep the report's order: batch and info at "", then by path.
    const json& error = results[2];
    EXPECT_EQ(error["ruleId"], "schema.structure");
    EXPECT_EQ(error["level"], "error");
    EXPECT_EQ(error["message"]["text"], json::parse(render_json_report(run))["submissions"][0]["findings"][2]["message"]);
    const json& location = error["locations"][0];
    EXPECT_EQ(location["physicalLocation"]["artifactLocation"]["uri"], "uploads/a%20%26%20b.json");
    EXPECT_EQ(location["physicalLocation"]["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    EXPECT_EQ(location["physicalLocation"]["region"], (json{{"startLine", 12}, {"startColumn", 7}}));
    EXPECT_EQ(location["logicalLocations"], json::parse(R"([{"fullyQualifiedName": "/capacity/0/beds", "kind": "member"}])"));
    EXPECT_EQ(error["properties"]["expected"], "integer >= 0");
    EXPECT_EQ(error["properties"]["actual"], -3);

    EXPECT_EQ(results[0]["relatedLocations"][0]["logicalLocations"][0]["fullyQualifiedName"], "/capacity/0");
    EXPECT_EQ(results[1]["level"], "note");
    EXPECT_FALSE(results[1]["locations"][0]["physicalLocation"].contains("region"));
    EXPECT_FALSE(results[3].contains("suppressions"));
    EXPECT_EQ(results[4]["suppressions"][0]["kind"], "inSource");
    EXPECT_FALSE(results[4]["suppressions"][0]["justification"].get<std::string>().empty());
    EXPECT_EQ(sarif_run["columnKind"], "unicodeCodePoints");
    EXPECT_EQ(sarif_run["artifacts"].size(), 2u);
    EXPECT_EQ(sarif_run["artifacts"][0]["hashes"]["sha-256"], std::string(64, 'a'));
    EXPECT_EQ(sarif_run["artifacts"][1]["properties"]["status"], "accepted");
}

TEST(SarifReport, SamplesEveryFindingIsAResultAtAnEncodedUri) {
    const RunReport run = samples_run();
    const json document = sarif(run);
    std::size_t findings = 0;
    for (const SubmissionReport& s : run.submissions) findings += s.findings.size();
    const json& results = document["runs"][0]["results"];
    ASSERT_EQ(results.size(), findings);
    std::size_t i = 0;
    for (const SubmissionReport& s : run.submissions) {
        for (const Finding& f : s.findings) {
            const json& result = results[i++];
            EXPECT_EQ(result["ruleId"], f.rule);
            EXPECT_EQ(result["message"]["text"], f.message);
            const std::string uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
            EXPECT_TRUE(is_encoded_path_uri(uri)) << uri;
        }
    }
}

TEST(SarifReport, DutchRunDescribesRulesAndMessagesInDutch) {
    EngineOptions options = engine_options();
    options.language = Language::nl;
    const Engine engine(options);
    const RunReport run =
        judge_run(engine, collect_inputs({(source_dir / "samples" / "invalid" / "capacity.occupancy.json").string()}), 1);
    RenderOptions render = render_options(Language::nl);
    render.catalog = &engine.catalog();
    const json document = sarif(run, render);
    EXPECT_EQ(document["runs"][0]["language"], "nl");
    EXPECT_EQ(document["runs"][0]["results"][0]["message"]["text"], run.submissions[0].findings[0].message);
    EXPECT_NE(document["runs"][0]["results"][0]["message"]["text"].get<std::string>().find("bezetting"),
              std::string::npos);
    const json& first_rule = document["runs"][0]["tool"]["driver"]["rules"][0];
    EXPECT_EQ(first_rule["shortDescription"]["text"], engine.catalog().entries()[0].info.description_nl + ".");
    EXPECT_NE(first_rule["fullDescription"]["text"].get<std::string>().find("Niveau 0"), std::string::npos);
}

// --timestamp: one invocation, successful, with its end time (SARIF's UTC
// date-time with "Z"); nothing else changes, and the log stays valid.
TEST(SarifReport, TimestampIsTheInvocationsEndTime) {
    const json plain = sarif(mixed_run());
    EXPECT_FALSE(plain["runs"][0].contains("invocations"));
    RenderOptions stamped = render_options();
    stamped.generated_at = "2025-03-01T09:30:00.125Z";
    json document = sarif(mixed_run(), stamped);
    EXPECT_EQ(as_lines(schema_errors(document)), "");
    EXPECT_EQ(document["runs"][0]["invocations"],
              json::parse(R"([{"executionSuccessful": true, "endTimeUtc": "2025-03-01T09:30:00.125Z"}])"));
    document["runs"][0].erase("invocations");
    EXPECT_EQ(document, plain);
}

TEST(SarifReport, SameBytesWhateverTheNumberOfJobs) {
    EXPECT_EQ(render_sarif_report(samples_run(1), render_options()), render_sarif_report(samples_run(2), render_options()));
}

TEST(FileUri, PercentEncodesAllButUnreservedCharactersAndSlashes) {
    EXPECT_EQ(file_uri("samples/valid/institution-2019.json"), "samples/valid/institution-2019.json");
    EXPECT_EQ(file_uri("a b/c#d?.json"), "a%20b/c%23d%3F.json");
    EXPECT_EQ(file_uri("c:x.json"), "c%3Ax.json");  // not a scheme
    EXPECT_EQ(file_uri("caf\xC3\xA9.json"), "caf%C3%A9.json");
    EXPECT_EQ(file_uri("/tmp/a b.json"), "file:///tmp/a%20b.json");
    EXPECT_EQ(file_uri("//tmp/x.json"), "file:///tmp/x.json");
}

}  // namespace
}  // namespace lmacheck
