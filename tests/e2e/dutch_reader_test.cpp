// For the institution reading Dutch (issue 12): with --lang nl everything a
// reader sees is Dutch. Every sample (JSON and workbook, valid and invalid) is
// validated in Dutch in every report format; the text a person reads (the
// messages, skip reasons, labels, headings; not the rule ids, file names,
// JSON Pointers, quoted keys and values, nor the tokens the spec fixes, such
// as the text report's severity) must hold none of a list of English
// tell-tale words. And every message template of every loaded rule has a
// Dutch text that is itself free of them.
#include "support/subprocess.hpp"
#include "support/test_paths.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace lmacheck::test;

const fs::path lmacheck_exe = LMACHECK_EXE;
using lmacheck::test_paths::source_dir;

// Words that give English away. None of them is also a Dutch word ("of",
// "in", "is", "info", "status", "document", "byte", "plugin" are, and are
// not listed).
const std::vector<std::string> tell_tale_words = {
    "expected", "got",      "given",     "skipped", "rules skipped", "should",   "must",    "missing",
    "unknown",  "invalid",  "the",       "file",    "files",         "line",     "column",  "not",
    "found",    "between",  "least",     "most",    "than",          "error",    "errors",  "warning",
    "warnings", "explained", "accepted", "rejected", "submission",   "submissions", "and",  "with",
    "unexpected", "while",  "parsing",   "value",   "string",        "integer",  "number",  "rule",
    "rules",    "findings", "finding",   "none",    "show",          "generated", "validated", "institution",
    "municipality", "kind", "year",      "severity", "message",     "path",     "actual",
    "submitter", "such",    "digits",    "followed", "store",        "earlier",  "structural", "encoding",
    "quote",    "literal",  "input",     "end",     "there",         "more",
};

// The ids of the rules the program loads and the names of their plugins.
const std::vector<std::string>& rule_ids() {
    static const std::vector<std::string> ids = [] {
        const ProcessResult r = run_process({lmacheck_exe.string(), "rules", "--format", "json"});
        EXPECT_EQ(r.exit_code, 0) << describe(r);
        std::set<std::string> names;
        const json listing = json::parse(r.out);  // kept: the loop reads into it
        for (const json& rule : listing.at("rules")) {
            names.insert(rule.at("id").get<std::string>());
            names.insert(rule.at("plugin").get<std::string>());
        }
        std::vector<std::string> found(names.begin(), names.end());
        // Longest first, so "schema.structure" does not cut into a longer id.
        std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
        return found;
    }();
    return ids;
}

std::string replace_all(std::string text, const std::string& what, const std::string& with) {
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + with.size())) {
        text.replace(at, what.size(), with);
    }
    return text;
}

