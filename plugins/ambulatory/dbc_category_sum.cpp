// dbc.category-sum (error): each coarse subtotal of the closed DBC trajectories
// is the sum of its fine minute categories, and `total` is the sum of the
// subtotals. Reported at /ambulatory/dbc_trajectories/subtotals/C or
// /ambulatory/dbc_trajectories/total.
// The total is compared with the subtotals as reported, not as recomputed: a
// wrong subtotal is its own finding, and the total gets one only if it does
// not match what the submitter put directly below it.
#include "ambulatory_rules.hpp"

#include "lmacheck/json_pointer.hpp"
#include "lmacheck/numeric.hpp"

#include <span>
#include <string>

namespace lmacheck::rules::ambulatory {
namespace {

struct CoarseCategory {
    const char* name;
    const char* fine_text;  // the fine categories as the message names them
    std::span<const char* const> fine;
};

constexpr const char* light[] = {"min_0_249", "min_250_799", "min_800_1799"};
constexpr const char* middle[] = {"min_1800_2999", "min_3000_5999"};
constexpr const char* intensive[] = {"min_6000_11999", "min_12000_17999", "min_18000_27999", "min_28000_plus"};

// The coarse categories the monitor publishes (submission-format.md).
constexpr CoarseCategory coarse_categories[] = {
    {"min_0_1799", "min_0_249 + min_250_799 + min_800_1799", light},
    {"min_1800_5999", "min_1800_2999 + min_3000_5999", middle},
    {"min_6000_plus", "min_6000_11999 + min_12000_17999 + min_18000_27999 + min_28000_plus", intensive},
};

class DbcCategorySumCheck final : public Check {
public:
    explicit DbcCategorySumCheck(const Options&) {}

    void check(const Submission& submission, Reporter& reporter) const override {
        const auto& dbc = submission["ambulatory"].at("dbc_trajectories");
        const auto& fine = dbc.at("minute_categories");
        const auto& subtotals = dbc.at("subtotals");

        long long subtotal_sum = 0;
        for (const auto& coarse : coarse_categories) {
            long long sum = 0;
            for (const char* category : coarse.fine) sum = add_counts(sum, count(fine.at(category)));
            const long long reported = count(subtotals.at(coarse.name));
            subtotal_sum = add_counts(subtotal_sum, reported);
            if (reported == sum) continue;
            reporter.report(
                pointer("ambulatory", "dbc_trajectories", "subtotals", coarse.name), "subtotal-mismatch",
                {{"category", coarse.name}, {"reported", reported}, {"categories", coarse.fine_text}, {"sum", sum}},
                sum, reported);
        }

        const long long total = count(dbc.at("total"));
        if (total != subtotal_sum) {
            reporter.report(pointer("ambulatory", "dbc_trajectories", "total"), "total-mismatch",
                            {{"reported", total}, {"sum", subtotal_sum}}, subtotal_sum, total);
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_dbc_category_sum_rule() {
    return std::make_unique<RuleOf<DbcCategorySumCheck>>(RuleInfo{
        .id = "dbc.category-sum",
        .level = 1,
        .severity = Severity::error,
        .applies_to = Kind::institution,
        .description = "Each DBC subtotal is the sum of its minute categories; the total is the sum of the subtotals",
        .description_nl =
            "Elk DBC-subtotaal is de som van zijn minutencategorieën; het totaal is de som van de subtotalen",
        .options_schema = "",
        .messages = {{"subtotal-mismatch", "subtotal {category} {reported} does not equal {categories} = {sum}",
                      "subtotaal {category} {reported} is niet gelijk aan {categories} = {sum}"},
                     {"total-mismatch", "total {reported} does not equal the sum of the subtotals {sum}",
                      "totaal {reported} is niet gelijk aan de som van de subtotalen {sum}"}},
    });
}

}  // namespace lmacheck::rules::ambulatory
