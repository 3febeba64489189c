// Numbers in messages: two decimals (a decimal comma in Dutch), and huge
// values in scientific notation instead of hundreds of digits.
#include "model/messages.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace lmacheck {
namespace {

TEST(FormatNumber, TwoDecimalsWithTheLanguagesDecimalSeparator) {
    EXPECT_EQ(format_number(12.345, Language::en), "12.35");
    EXPECT_EQ(format_number(12.345, Language::nl), "12,35");
    EXPECT_EQ(format_number(-0.5, Language::en), "-0.50");
    EXPECT_EQ(format_number(999999999999999.0, Language::en), "999999999999999.00");
}

TEST(FormatNumber, HugeValuesInScientificNotation) {
    EXPECT_EQ(format_number(1.7e308, Language::en), "1.7e+308");
    EXPECT_EQ(format_number(-2.5e20, Language::nl), "-2,5e+20");
    EXPECT_EQ(format_number(std::numeric_limits<double>::infinity(), Language::en), "inf");
}

TEST(RenderMessage, FillsArgumentsByName) {
    const std::vector<MessageTemplate> templates = {{"m", "{a} of {b}", "{a} van {b}"}};
    EXPECT_EQ(render_message(templates, "m", {{"a", 1.5}, {"b", "x"}}, Language::nl), "1,50 van x");
    EXPECT_EQ(render_message(templates, "m", {{"a", 2}, {"b", 1e300}}, Language::en), "2 of 1e+300");
}

// Braces that are no placeholder of the message stay as they are, the
// innermost of nested ones is filled, and the text around placeholders is
// kept whole at both ends.
TEST(RenderMessage, LeavesWhatIsNoPlaceholderAsWritten) {
    const std::vector<MessageTemplate> templates = {{"m", "{{a}} {x} {a}{ {", ""},
                                                    {"plain", "no placeholders at all", ""},
                                                    {"edges", "{a}middle{a}", ""},
                                                    {"empty", "{}", ""}};
    const MessageArgs args = {{"a", 1}};
    EXPECT_EQ(render_message(templates, "m", args, Language::en), "{1} {x} 1{ {");
    EXPECT_EQ(render_message(templates, "plain", args, Language::nl), "no placeholders at all");
    EXPECT_EQ(render_message(templates, "edges", args, Language::en), "1middle1");
    EXPECT_EQ(render_message(templates, "empty", args, Language::en), "{}");
    EXPECT_EQ(render_message(templates, "absent", args, Language::en), "[missing message absent]");
}

}  // namespace
}  // namespace lmacheck