// What is data, not language: rule ids, plugin names, file paths and names, JSON
// Pointers, command-line options, quoted keys and values, and the input a
// parser message quotes.
std::string without_data(std::string text) {
    // Links first (SARIF's helpUri, in its help text too): a rule id or
    // plugin name inside one would otherwise cut it.
    text = std::regex_replace(text, std::regex(R"((file|https?)://[^\s)]+)"), " ");
    for (const std::string& id : rule_ids()) text = replace_all(text, id, " ");
    static const std::vector<std::regex> data = {
        std::regex(R"(`[^`]*`)"),                       // quoted keys and values
        std::regex(R"('[^']*')"),                       // quoted input
        std::regex(R"("[^"]*")"),                       // quoted keys
        std::regex(R"((^|[\s(])[\w./-]*/[\w./-]*)"),    // paths and JSON Pointers
        std::regex(R"([\w-]+\.(json|xlsx|html|sarif|xml|md)\b)"),  // file names
        std::regex(R"(--[a-z-]+)"),                     // options
        std::regex(R"(\w+![A-Z]+[0-9]+)"),              // a workbook cell: sheet!A1
        std::regex(R"(\brules/registers/)"),
    };
    for (const std::regex& pattern : data) text = std::regex_replace(text, pattern, " ");
    return text;
}

// The tell-tale words in `text`, each with a little context.
std::vector<std::string> english_in(const std::string& raw) {
    const std::string text = without_data(raw);
    std::string lower = text;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto is_word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
    std::vector<std::string> hits;
    for (const std::string& word : tell_tale_words) {
        for (std::size_t at = lower.find(word); at != std::string::npos; at = lower.find(word, at + 1)) {
            const bool starts = at == 0 || !is_word(lower[at - 1]);
            const std::size_t end = at + word.size();
            const bool ends = end == lower.size() || !is_word(lower[end]);
            if (!starts || !ends) continue;
            // The line it stands on, at most 100 characters either side.
            const std::size_t line_start = text.rfind('\n', at) == std::string::npos ? 0 : text.rfind('\n', at) + 1;
            const std::size_t from = std::max(line_start, at < 100 ? std::size_t{0} : at - 100);
            const std::size_t line_end = std::min(text.find('\n', at), end + 100);
            hits.push_back("\"" + word + "\" in: " + text.substr(from, line_end - from));
            break;
        }
    }
    return hits;
}

// The text a person reads in each format.
std::string html_text(std::string page) {
    page = std::regex_replace(page, std::regex(R"(<(style|script)[^>]*>[\s\S]*?</\1>)"), " ");
    // The pieces a path or rule id is cut into where it may wrap are one word.
    page = replace_all(page, "</span><span class=\"seg\">", "");
    page = std::regex_replace(page, std::regex(R"(<[^>]*>)"), " ");
    for (const auto& [entity, character] : {std::pair{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"},
                                            {"&quot;", "\""}, {"&#39;", "'"}, {"&apos;", "'"}}) {
        page = replace_all(page, entity, character);
    }
    return page;
}

// The text report: the severity token and `at` before the path are the
// problem matchers' (spec), the same in every language.
std::string text_report_text(const std::string& report) {
    static const std::regex finding_prefix(R"((^|\n)[^\n]*?(:\d+:\d+)?: (error|warning|info): )");
    static const std::regex path_suffix(R"( at [^\n]*(\n|$))");
    return std::regex_replace(std::regex_replace(report, finding_prefix, "$1"), path_suffix, "$1");
}

// JUnit: the failure messages, the texts (finding lines as in the text
// report, what was compared below them) and the skipped reasons.
std::string junit_text(const std::string& xml) {
    std::string text;
    static const std::regex message(R"re(message="([^"]*)")re");
    for (std::sregex_iterator it(xml.begin(), xml.end(), message), end; it != end; ++it) text += (*it)[1].str() + "\n";
    return text + text_report_text(html_text(xml));
}

// JSON and SARIF: the string values of the fields meant for people.
void collect_people_text(const json& value, std::string& out) {
    static const std::set<std::string> people = {"message", "reason", "text", "markdown", "justification",
                                                 "explanation"};
    if (value.is_object()) {
        for (const auto& [key, member] : value.items()) {
            if (member.is_string() && people.contains(key)) out += member.get<std::string>() + "\n";
            collect_people_text(member, out);
        }
    } else if (value.is_array()) {
        for (const json& item : value) collect_people_text(item, out);
    }
}

std::vector<std::string> sample_dirs() {
    return {(source_dir / "samples/invalid").string(), (source_dir / "samples/valid").string(),
            (source_dir / "samples/workbook/invalid").string()};
}

ProcessResult validate_in_dutch(const std::string& format) {
    std::vector<std::string> argv = {lmacheck_exe.string(), "validate", "--lang", "nl", "--format", format};
    for (const std::string& dir : sample_dirs()) argv.push_back(dir);
    return run_process(argv);
}

void expect_dutch(const std::string& what, const std::string& text) {
    const std::vector<std::string> hits = english_in(text);
    for (const std::string& hit : hits) ADD_FAILURE() << what << ": English " << hit;
}

class DutchReport : public ::testing::TestWithParam<std::string> {};

TEST_P(DutchReport, EveryFindingAndLabelOfEverySampleIsDutch) {
    const std::string format = GetParam();
    const ProcessResult r = validate_in_dutch(format);
    ASSERT_EQ(r.exit_code, 1) << describe(r);  // the invalid samples are rejected
    ASSERT_FALSE(r.out.empty());
    std::string text;
    if (format == "html" || format == "markdown") text = format == "html" ? html_text(r.out) : r.out;
    if (format == "text") text = text_report_text(r.out);
    if (format == "junit") text = junit_text(r.out);
    if (format == "json" || format == "sarif") collect_people_text(json::parse(r.out), text);
    ASSERT_FALSE(text.empty());
    expect_dutch(format + " report", text);
}

INSTANTIATE_TEST_SUITE_P(AllFormats, DutchReport,
                         ::testing::Values("text", "markdown", "html", "json", "sarif", "junit"));

// The words themselves are found: a report in English trips the check.
TEST(DutchReader, TheCheckFindsEnglish) {
    ASSERT_GT(rule_ids().size(), 30u) << "the rule ids and plugin names, which are data";
    std::vector<std::string> argv = {lmacheck_exe.string(), "validate", "--lang", "en", "--format", "text"};
    for (const std::string& dir : sample_dirs()) argv.push_back(dir);
    const ProcessResult r = run_process(argv);
    EXPECT_FALSE(english_in(text_report_text(r.out)).empty()) << r.out;
    EXPECT_FALSE(english_in("ongeldige JSON: unexpected end of input").empty());
    EXPECT_TRUE(english_in("de sleutel `missing` ontbreekt in /the/file.json [schema.structure]").empty());
}

// Every message of every rule the program loads has a Dutch text, and that
// text is Dutch (placeholders aside).
TEST(DutchReader, EveryMessageKeyHasADutchText) {
    const ProcessResult r = run_process({lmacheck_exe.string(), "rules", "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    const json listing = json::parse(r.out);
    for (const json& rule : listing.at("rules")) {
        const std::string id = rule.at("id");
        for (const json& message : rule.at("messages")) {
            const std::string key = id + "/" + message.at("id").get<std::string>();
            const std::string nl = message.value("nl", "");
            EXPECT_FALSE(nl.empty()) << key << " has no Dutch text";
            EXPECT_NE(nl, message.value("en", "")) << key << ": the Dutch text is the English one";
            expect_dutch(key, std::regex_replace(nl, std::regex(R"(\{[a-z_]+\})"), " "));
        }
        expect_dutch(id + " description", rule.value("description_nl", ""));
    }
}

// `lmacheck rules` in Dutch: headers, severities, kinds.
TEST(DutchReader, RuleListingIsDutch) {
    const ProcessResult r = run_process({lmacheck_exe.string(), "rules", "--lang", "nl"});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    expect_dutch("lmacheck rules --lang nl", r.out);
}

}  // namespace
