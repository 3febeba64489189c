// The text report: `FILE:LINE:COL: SEVERITY: MESSAGE [RULE] at PATH` per
// finding, with SEVERITY and `at` the same in every language (editors and
// CI annotation matchers parse them); the status and summary lines follow
// --lang.
#include "report_test_support.hpp"

#include <gtest/gtest.h>

namespace lmacheck {
namespace {

using namespace lmacheck::testing;

std::string text(const RunReport& run, Language language = Language::en, bool color = false) {
    RenderOptions options = render_options(language);
    options.color = color;
    return render_text_report(run, options);
}

TEST(TextReport, EnglishLinesLikeACompiler) {
    EXPECT_EQ(text(mixed_run()),
              "uploads/a & b.json: warning: far from the others [batch.outlier] at \"\"\n"
              "uploads/a & b.json: info: explanation for x at /y matches no finding [explanation.unused] at \"\"\n"
              "uploads/a & b.json:12:7: error: bad value " + hostile_text + " [schema.structure] at /capacity/0/beds\n"
              "uploads/a & b.json:30:19: warning: occupancy 1.05 is above the maximum 1.00 [capacity.occupancy] at "
              "/capacity/1/bed_days\n"
              "uploads/a & b.json:40:19: warning: occupancy 1.10 is above the maximum 1.00 (explained) "
              "[capacity.occupancy] at /capacity/2/bed_days\n"
              "uploads/a & b.json: rejected (1 errors, 2 warnings, 1 explained, 1 info); 1 rules skipped: "
              "no --store given\n"
              "uploads/ok.json: accepted (0 errors, 0 warnings, 0 explained, 0 info)\n"
              "2 submissions: 1 accepted, 1 rejected; 1 errors, 2 warnings, 1 explained\n");
}

// Dutch: the message area (here the explained mark; messages come from the
// engine in the run's language) and the status and summary lines are
// translated, the severity and `at` are not.
TEST(TextReport, DutchKeepsTheFixedTokensOfFindingLines) {
    EXPECT_EQ(text(mixed_run(), Language::nl),
              "uploads/a & b.json: warning: far from the others [batch.outlier] at \"\"\n"
              "uploads/a & b.json: info: explanation for x at /y matches no finding [explanation.unused] at \"\"\n"
              "uploads/a & b.json:12:7: error: bad value " + hostile_text + " [schema.structure] at /capacity/0/beds\n"
              "uploads/a & b.json:30:19: warning: occupancy 1.05 is above the maximum 1.00 [capacity.occupancy] at "
              "/capacity/1/bed_days\n"
              "uploads/a & b.json:40:19: warning: occupancy 1.10 is above the maximum 1.00 (toegelicht) "
              "[capacity.occupancy] at /capacity/2/bed_days\n"
              "uploads/a & b.json: afgewezen (1 fouten, 2 waarschuwingen, 1 toegelicht, 1 info); 1 regels "
              "overgeslagen: no --store given\n"
              "uploads/ok.json: geaccepteerd (0 fouten, 0 waarschuwingen, 0 toegelicht, 0 info)\n"
              "2 inzendingen: 1 geaccepteerd, 1 afgewezen; 1 fouten, 2 waarschuwingen, 1 toegelicht\n");
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
