// --max-findings N (report/finding_cap.hpp): the text, Markdown and HTML
// reports list at most N findings per file, the most severe first, and say
// how many more there are; JSON, SARIF and JUnit list every finding.
#include "report/finding_cap.hpp"
#include "report_test_support.hpp"

#include <gtest/gtest.h>

namespace lmacheck {
namespace {

using namespace lmacheck::testing;

// One file with 40 warnings and, last in the report's order, one error.
RunReport many_findings_run() {
    SubmissionReport s = make_submission("many.json", 'm', "institution", "06290101", {"capacity.occupancy"});
    for (int i = 0; i < 40; ++i) {
        s.findings.push_back(make_finding("capacity.occupancy", Severity::warning, "/capacity/" + std::to_string(i),
                                          "warning number " + std::to_string(i) + " here"));
    }
    s.findings.push_back(make_finding("schema.structure", Severity::error, "/z", "the one error"));
    return make_run({s});
}

RenderOptions capped(std::size_t cap, Language language = Language::en) {
    RenderOptions options = render_options(language);
    options.max_findings = cap;
    return options;
}

TEST(FindingCap, ListsTheMostSevereFirstInTheReportsOrder) {
    const RunReport run = many_findings_run();
    const std::vector<const Finding*> listed = listed_findings(run.submissions[0], 3);
    ASSERT_EQ(listed.size(), 3u);
    EXPECT_EQ(listed[0]->message, "warning number 0 here");
    EXPECT_EQ(listed[1]->message, "warning number 1 here");
    EXPECT_EQ(listed[2]->message, "the one error");  // never left out for a warning
    EXPECT_EQ(unlisted_count(run.submissions[0], 3), 38u);
    EXPECT_EQ(listed_findings(run.submissions[0], 0).size(), 41u);
    EXPECT_EQ(unlisted_count(run.submissions[0], 0), 0u);
    EXPECT_EQ(more_findings_text(1, 5, Language::en), "and 1 more finding not listed (--max-findings 5)");
    EXPECT_EQ(more_findings_text(37, 5, Language::nl), "en nog 37 bevindingen niet getoond (--max-findings 5)");
}

TEST(FindingCap, TextMarkdownAndHtmlListNAndSayHowManyMore) {
    const RunReport run = many_findings_run();
    for (const ReportFormat format : {ReportFormat::text, ReportFormat::markdown, ReportFormat::html}) {
        const std::string all = render_report(run, format, render_options());
        EXPECT_NE(all.find("warning number 39 here"), std::string::npos);
        EXPECT_EQ(all.find("more findings not listed"), std::string::npos);
        const std::string report = render_report(run, format, capped(3));
        EXPECT_EQ(count_of(report, "warning number "), 2u) << report;
        EXPECT_NE(report.find("the one error"), std::string::npos) << report;
        EXPECT_NE(report.find("and 38 more findings not listed (--max-findings 3)"), std::string::npos) << report;
        const std::string dutch = render_report(run, format, capped(3, Language::nl));
        EXPECT_NE(dutch.find("en nog 38 bevindingen niet getoond (--max-findings 3)"), std::string::npos) << dutch;
    }
    // Within the cap: nothing more to say.
    EXPECT_EQ(render_report(run, ReportFormat::text, capped(41)), render_report(run, ReportFormat::text, render_options()));
}

TEST(FindingCap, JsonSarifAndJunitListEveryFinding) {
    const RunReport run = many_findings_run();
    for (const ReportFormat format : {ReportFormat::json, ReportFormat::sarif, ReportFormat::junit}) {
        EXPECT_EQ(render_report(run, format, capped(3)), render_report(run, format, render_options()));
    }
}

}  // namespace
}  // namespace lmacheck
