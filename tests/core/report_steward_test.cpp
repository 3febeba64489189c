// The reports a steward mails to an institution (issue 12): who the report
// is about (the submitter's name, year, rule set), the submitter's own
// explanation text beside an explained warning (JSON, SARIF, HTML, Markdown),
// expected and actual written as the message writes numbers, the whole
// document named in words, each rule with its one-line description, and
// SARIF rules linking to their section of docs/rules.md.
#include "report/report_labels.hpp"
#include "report/sarif_rules.hpp"
#include "report_test_support.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>

namespace lmacheck {
namespace {

using namespace lmacheck::testing;
using nlohmann::json;

const std::string explanation_sample_text =
    "Woonvoorziening Blerick was van april tot en met oktober gesloten wegens asbestsanering; de bewoners verbleven "
    "in die maanden in Maastricht.";

// samples/valid/institution-2017-explained.json: GGZ Maasoever (06350719),
// one warning of capacity.occupancy explained by the submitter.
RunReport explained_run() {
    const std::string file = (source_dir / "samples" / "valid" / "institution-2017-explained.json").string();
    return judge_run(shared_engine(), collect_inputs({file}), 1);
}

TEST(StewardReport, JsonNamesTheSubmitterAndGivesTheExplanationText) {
    const nlohmann::ordered_json report = nlohmann::ordered_json::parse(render_json_report(explained_run(), render_options()));
    const nlohmann::ordered_json& submission = report["submissions"][0];
    EXPECT_EQ(submission["submitter_id"], "06350719");
    EXPECT_EQ(submission["submitter_name"], "GGZ Maasoever");
    int explained = 0;
    for (const nlohmann::ordered_json& finding : submission["findings"]) {
        if (finding["explained"] == true) {
            ++explained;
            EXPECT_EQ(finding["explanation"], explanation_sample_text);
        } else {
            EXPECT_FALSE(finding.contains("explanation")) << finding.dump();
        }
    }
    EXPECT_EQ(explained, 1);
    // The key order of report-and-cli.md, with the name after the code.
    std::vector<std::string> keys;
    for (const auto& item : submission.items()) keys.push_back(item.key());
    EXPECT_EQ(keys[3], "submitter_id");
    EXPECT_EQ(keys[4], "submitter_name");
}

TEST(StewardReport, JsonSubmitterNameIsNullWhenUnknown) {
    const json report = json::parse(render_json_report(mixed_run(), render_options()));
    EXPECT_TRUE(report["submissions"][0]["submitter_name"].is_null());
    for (const json& finding : report["submissions"][0]["findings"]) {
        // Explained, but the run holds no text for it: no key rather than an empty one.
        EXPECT_FALSE(finding.contains("explanation")) << finding.dump();
    }
}

TEST(StewardReport, SarifJustificationIsTheSubmittersText) {
    const json sarif = json::parse(render_sarif_report(explained_run(), render_options()));
    int suppressed = 0;
    for (const json& result : sarif["runs"][0]["results"]) {
        if (!result.contains("suppressions")) continue;
        ++suppressed;
        EXPECT_EQ(result["suppressions"][0]["justification"], explanation_sample_text);
    }
    EXPECT_EQ(suppressed, 1);
    EXPECT_EQ(sarif["runs"][0]["artifacts"][0]["properties"]["submitter_name"], "GGZ Maasoever");
}

// The anchors GitHub gives the rule headings ("### `ID`") of docs/rules.md.
std::set<std::string> rule_reference_anchors() {
    std::ifstream in(source_dir / "docs" / "rules.md");
    std::set<std::string> anchors;
    const std::regex heading("^### `([^`]+)`$");
    std::smatch match;
    for (std::string line; std::getline(in, line);) {
        if (!std::regex_match(line, match, heading)) continue;
        std::string anchor;
        for (const char c : match[1].str()) {
            if (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_') {
                anchor += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            }
        }
        anchors.insert(anchor);
    }
    return anchors;
}

TEST(StewardReport, SarifRulesLinkToTheirSectionOfTheRuleReference) {
    EXPECT_EQ(rule_doc_anchor("capacity.occupancy"), "capacityoccupancy");
    EXPECT_EQ(rule_doc_anchor("document.duplicate-key"), "documentduplicate-key");
    const std::set<std::string> anchors = rule_reference_anchors();
    ASSERT_GT(anchors.size(), 20u);
    for (const Language language : {Language::en, Language::nl}) {
        const json sarif = json::parse(render_sarif_report(mixed_run(), render_options(language)));
        const json& rules = sarif["runs"][0]["tool"]["driver"]["rules"];
        ASSERT_FALSE(rules.empty());
        std::size_t linked = 0;
        for (const json& rule : rules) {
            // A rule the catalog does not know (mixed_run's batch.outlier) has its id only.
            if (!rule.contains("help")) {
                EXPECT_FALSE(rule.contains("helpUri")) << rule.dump();
                continue;
            }
            ++linked;
            const std::string uri = rule.at("helpUri");
            const std::size_t hash = uri.find('#');
            ASSERT_NE(hash, std::string::npos) << uri;
            EXPECT_NE(uri.find("rules.md#"), std::string::npos) << uri;
            EXPECT_EQ(anchors.count(uri.substr(hash + 1)), 1u) << uri << " has no section in docs/rules.md";
            const std::string help = rule.at("help").at("text");
            EXPECT_NE(help.find(language == Language::nl ? "Zo los je het op:" : "How to fix:"), std::string::npos)
                << help;
            EXPECT_NE(help.find(uri), std::string::npos) << help;
        }
        EXPECT_EQ(linked, shared_engine().catalog().entries().size());
    }
}

TEST(StewardReport, ValuesReadLikeTheMessage) {
    EXPECT_EQ(readable_value("<= 1.0", Language::en), "at most 1.00");
    EXPECT_EQ(readable_value("<= 1.0", Language::nl), "ten hoogste 1,00");
    EXPECT_EQ(readable_value(">= 42", Language::en), "at least 42");
    EXPECT_EQ(readable_value(">= 0.25", Language::nl), "ten minste 0,25");
    EXPECT_EQ(readable_value("< 3", Language::en), "less than 3");
    EXPECT_EQ(readable_value("> 2.5", Language::en), "more than 2.50");
    EXPECT_EQ(readable_value(1.0547, Language::en), "1.05");
    EXPECT_EQ(readable_value(1.0547, Language::nl), "1,05");
    EXPECT_EQ(readable_value(365, Language::nl), "365");
    EXPECT_EQ(readable_value("integer >= 0", Language::en), "integer >= 0");  // not a bound alone: as it is
    EXPECT_EQ(readable_value("<= x", Language::en), "<= x");
    EXPECT_EQ(readable_value("GM0363", Language::en), "GM0363");  // a string without quotes
    EXPECT_EQ(readable_value(json::array({1, 2}), Language::en), "[1,2]");
    EXPECT_EQ(readable_path("", report_labels(Language::en)), "(whole file)");
    EXPECT_EQ(readable_path("", report_labels(Language::nl)), "(heel bestand)");
    EXPECT_EQ(readable_path("/capacity/0", report_labels(Language::nl)), "/capacity/0");
}

TEST(StewardReport, HtmlSaysWhomItIsAboutAndShowsTheExplanation) {
    const RunReport run = explained_run();
    const std::string nl = render_html_report(run, render_options(Language::nl));
    EXPECT_NE(nl.find("<p class=\"subject\">Inzender: GGZ Maasoever (06350719) \u00b7 Jaar: 2017 \u00b7 Regelset: " +
                      run.submissions[0].ruleset + "</p>"),
              std::string::npos)
        << nl;
    EXPECT_NE(nl.find("<td>GGZ Maasoever (06350719)</td>"), std::string::npos);
    EXPECT_NE(nl.find("<span class=\"explanation\">Toelichting: " + explanation_sample_text + "</span>"),
              std::string::npos);
    // The rule's one-line description in Dutch under its id.
    const CatalogEntry* occupancy = shared_engine().catalog().find("capacity.occupancy");
    ASSERT_NE(occupancy, nullptr);
    EXPECT_NE(nl.find("<span class=\"rule-description\">" + occupancy->info.description_nl + "</span>"),
              std::string::npos);
    const std::string en = render_html_report(run, render_options(Language::en));
    EXPECT_NE(en.find("<p class=\"subject\">Submitter: GGZ Maasoever (06350719) \u00b7 Year: 2017"), std::string::npos);
    EXPECT_NE(en.find("<span class=\"rule-description\">" + occupancy->info.description + "</span>"),
              std::string::npos);
}

TEST(StewardReport, HtmlWithSeveralSubmittersNamesThemPerFile) {
    const std::string page = render_html_report(mixed_run(), render_options());
    EXPECT_EQ(page.find("class=\"subject\""), std::string::npos);  // two submitters: the files table names them
    EXPECT_NE(page.find("<td>06290101</td>"), std::string::npos);  // no name known: the code alone
}

TEST(StewardReport, HtmlExpectedActualAndWholeFileReadLikeTheMessage) {
    const std::string en = render_html_report(mixed_run(), render_options(Language::en));
    EXPECT_NE(en.find("<td>at most 1.00</td><td>1.05</td>"), std::string::npos) << en;
    EXPECT_NE(en.find("<td><code>(whole file)</code></td>"), std::string::npos);
    EXPECT_EQ(en.find("&quot;&lt;= 1.0&quot;"), std::string::npos);
    EXPECT_EQ(en.find("<code>&quot;&quot;</code>"), std::string::npos);
    const std::string nl = render_html_report(mixed_run(), render_options(Language::nl));
    EXPECT_NE(nl.find("<td>ten hoogste 1,00</td><td>1,05</td>"), std::string::npos);
    EXPECT_NE(nl.find("<td><code>(heel bestand)</code></td>"), std::string::npos);
    // Long paths may break after each '/' when printed.
    EXPECT_NE(en.find("<code><span class=\"seg\">/</span><span class=\"seg\">capacity/</span><span class=\"seg\">1/</span><span class=\"seg\">bed_days</span></code>"), std::string::npos);
}

TEST(StewardReport, HtmlPrintsOnA4WithTheFilterHidden) {
    const std::string page = render_html_report(mixed_run(), render_options());
    EXPECT_NE(page.find("@page { size: A4;"), std::string::npos);
    EXPECT_NE(page.find(".filter { display: none !important; }"), std::string::npos);
    EXPECT_NE(page.find("thead { display: table-header-group; }"), std::string::npos);
    EXPECT_NE(page.find("table-layout: fixed"), std::string::npos);
}

TEST(StewardReport, MarkdownShowsTheExplanationAndReadableValues) {
    const std::string md = render_markdown_report(explained_run(), render_options(Language::nl));
    EXPECT_NE(md.find("Toelichting: " + explanation_sample_text), std::string::npos) << md;
    const std::string mixed = render_markdown_report(mixed_run(), render_options(Language::en));
    EXPECT_NE(mixed.find("| at most 1.00 | 1.05 |"), std::string::npos) << mixed;
    EXPECT_NE(mixed.find("`(whole file)`"), std::string::npos);
}

}  // namespace
}  // namespace lmacheck
