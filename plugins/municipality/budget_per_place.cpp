// municipality.budget-per-place (warning): the sheltered-housing budget per
// place, `budget_eur / places`, lies between `min_eur` and `max_eur`.
// Reported at /sheltered_housing/budget_eur. Skipped without sheltered_housing
// (municipality.sheltered-housing-required's concern) and when `places` is 0.
#include "municipality_rules.hpp"

#include "lmacheck/json_pointer.hpp"
#include "lmacheck/numeric.hpp"

namespace lmacheck::rules::municipality {
namespace {

class BudgetPerPlaceCheck final : public Check {
public:
    explicit BudgetPerPlaceCheck(const Options& options)
        : range_{options.number("min_eur"), options.number("max_eur"), "budget-per-place-below-min",
                 "budget-per-place-above-max"} {}

    void check(const Submission& submission, Reporter& reporter) const override {
        if (!submission.has("sheltered_housing")) return;
        const auto& housing = submission["sheltered_housing"];
        const double places = housing.at("places").get<double>();
        if (places == 0.0) return;
        const double budget = housing.at("budget_eur").get<double>();
        const double per_place = budget / places;
        range_.check(reporter, pointer("sheltered_housing", "budget_eur"), per_place,
                     {{"budget_per_place", per_place}, {"budget_eur", budget}, {"places", places}});
    }

private:
    Range range_;
};

}  // namespace

std::unique_ptr<Rule> make_budget_per_place_rule() {
    return std::make_unique<RuleOf<BudgetPerPlaceCheck>>(RuleInfo{
        .id = "municipality.budget-per-place",
        .level = 1,
        .severity = Severity::warning,
        .applies_to = Kind::municipality,
        .description = "Sheltered-housing budget per place is within range",
        .description_nl = "Het budget beschermd wonen per plaats ligt binnen de grenzen",
        .options_schema = R"({
  "$schema": "http://json-schema.org/draft-07/schema#",
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "min_eur": {
      "type": "number", "minimum": 0, "default": 20000,
      "description": "lowest accepted budget per place, in euros"
    },
    "max_eur": {
      "type": "number", "minimum": 0, "default": 150000,
      "description": "highest accepted budget per place, in euros"
    }
  }
})",
        .messages = {{"budget-per-place-below-min",
                      "budget per place EUR {budget_per_place} (budget_eur {budget_eur} / places {places}) "
                      "is below the minimum EUR {min}",
                      "budget per plaats € {budget_per_place} (budget € {budget_eur} / plaatsen {places}) "
                      "ligt onder het minimum € {min}"},
                     {"budget-per-place-above-max",
                      "budget per place EUR {budget_per_place} (budget_eur {budget_eur} / places {places}) "
                      "is above the maximum EUR {max}",
                      "budget per plaats € {budget_per_place} (budget € {budget_eur} / plaatsen {places}) "
                      "ligt boven het maximum € {max}"}},
    });
}

}  // namespace lmacheck::rules::municipality
