// The Markdown report (CI job summaries): a summary table, every finding in a
// table whose cells cannot break it, Dutch labels, same bytes whatever
// --jobs is.
#include "report_test_support.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace lmacheck {
namespace {

using namespace lmacheck::testing;

std::string markdown(const RunReport& run, Language language = Language::en) {
    return render_markdown_report(run, render_options(language));
}

// Cell separators of a table line: '|' not preceded by a backslash.
std::size_t separators(const std::string& line) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '|' && (i == 0 || line[i - 1] != '\\')) ++n;
    }
    return n;
}

std::vector<std::string> table_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (line.starts_with("|")) lines.push_back(line);
    }
    return lines;
}

TEST(MarkdownReport, SummaryAndFindingsTables) {
    const std::string text = markdown(mixed_run());
    EXPECT_TRUE(text.starts_with("## lmacheck report\n\n2 submissions: 1 accepted, 1 rejected; 1 error, 2 warnings, "
                                 "1 explained\n\n| File | Status | Errors | Warnings | Explained | Info |\n"))
        << text;
    EXPECT_NE(text.find("| `uploads/a & b.json` | **rejected** | 1 | 2 | 1 | 1 |\n"), std::string::npos) << text;
    EXPECT_NE(text.find("| `uploads/ok.json` | accepted | 0 | 0 | 0 | 0 |\n"), std::string::npos);
    EXPECT_NE(text.find("| warning (explained) | `capacity.occupancy` | `uploads/a & b.json:40:19` | "
                        "`/capacity/2/bed_days` | occupancy 1.10 is above the maximum 1.00 |  |  |\n"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("| at most 1.00 | 1.05 |\n"), std::string::npos);
    EXPECT_NE(text.find("| info | `explanation.unused` | `uploads/a & b.json` | `(whole file)` |"), std::string::npos);
}

TEST(MarkdownReport, EscapesPipesBackticksAndMarkupInCells) {
    const std::string text = markdown(mixed_run());
    EXPECT_NE(text.find("bad value \\<script\\>alert(\"x\")\\</script\\> \\& 'q' \\| \\`tick\\` \\\\u0001 end\xEF\xBF\xBD |"),
              std::string::npos)
        << text;
    for (const std::string& line : table_lines(text)) {
        const std::size_t expected = line.starts_with("| File") || line.starts_with("|---|---|--:") ||
                                             line.find("`uploads/ok.json` |") != std::string::npos ||
                                             line.find(" | **rejected** |") != std::string::npos
                                         ? 7u
                                         : 8u;
        EXPECT_EQ(separators(line), expected) << line;
    }
}

TEST(MarkdownReport, CodeSpansHoldBackticksAndPipes) {
    RunReport run = accepted_run();
    run.submissions[0].file = "odd`name|x.json";
    run.submissions[0].findings.push_back(make_finding("r.x", Severity::error, "/a|b", "m"));
    run.submissions[0].counts = count_findings(run.submissions[0].findings);
    const std::string text = markdown(run);
    EXPECT_NE(text.find("| ``odd`name\\|x.json`` |"), std::string::npos) << text;
    EXPECT_NE(text.find("| `/a\\|b` |"), std::string::npos) << text;
}

TEST(MarkdownReport, SamplesEveryFindingHasARow) {
    const RunReport run = samples_run();
    const std::string text = markdown(run);
    std::size_t findings = 0;
    for (const SubmissionReport& s : run.submissions) findings += s.findings.size();
    // Two header lines per table, one row per file and one per finding.
    EXPECT_EQ(table_lines(text).size(), 4 + run.submissions.size() + findings);
}

TEST(MarkdownReport, AcceptedRunSaysNoFindings) {
    const std::string text = markdown(accepted_run());
    EXPECT_NE(text.find("### Findings\n\nNo findings.\n"), std::string::npos) << text;
}

TEST(MarkdownReport, DutchLabels) {
    const std::string text = markdown(mixed_run(), Language::nl);
    EXPECT_NE(text.find("## lmacheck-rapport\n\n2 inzendingen: 1 geaccepteerd, 1 afgewezen; 1 fout, 2 "
                        "waarschuwingen, 1 toegelicht\n\n| Bestand | Status | Fouten | Waarschuwingen | Toegelicht | "
                        "Info |\n"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("### Bevindingen\n\n| Ernst | Regel | Plaats | Pad | Melding | Verwacht | Gevonden |"),
              std::string::npos);
    EXPECT_NE(text.find("| waarschuwing (toegelicht) |"), std::string::npos);
    EXPECT_NE(text.find("| **afgewezen** |"), std::string::npos);
}

TEST(MarkdownReport, SameBytesWhateverTheNumberOfJobs) {
    EXPECT_EQ(markdown(samples_run(1)), markdown(samples_run(2)));
}

}  // namespace
}  // namespace lmacheck
