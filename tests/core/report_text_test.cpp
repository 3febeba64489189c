// The text report: `FILE:LINE:COL: SEVERITY: MESSAGE [RULE] at PATH` per
// finding, with SEVERITY and `at` the same in every language (editors and
// CI annotation matchers parse them); the status and summary lines follow
// --lang.
#include "report_test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace lmacheck {
namespace {

using namespace lmacheck::testing;

// hostile_text as the text report prints it: control characters and bytes
// that are not UTF-8 escaped, the rest as it is.
const std::string hostile_text_escaped = "<script>alert(\"x\")</script> & 'q' | `tick` \\u0001 end\\xFF";

std::string text(const RunReport& run, Language language = Language::en, bool color = false) {
    RenderOptions options = render_options(language);
    options.color = color;
    return render_text_report(run, options);
}

TEST(TextReport, EnglishLinesLikeACompiler) {
    EXPECT_EQ(text(mixed_run()),
              "uploads/a & b.json: warning: far from the others [batch.outlier] at \"\"\n"
              "uploads/a & b.json: info: explanation for x at /y matches no finding [explanation.unused] at \"\"\n"
              "uploads/a & b.json:12:7: error: bad value " + hostile_text_escaped +
                  " [schema.structure] at /capacity/0/beds\n"
              "uploads/a & b.json:30:19: warning: occupancy 1.05 is above the maximum 1.00 [capacity.occupancy] at "
              "/capacity/1/bed_days\n"
              "uploads/a & b.json:40:19: warning: occupancy 1.10 is above the maximum 1.00 (explained) "
              "[capacity.occupancy] at /capacity/2/bed_days\n"
              "uploads/a & b.json: rejected (1 error, 2 warnings, 1 explained, 1 info); 1 rule skipped: "
              "no --store given\n"
              "uploads/ok.json: accepted (0 errors, 0 warnings, 0 explained, 0 info)\n"
              "2 submissions: 1 accepted, 1 rejected; 1 error, 2 warnings, 1 explained\n");
}

// Dutch: the message area (here the explained mark; messages come from the
// engine in the run's language) and the status and summary lines are
// translated, the severity and `at` are not.
TEST(TextReport, DutchKeepsTheFixedTokensOfFindingLines) {
    EXPECT_EQ(text(mixed_run(), Language::nl),
              "uploads/a & b.json: warning: far from the others [batch.outlier] at \"\"\n"
              "uploads/a & b.json: info: explanation for x at /y matches no finding [explanation.unused] at \"\"\n"
              "uploads/a & b.json:12:7: error: bad value " + hostile_text_escaped +
                  " [schema.structure] at /capacity/0/beds\n"
              "uploads/a & b.json:30:19: warning: occupancy 1.05 is above the maximum 1.00 [capacity.occupancy] at "
              "/capacity/1/bed_days\n"
              "uploads/a & b.json:40:19: warning: occupancy 1.10 is above the maximum 1.00 (toegelicht) "
              "[capacity.occupancy] at /capacity/2/bed_days\n"
              "uploads/a & b.json: afgewezen (1 fout, 2 waarschuwingen, 1 toegelicht, 1 info); 1 regel "
              "overgeslagen: no --store given\n"
              "uploads/ok.json: geaccepteerd (0 fouten, 0 waarschuwingen, 0 toegelicht, 0 info)\n"
              "2 inzendingen: 1 geaccepteerd, 1 afgewezen; 1 fout, 2 waarschuwingen, 1 toegelicht\n");
}

// Control characters in a file name, a message, a path or a skip reason are
// printed escaped: no terminal sequence, no extra line a CI matcher reads.
TEST(TextReport, ControlCharactersAreEscaped) {
    RunReport run = mixed_run();
    SubmissionReport& s = run.submissions.at(0);
    s.file = "a\x1b[31m\nb.json:1:1: error: forged \xC2\x9B\xE2\x80\xAE\xFF.json";
    s.findings.at(0).message = "key \"x\ny\" \x7F \u00e9";
    s.findings.at(0).path = "/x\ty";
    s.skipped_rules.front().reason = "why\r";
    const std::string out = text(run);
    const std::string file = "a\\u001B[31m\\u000Ab.json:1:1: error: forged \\u009B\\u202E\\xFF.json";
    EXPECT_NE(out.find(file + ": warning: key \"x\\u000Ay\" \\u007F \u00e9 [batch.outlier] at /x\\u0009y\n"),
              std::string::npos)
        << out;
    EXPECT_NE(out.find(file + ": rejected ("), std::string::npos) << out;
    EXPECT_NE(out.find("1 rule skipped: why\\u000D\n"), std::string::npos) << out;
    EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 8) << out;
    EXPECT_EQ(out.find('\x1b'), std::string::npos) << out;
}

// A workbook finding's cell names a sheet, and the sheet name comes from
// the file: a newline or ESC in it is escaped like the file name, never a
// forged line or a terminal command.
TEST(TextReport, SheetNameInACellIsPrintable) {
    RunReport run = mixed_run();
    run.submissions.at(0).findings.at(0).position = SourcePosition{0, 0, "s\nx.json: error: forged\x1b[31m!B2"};
    const std::string out = text(run);
    EXPECT_NE(out.find("uploads/a & b.json:s\\u000Ax.json: error: forged\\u001B[31m!B2: warning: far from the others"),
              std::string::npos)
        << out;
    EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 8) << out;
    EXPECT_EQ(out.find('\x1b'), std::string::npos) << out;
}

// On a terminal the severity is coloured, and still the plain word.
TEST(TextReport, ColourWrapsTheSeverityWord) {
    const std::string out = text(mixed_run(), Language::nl, true);
    EXPECT_NE(out.find("uploads/a & b.json:40:19: \x1b[1;33mwarning\x1b[0m: occupancy 1.10 is above the maximum 1.00 "
                       "(toegelicht) [capacity.occupancy] at /capacity/2/bed_days\n"),
              std::string::npos)
        << out;
    EXPECT_NE(out.find("uploads/a & b.json:12:7: \x1b[1;31merror\x1b[0m: bad value "), std::string::npos);
    EXPECT_NE(out.find("uploads/ok.json: \x1b[1;32mgeaccepteerd\x1b[0m (0 fouten"), std::string::npos);
}

}  // namespace
}  // namespace lmacheck
