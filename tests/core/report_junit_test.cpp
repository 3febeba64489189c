// The JUnit XML report: a test suite per file, a test case per rule that ran
// (passed ones too), a failure per error, skipped rules, escaping, and the
// same bytes whatever --jobs is. Schema validity is checked with xmllint in
// tests/reports/.
#include "report/xml_escape.hpp"
#include "engine/pipeline.hpp"
#include "report_test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace lmacheck {
namespace {

using namespace lmacheck::testing;

std::string junit(const RunReport& run, Language language = Language::en) {
    return render_junit_report(run, render_options(language));
}

TEST(JunitReport, OneSuitePerFileAndOneCasePerRuleThatRanOrWasSkipped) {
    const std::string xml = junit(mixed_run());
    EXPECT_EQ(count_of(xml, "<testsuite "), 2u);
    // a: 6 rules that ran (capacity.occupancy twice: two findings), the
    // batch-level rule of a finding, 1 skipped rule.
    EXPECT_NE(xml.find("<testsuite name=\"uploads/a &amp; b.json\" tests=\"9\" failures=\"1\" errors=\"0\" "
                       "skipped=\"1\">"),
              std::string::npos)
        << xml;
    EXPECT_NE(xml.find("<testsuite name=\"uploads/ok.json\" tests=\"4\" failures=\"0\" errors=\"0\" skipped=\"0\">"),
              std::string::npos);
    EXPECT_NE(xml.find("<testsuites name=\"lmacheck\" tests=\"13\" failures=\"1\" errors=\"0\" skipped=\"1\">"),
              std::string::npos)
        << xml;
    // A rule that ran and found nothing is a passed test case.
    EXPECT_NE(xml.find("<testcase name=\"capacity.places-from-bed-days\" classname=\"uploads/a &amp; b.json\"/>"),
              std::string::npos);
    EXPECT_NE(xml.find("<testcase name=\"history.capacity-change\" classname=\"uploads/a &amp; b.json\">\n"
                       "      <skipped>no --store given</skipped>"),
              std::string::npos);
}

TEST(JunitReport, ErrorsFailWithPlaceAndValuesWarningsGoToSystemOut) {
    const std::string xml = junit(mixed_run());
    EXPECT_EQ(count_of(xml, "<failure "), 1u);
    EXPECT_NE(xml.find("type=\"schema.structure\">uploads/a &amp; b.json:12:7: error: bad value "), std::string::npos);
    EXPECT_NE(xml.find("[schema.structure] at /capacity/0/beds\nexpected: &quot;integer &gt;= 0&quot;\nactual: -3\n"
                       "</failure>"),
              std::string::npos)
        << xml;
    EXPECT_NE(xml.find("<system-out>uploads/a &amp; b.json:30:19: warning: occupancy 1.05 is above the maximum 1.00 "
                       "[capacity.occupancy] at /capacity/1/bed_days\nexpected: &quot;&lt;= 1.0&quot;\nactual: 1.05\n"
                       "</system-out>"),
              std::string::npos)
        << xml;
    EXPECT_NE(xml.find("<system-out>uploads/a &amp; b.json:40:19: warning: occupancy 1.10 is above the maximum 1.00 "
                       "(explained) [capacity.occupancy] at /capacity/2/bed_days\n</system-out>"),
              std::string::npos)
        << xml;
    EXPECT_NE(xml.find("info: explanation for x at /y matches no finding [explanation.unused] at &quot;&quot;"),
              std::string::npos);
    EXPECT_NE(xml.find("related: uploads/other.json at /capacity/0"), std::string::npos);
}

// Consumers show only the first <failure> of a test case: a rule with several
// findings on a file gets a case per finding, named after its path.
TEST(JunitReport, EachOfSeveralFindingsOfARuleIsItsOwnTestCase) {
    SubmissionReport s = make_submission("f.json", 'f', "institution", "06290101", {"schema.structure"});
    s.findings = {make_finding("schema.structure", Severity::error, "/a", "first"),
                  make_finding("schema.structure", Severity::error, "/b", "second"),
                  make_finding("schema.structure", Severity::error, "/b", "third")};
    const std::string xml = junit(make_run({s}));
    EXPECT_NE(xml.find("<testsuite name=\"f.json\" tests=\"3\" failures=\"3\" errors=\"0\" skipped=\"0\">"),
              std::string::npos)
        << xml;
    EXPECT_NE(xml.find("<testcase name=\"schema.structure at /a\" classname=\"f.json\">\n      <failure "
                       "message=\"first\""),
              std::string::npos)
        << xml;
    EXPECT_NE(xml.find("<testcase name=\"schema.structure at /b\" classname=\"f.json\">\n      <failure "
                       "message=\"second\""),
              std::string::npos)
        << xml;
    EXPECT_NE(xml.find("<testcase name=\"schema.structure at /b (2)\" classname=\"f.json\">\n      <failure "
                       "message=\"third\""),
              std::string::npos)
        << xml;
    EXPECT_EQ(count_of(xml, "<failure "), 3u);
    // One finding: the case keeps the rule's name.
    s.findings.resize(1);
    EXPECT_NE(junit(make_run({s})).find("<testcase name=\"schema.structure\" classname=\"f.json\">"), std::string::npos);
}

// <testsuites> carries the skipped count, and with --timestamp the run's seconds.
TEST(JunitReport, TestsuitesCarriesSkippedAndWithATimestampTheTime) {
    RenderOptions options = render_options(Language::en);
    EXPECT_EQ(render_junit_report(mixed_run(), options).find(" time="), std::string::npos);
    options.generated_at = "2026-12-01T10:00:00.000Z";
    options.elapsed_seconds = 1.25;
    const std::string xml = render_junit_report(mixed_run(), options);
    EXPECT_NE(xml.find("<testsuites name=\"lmacheck\" tests=\"13\" failures=\"1\" errors=\"0\" skipped=\"1\" "
                       "time=\"1.250\">"),
              std::string::npos)
        << xml;
}

TEST(JunitReport, EscapesMarkupControlCharactersAndInvalidUtf8) {
    const std::string xml = junit(mixed_run());
    EXPECT_EQ(xml.find("<script>"), std::string::npos);
    EXPECT_EQ(xml.find('\x01'), std::string::npos);
    EXPECT_EQ(xml.find('\xff'), std::string::npos);
    EXPECT_NE(xml.find("message=\"bad value &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39; | "
                       "`tick` \\u0001 end\xEF\xBF\xBD\""),
              std::string::npos)
        << xml;
}

TEST(JunitReport, AcceptedRunListsPassedChecksOnly) {
    const std::string xml = junit(accepted_run());
    EXPECT_EQ(count_of(xml, "<testcase "), 4u);
    EXPECT_EQ(count_of(xml, "<failure"), 0u);
    EXPECT_EQ(count_of(xml, "<system-out"), 0u);
    EXPECT_NE(xml.find("<property name=\"status\" value=\"accepted\"/>"), std::string::npos);
}

TEST(JunitReport, SamplesEveryErrorIsAFailureAndEveryFindingIsThere) {
    const RunReport run = samples_run();
    const std::string xml = junit(run);
    EXPECT_EQ(count_of(xml, "<testsuite "), run.submissions.size());
    EXPECT_EQ(count_of(xml, "<failure "), static_cast<std::size_t>(run.summary.errors));
    for (const SubmissionReport& s : run.submissions) {
        for (const Finding& f : s.findings) {
            const std::string line = std::string(to_string(f.severity)) + ": " + f.message +
                                     (f.explained ? " (explained)" : "") + " [" + f.rule + "] at ";
            // FILE:LINE:COLUMN, or FILE:SHEET!CELL for a workbook (samples/workbook).
            std::string where;
            if (f.position) {
                where = f.position->cell.empty()
                            ? ":" + std::to_string(f.position->line) + ":" + std::to_string(f.position->column)
                            : ":" + f.position->cell;
            }
            EXPECT_NE(xml.find(xml_text(s.file) + where + ": " + xml_text(line)),
                      std::string::npos)
                << s.file << " " << f.rule;
        }
    }
}

TEST(JunitReport, SameBytesWhateverTheNumberOfJobs) {
    EXPECT_EQ(junit(samples_run(1)), junit(samples_run(2)));
}

TEST(JunitReport, DutchRunKeepsElementNamesAndCarriesDutchMessages) {
    EngineOptions options = engine_options();
    options.language = Language::nl;
    const Engine engine(options);
    const RunReport run = judge_run(engine, collect_inputs({(source_dir / "samples" / "invalid").string()}), 1);
    const std::string xml = junit(run, Language::nl);
    EXPECT_NE(xml.find("<testsuites name=\"lmacheck\""), std::string::npos);
    EXPECT_GT(count_of(xml, "<failure "), 0u);
    const Finding& some = run.submissions.front().findings.front();
    EXPECT_NE(xml.find(xml_text(some.message)), std::string::npos);
}

// The finding lines keep the text report's fixed tokens in Dutch; only the
// explained mark, in the message area, is translated.
TEST(JunitReport, DutchFindingLinesKeepSeverityAndAt) {
    const std::string xml = junit(mixed_run(), Language::nl);
    EXPECT_NE(xml.find("uploads/a &amp; b.json:40:19: warning: occupancy 1.10 is above the maximum 1.00 (toegelicht) "
                       "[capacity.occupancy] at /capacity/2/bed_days\n"),
              std::string::npos)
        << xml;
    EXPECT_NE(xml.find("uploads/a &amp; b.json:12:7: error: bad value "), std::string::npos);
}

TEST(RulesRun, EngineListsLevelZeroChecksAndPlannedRulesThatRan) {
    const RunReport run = samples_run();
    const auto report_of = [&](const std::string& name) {
        return *std::find_if(run.submissions.begin(), run.submissions.end(),
                             [&](const SubmissionReport& s) { return s.file.ends_with(name); });
    };
    const SubmissionReport valid = report_of("valid/institution-2019.json");
    const auto& ran = valid.rules_run;
    for (const char* rule : {"document.unreadable", "document.duplicate-key", "schema.structure", "engine.rule-failed",
                             "capacity.occupancy", "explanation.unused"}) {
        EXPECT_NE(std::find(ran.begin(), ran.end(), rule), ran.end()) << rule;
    }
    for (const SkippedRule& r : valid.skipped_rules) EXPECT_EQ(std::find(ran.begin(), ran.end(), r.rule), ran.end());

    const SubmissionReport unreadable = report_of("invalid/document.unreadable-truncated.json");
    EXPECT_EQ(unreadable.rules_run, std::vector<SharedText>{"document.unreadable"});
    const SubmissionReport structure = report_of("invalid/schema.structure-missing-key.json");
    EXPECT_EQ(structure.rules_run,
              (std::vector<SharedText>{"document.unreadable", "document.duplicate-key", "schema.structure"}));
}

}  // namespace
}  // namespace lmacheck
