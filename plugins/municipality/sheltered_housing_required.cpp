// municipality.sheltered-housing-required (error): a central municipality
// reports `sheltered_housing`. Central by the reference list; by the
// submitter's own claim when the code is unknown (the unknown code is
// reference.municipality-code's finding, and the claim is the best knowledge
// left). Reported at "" because the finding is about a missing key.
#include "municipality_rules.hpp"

#include "lmacheck/json_pointer.hpp"

#include <string>

namespace lmacheck::rules::municipality {
namespace {

class ShelteredHousingRequiredCheck final : public Check {
public:
    explicit ShelteredHousingRequiredCheck(const Options&) {}

    void check(const Submission& submission, Reporter& reporter) const override {
        if (submission.has("sheltered_housing")) return;
        const auto& submitter = submission["submitter"];
        const auto& code = submitter.at("municipality_code").get_ref<const std::string&>();
        const int year = submission.reporting_year();
        if (const Municipality* known = submission.reference().municipality(code, year)) {
            if (!known->central) return;
            reporter.report(pointer(), "missing-by-reference", {{"name", known->name}, {"code", code}, {"year", year}},
                            "present", "absent");
        } else if (submitter.at("central_municipality").get<bool>()) {
            reporter.report(pointer(), "missing-by-claim", {{"code", code}}, "present", "absent");
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_sheltered_housing_required_rule() {
    return std::make_unique<RuleOf<ShelteredHousingRequiredCheck>>(RuleInfo{
        .id = "municipality.sheltered-housing-required",
        .level = 1,
        .severity = Severity::error,
        .applies_to = Kind::municipality,
        .description = "A central municipality reports sheltered_housing",
        .description_nl = "Een centrumgemeente levert sheltered_housing (beschermd wonen) aan",
        .options_schema = "",
        .messages = {{"missing-by-reference",
                      "{name} ({code}) is a central municipality in {year}, so sheltered_housing is required, "
                      "but it is absent",
                      "{name} ({code}) is in {year} een centrumgemeente, dus sheltered_housing is verplicht, "
                      "maar het ontbreekt"},
                     {"missing-by-claim",
                      "{code} declares itself a central municipality (central_municipality is true), so "
                      "sheltered_housing is required, but it is absent",
                      "{code} geeft aan centrumgemeente te zijn (central_municipality is true), dus "
                      "sheltered_housing is verplicht, maar het ontbreekt"}},
    });
}

}  // namespace lmacheck::rules::municipality
