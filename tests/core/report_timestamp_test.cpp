// --timestamp: every format shows the one time it is given, in its natural
// place, and nothing else changes; without it no format writes a time, so
// the bytes depend on the input only. (SARIF: report_sarif_test.cpp, where
// the schema check is. The command line: tests/e2e/cli_test.cpp.)
#include "report_test_support.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <regex>

namespace lmacheck {
namespace {

using namespace lmacheck::testing;

constexpr const char* finished_at = "2025-03-01T09:30:00.125Z";

std::string render(ReportFormat format, Language language, bool stamped) {
    RenderOptions options = render_options(language);
    if (stamped) options.generated_at = finished_at;
    return render_report(mixed_run(), format, options);
}

// `text` with every `piece` taken out.
std::string without(std::string text, const std::string& piece) {
    for (std::size_t at = text.find(piece); at != std::string::npos; at = text.find(piece, at)) {
        text.erase(at, piece.size());
    }
    return text;
}

struct Insertion {
    ReportFormat format;
    Language language;
    std::string piece;  // what --timestamp adds
    std::size_t count;  // how often
    std::string after;  // what it follows
};

TEST(ReportTimestamp, EachFormatAddsOnlyTheTimeInItsPlace) {
    const std::string stamp(finished_at);
    for (const Insertion& expected : std::vector<Insertion>{
             {ReportFormat::text, Language::en, "generated at " + stamp + "\n", 1,
              "1 error, 2 warnings, 1 explained\n"},
             {ReportFormat::text, Language::nl, "gemaakt op " + stamp + "\n", 1,
              "1 fout, 2 waarschuwingen, 1 toegelicht\n"},
             {ReportFormat::json, Language::en, "  \"generated_at\": \"" + stamp + "\",\n", 1,
              "    \"version\": \"" LMACHECK_VERSION "\"\n  },\n"},
             {ReportFormat::junit, Language::en, " timestamp=\"" + stamp + "\"", 2, "skipped=\"1\""},
             {ReportFormat::html, Language::en, "<p class=\"generated\">Generated at " + stamp + "</p>\n", 1,
              "1 explained</p>\n"},
             {ReportFormat::html, Language::nl, "<p class=\"generated\">Gemaakt op " + stamp + "</p>\n", 1,
              "1 toegelicht</p>\n"},
             {ReportFormat::markdown, Language::en, "Generated at " + stamp + "\n\n", 1, "1 explained\n\n"},
             {ReportFormat::markdown, Language::nl, "Gemaakt op " + stamp + "\n\n", 1, "1 toegelicht\n\n"},
         }) {
        const std::string plain = render(expected.format, expected.language, false);
        const std::string stamped = render(expected.format, expected.language, true);
        const std::string name = std::to_string(static_cast<int>(expected.format)) + " " +
                                 (expected.language == Language::nl ? "nl" : "en");
        EXPECT_EQ(count_of(stamped, expected.piece), expected.count) << name << "\n" << stamped;
        EXPECT_EQ(count_of(stamped, expected.after + expected.piece), 1u) << name << "\n" << stamped;
        EXPECT_EQ(without(stamped, expected.piece), plain) << name;
    }
}

TEST(ReportTimestamp, JsonKeyFollowsTool) {
    RenderOptions options = render_options();
    options.generated_at = finished_at;
    const auto report = nlohmann::ordered_json::parse(render_json_report(mixed_run(), options));
    std::vector<std::string> keys;
    for (const auto& item : report.items()) keys.push_back(item.key());
    EXPECT_EQ(keys, (std::vector<std::string>{"report_version", "tool", "generated_at", "submissions", "summary"}));
    EXPECT_EQ(report["generated_at"], finished_at);
}

// No time of day anywhere without --timestamp: what a run over the same
// input prints is the same bytes every time.
TEST(ReportTimestamp, NoTimeWithoutIt) {
    const std::regex time_of_day("[0-9]{2}:[0-9]{2}:[0-9]{2}");
    for (const ReportFormat format : {ReportFormat::text, ReportFormat::json, ReportFormat::junit, ReportFormat::sarif,
                                      ReportFormat::html, ReportFormat::markdown}) {
        for (const Language language : {Language::en, Language::nl}) {
            const std::string report = render(format, language, false);
            EXPECT_FALSE(std::regex_search(report, time_of_day)) << static_cast<int>(format);
            EXPECT_EQ(report.find("generated_at"), std::string::npos);
            EXPECT_EQ(report.find("timestamp"), std::string::npos);
            EXPECT_EQ(report.find("endTimeUtc"), std::string::npos);
        }
    }
}

}  // namespace
}  // namespace lmacheck
