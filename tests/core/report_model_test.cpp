// The deterministic order of findings and the counts of a report.
#include "model/messages.hpp"
#include "model/report_model.hpp"

#include <gtest/gtest.h>

namespace lmacheck {
namespace {

TEST(PointerOrder, ComparesTokensOneByOneWithNumericIndices) {
    EXPECT_LT(compare_pointers("/capacity/2", "/capacity/10"), 0);
    EXPECT_LT(compare_pointers("", "/capacity"), 0);
    EXPECT_LT(compare_pointers("/capacity", "/capacity/0"), 0);
    EXPECT_LT(compare_pointers("/capacity/9/places", "/capacity/10/bed_days"), 0);
    EXPECT_LT(compare_pointers("/capacity/0", "/capacity_totals"), 0);
    EXPECT_EQ(compare_pointers("/a/b", "/a/b"), 0);
    EXPECT_LT(compare_pointers("/a/99999999999999999999", "/a/100000000000000000000"), 0);
    EXPECT_GT(compare_pointers("/fact/fte", "/fact/clients"), 0);
}

TEST(FindingOrder, PathThenRuleThenMessage) {
    Finding a{"b.rule", Severity::error, 1, "/x/2", "m", {}, {}, false, {}, {}};
    Finding b{"a.rule", Severity::error, 1, "/x/10", "m", {}, {}, false, {}, {}};
    Finding c{"a.rule", Severity::error, 1, "/x/10", "n", {}, {}, false, {}, {}};
    EXPECT_TRUE(finding_order(a, b));
    EXPECT_TRUE(finding_order(b, c));
    EXPECT_FALSE(finding_order(c, b));
}

TEST(Counts, ExplainedWarningsAreCountedApart) {
    std::vector<Finding> findings(4);
    findings[0].severity = Severity::error;
    findings[1].severity = Severity::warning;
    findings[2].severity = Severity::warning;
    findings[2].explained = true;
    findings[3].severity = Severity::info;
    const FindingCounts counts = count_findings(findings);
    EXPECT_EQ(counts.error, 1);
    EXPECT_EQ(counts.warning, 1);
    EXPECT_EQ(counts.explained, 1);
    EXPECT_EQ(counts.info, 1);
}

TEST(Messages, PlaceholdersNumbersAndLanguages) {
    const std::vector<MessageTemplate> templates{{"above", "occupancy {value} is above {max} ({count} beds)",
                                                  "bezettingsgraad {value} ligt boven {max} ({count} bedden)"}};
    const MessageArgs args{{"value", 1.0712}, {"max", 1.0}, {"count", 12}};
    EXPECT_EQ(render_message(templates, "above", args, Language::en), "occupancy 1.07 is above 1.00 (12 beds)");
    EXPECT_EQ(render_message(templates, "above", args, Language::nl), "bezettingsgraad 1,07 ligt boven 1,00 (12 bedden)");
    EXPECT_EQ(render_message(templates, "nope", args, Language::en), "[missing message nope]");
    EXPECT_EQ(render_message(templates, "above", {}, Language::en), "occupancy {value} is above {max} ({count} beds)");
}

}  // namespace
}  // namespace lmacheck
