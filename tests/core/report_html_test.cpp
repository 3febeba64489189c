// The HTML report: self-contained, every finding present and grouped by
// severity, escaped, Dutch labels with --lang nl, a print layout, and the
// same bytes whatever --jobs is. Well-formedness is checked with xmllint in
// tests/reports/.
#include "report/finding_text.hpp"
#include "report/report_labels.hpp"
#include "report/xml_escape.hpp"
#include "report_test_support.hpp"

#include <gtest/gtest.h>

#include <regex>

namespace lmacheck {
namespace {

using namespace lmacheck::testing;

std::string html(const RunReport& run, Language language = Language::en) {
    return render_html_report(run, render_options(language));
}

std::size_t finding_rows(const std::string& page) {
    return count_of(page, "<tr><td><code>") + count_of(page, "<tr class=\"explained\"><td><code>") +
           count_of(page, "<tr data-");  // a file's row
}

TEST(HtmlReport, SelfContainedWithoutExternalResources) {
    const std::string page = html(samples_run());
    for (const char* external : {"http://", "https://", "<link", "src=", "url(", "@import", "//fonts"}) {
        EXPECT_EQ(page.find(external), std::string::npos) << external;
    }
    EXPECT_EQ(count_of(page, "<style>"), 1u);
    EXPECT_EQ(count_of(page, "<script>"), 1u);
    EXPECT_NE(page.find("@media print"), std::string::npos);
}

TEST(HtmlReport, SamplesEveryFindingInItsSeverityGroup) {
    const RunReport run = samples_run();
    const std::string page = html(run);
    // The page without the pieces paths break into (<span class="seg">).
    const std::string without_breaks = std::regex_replace(page, std::regex("<span class=\"seg\">([^<]*)</span>"), "$1");
    std::size_t findings = 0;
    for (const SubmissionReport& s : run.submissions) {
        findings += s.findings.size();
        for (const Finding& f : s.findings) {
            // Without the break opportunities and the rule's description.
            const std::string row = xml_text(location_text(s.file, f)) + "</code></td><td><code>" +
                                    xml_text(readable_path(f.path, report_labels(Language::en))) + "</code></td><td>" +
                                    xml_text(f.message);
            const std::size_t at = without_breaks.find(row);
            ASSERT_NE(at, std::string::npos) << s.file << " " << f.rule;
            // Inside the group of its severity: the nearest group opened before it.
            const std::size_t group = without_breaks.rfind("<div class=\"group ", at);
            EXPECT_EQ(without_breaks.compare(group, 18 + to_string(f.severity).size(),
                                   "<div class=\"group " + std::string(to_string(f.severity))),
                      0);
        }
    }
    // One row per file in the summary, one per finding in the groups.
    EXPECT_EQ(finding_rows(page), findings + run.submissions.size());
    EXPECT_NE(page.find(">Errors (" + std::to_string(run.summary.errors) + ")</h3>"), std::string::npos);
}

TEST(HtmlReport, EscapesMessagesFileNamesAndExpectedValues) {
    const std::string page = html(mixed_run());
    EXPECT_EQ(count_of(page, "<script>"), 1u);  // the page's own filter only
    EXPECT_NE(page.find("bad value &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39; | `tick` "
                        "\\u0001 end\xEF\xBF\xBD</td>"),
              std::string::npos)
        << page;
    EXPECT_NE(page.find("<code><span class=\"seg\">uploads/</span><span class=\"seg\">a &amp; b.</span><span class=\"seg\">json:12:7</span></code>"), std::string::npos);
    EXPECT_NE(page.find("<td>at most 1.00</td><td>1.05</td>"), std::string::npos);
    EXPECT_EQ(page.find('\x01'), std::string::npos);
}

TEST(HtmlReport, SummaryTablePerFileAndExplainedWarningsMarked) {
    const std::string page = html(mixed_run());
    // The submitter's code and year also as data (the upload page reads them; the cell shows the name too).
    EXPECT_NE(page.find("<tr data-submitter=\"06290101\" data-year=\"2019\"><td><code><span class=\"seg\">uploads/</span><span class=\"seg\">a &amp; b.</span><span class=\"seg\">json</span></code></td><td><span class=\"status rejected\">rejected"
                        "</span></td><td class=\"num\">1</td><td class=\"num\">2</td><td class=\"num\">1</td>"
                        "<td class=\"num\">1</td><td>institution</td><td>06290101</td><td>2019</td><td>lma-v1</td>"
                        "<td>1 (no --store given)</td></tr>"),
              std::string::npos)
        << page;
    EXPECT_NE(page.find("<tr class=\"explained\">"), std::string::npos);
    EXPECT_NE(page.find("<span class=\"badge\">explained</span>"), std::string::npos);
    EXPECT_NE(page.find("<p class=\"summary\">2 submissions: 1 accepted, 1 rejected; 1 error, 2 warnings, 1 explained"),
              std::string::npos);
}

TEST(HtmlReport, FilterIsHiddenUntilScriptShowsIt) {
    const std::string page = html(mixed_run());
    EXPECT_NE(page.find("<div id=\"filter\" class=\"filter\" hidden=\"hidden\">"), std::string::npos);
    for (const char* severity : {"error", "warning", "info"}) {
        EXPECT_NE(page.find(std::string("<input type=\"checkbox\" value=\"") + severity + "\" checked=\"checked\"/>"),
                  std::string::npos);
        EXPECT_NE(page.find(std::string("id=\"findings-") + severity + "\""), std::string::npos);
    }
}

TEST(HtmlReport, AcceptedRunSaysNoFindings) {
    const std::string page = html(accepted_run());
    EXPECT_NE(page.find("<p>No findings.</p>"), std::string::npos);
    EXPECT_EQ(page.find("id=\"filter\""), std::string::npos);
    EXPECT_NE(page.find("<span class=\"status accepted\">accepted</span>"), std::string::npos);
}

TEST(HtmlReport, DutchLabels) {
    const std::string page = html(mixed_run(), Language::nl);
    EXPECT_NE(page.find("<html lang=\"nl\">"), std::string::npos);
    for (const char* label : {"<title>lmacheck-rapport</title>", "<h2>Bestanden</h2>", "<th>Bestand</th>",
                              "<th>Waarschuwingen</th>", "<th>Melding</th>", "<th>Verwacht</th>", "<th>Gevonden</th>",
                              ">afgewezen</span>", ">geaccepteerd</span>", ">Fouten (1)</h3>", ">toegelicht</span>",
                              "2 inzendingen: 1 geaccepteerd, 1 afgewezen; 1 fout, 2 waarschuwingen, 1 toegelicht"}) {
        EXPECT_NE(page.find(label), std::string::npos) << label;
    }
    for (const char* english : {">Files<", ">Message<", ">rejected<", ">Errors ("}) {
        EXPECT_EQ(page.find(english), std::string::npos) << english;
    }
}

TEST(HtmlReport, SameBytesWhateverTheNumberOfJobs) {
    EXPECT_EQ(html(samples_run(1)), html(samples_run(2)));
}

}  // namespace
}  // namespace lmacheck
