// libFuzzer target for every report renderer over the report of a fuzzed
// document: each format must be well-formed whatever the document and the
// file's name hold.
//   json      parses (nlohmann, which also refuses text that is not UTF-8)
//   sarif     parses and is valid against the official SARIF 2.1.0 schema
//             (tests/data/sarif-schema-2.1.0.json, checked with valijson)
//   junit     well-formed XML, valid against the Jenkins JUnit schema
//             (tests/data/jenkins-junit.xsd, checked with libxml2)
//   html      well-formed XML (the page is XHTML)
//   text, markdown  valid UTF-8
//
// An input is a document, optionally preceded by the file name it is
// reported under and the byte 0x1F (ASCII unit separator); without it the
// name is "fuzz.json". The input's size picks the language (odd: Dutch).
#include "engine/engine.hpp"
#include "engine/pipeline.hpp"
#include "fuzz_support.hpp"
#include "report/report_format.hpp"

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path source_dir = LMACHECK_SOURCE_DIR;

[[noreturn]] void fail(const char* what, const std::string& detail = {}) {
    lmacheck::fuzz::fail("fuzz_reports", what, detail);
}

const lmacheck::Engine& engine() {
    static const std::unique_ptr<const lmacheck::Engine> instance = [] {
        lmacheck::EngineOptions options;
        options.data_dir = source_dir;
        options.plugin_dirs = {LMACHECK_PLUGIN_DIR};
        options.limits.max_bytes = 1u << 20;
        return std::make_unique<const lmacheck::Engine>(std::move(options));
    }();
    return *instance;
}

const valijson::Schema& sarif_schema() {
    static const json source =
        json::parse(lmacheck::fuzz::read_file(source_dir / "tests" / "data" / "sarif-schema-2.1.0.json"));
    static const std::unique_ptr<valijson::Schema> schema = [] {
        auto parsed = std::make_unique<valijson::Schema>();
        valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
        const valijson::adapters::NlohmannJsonAdapter adapter(source);
        parser.populateSchema(adapter, *parsed);
        return parsed;
    }();
    return *schema;
}

// libxml2 reports to stderr by default; the fuzzer only needs the verdict.
void quiet_xml_error(void*, const char*, ...) {}

xmlSchemaPtr junit_schema() {
    static const xmlSchemaPtr schema = [] {
        xmlSetGenericErrorFunc(nullptr, quiet_xml_error);
        const std::string file = (source_dir / "tests" / "data" / "jenkins-junit.xsd").string();
        xmlSchemaParserCtxtPtr context = xmlSchemaNewParserCtxt(file.c_str());
        xmlSchemaPtr parsed = xmlSchemaParse(context);
        xmlSchemaFreeParserCtxt(context);
        if (parsed == nullptr) fail("cannot read the JUnit schema", file);
        return parsed;
    }();
    return schema;
}

// Parses `text` as XML (no network, no entities from outside); with a
// schema, also validates it. Returns what is wrong, empty when nothing is.
std::string xml_problem(const std::string& text, xmlSchemaPtr schema) {
    xmlDocPtr doc = xmlReadMemory(text.data(), static_cast<int>(text.size()), "report.xml", nullptr,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (doc == nullptr) {
        const xmlError* error = xmlGetLastError();
        return std::string("not well-formed XML: ") + (error != nullptr && error->message ? error->message : "?");
    }
    std::string problem;
    if (schema != nullptr) {
        xmlSchemaValidCtxtPtr context = xmlSchemaNewValidCtxt(schema);
        xmlSchemaSetValidErrors(context, nullptr, nullptr, nullptr);
        if (xmlSchemaValidateDoc(context, doc) != 0) problem = "not valid against the JUnit schema";
        xmlSchemaFreeValidCtxt(context);
    }
    xmlFreeDoc(doc);
    return problem;
}

bool is_utf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto byte = static_cast<unsigned char>(text[i]);
        std::size_t length = byte < 0x80 ? 1 : (byte >> 5) == 0x6 ? 2 : (byte >> 4) == 0xe ? 3 : (byte >> 3) == 0x1e ? 4 : 0;
        if (length == 0 || i + length > text.size()) return false;
        std::uint32_t code = length == 1 ? byte : byte & (0x7f >> length);
        for (std::size_t k = 1; k < length; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xc0) != 0x80) return false;
            code = (code << 6) | (next & 0x3f);
        }
        const std::uint32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
        if (code < smallest[length] || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return false;
        i += length;
    }
    return true;
}

void check_sarif(const std::string& text) {
    const json sarif = json::parse(text, nullptr, false);
    if (sarif.is_discarded()) fail("the SARIF report is not JSON");
    valijson::Validator validator;
    valijson::ValidationResults results;
    const valijson::adapters::NlohmannJsonAdapter target(sarif);
    if (!validator.validate(sarif_schema(), target, &results)) {
        valijson::ValidationResults::Error error;
        std::string where;
        if (results.popError(error)) {
            for (const std::string& part : error.context) where += part;
            where += ": " + error.description;
        }
        fail("the SARIF report does not follow the SARIF 2.1.0 schema", where);
    }
}

void check_rendering(lmacheck::ReportFormat format, const std::string& name, const std::string& text) {
    using lmacheck::ReportFormat;
    switch (format) {
    case ReportFormat::json:
        if (json::parse(text, nullptr, false).is_discarded()) fail("the JSON report is not JSON");
        break;
    case ReportFormat::sarif: check_sarif(text); break;
    case ReportFormat::junit:
        if (const std::string problem = xml_problem(text, junit_schema()); !problem.empty()) {
            fail("the JUnit report", problem);
        }
        break;
    case ReportFormat::html:
        if (const std::string problem = xml_problem(text, nullptr); !problem.empty()) fail("the HTML report", problem);
        break;
    case ReportFormat::text:
    case ReportFormat::markdown:
        if (!is_utf8(text)) fail("a report that is not UTF-8", name);
        break;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    std::string name = "fuzz.json";
    if (const std::size_t unit = input.find('\x1f'); unit != std::string_view::npos && unit <= 64) {
        name = std::string(input.substr(0, unit));
        input.remove_prefix(unit + 1);
    }
    lmacheck::RunReport run;
    run.submissions.push_back(lmacheck::judge_bytes(engine(), std::string(input), name));
    run.summary = lmacheck::summarize(run.submissions);

    lmacheck::RenderOptions options;
    options.language = size % 2 == 1 ? lmacheck::Language::nl : lmacheck::Language::en;
    options.catalog = &engine().catalog();
    options.generated_at = "2026-01-02T03:04:05.678Z";
    for (const std::string& format_name : lmacheck::report_format_names()) {
        const auto format = lmacheck::parse_report_format(format_name);
        if (!format) fail("a format name without a format", format_name);
        check_rendering(*format, format_name, lmacheck::render_report(run, *format, options));
    }
    return 0;
}
