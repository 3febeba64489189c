// ambulatory.basis-ggz-from-2014 (error): basic GGZ (basis-GGZ) products exist
// from `first_year` on; before it `basis_ggz_trajectories` is absent or 0.
// Reported at /ambulatory/basis_ggz_trajectories.
#include "ambulatory_rules.hpp"

#include "lmacheck/json_pointer.hpp"
#include "lmacheck/numeric.hpp"

namespace lmacheck::rules::ambulatory {
namespace {

class BasisGgzFrom2014Check final : public Check {
public:
    explicit BasisGgzFrom2014Check(const Options& options) : first_year_(options.integer("first_year")) {}

    void check(const Submission& submission, Reporter& reporter) const override {
        const long long year = submission.reporting_year();
        if (year >= first_year_) return;
        const auto& ambulatory = submission["ambulatory"];
        if (!ambulatory.contains("basis_ggz_trajectories")) return;
        const long long trajectories = count(ambulatory.at("basis_ggz_trajectories"));
        if (trajectories == 0) return;
        reporter.report(pointer("ambulatory", "basis_ggz_trajectories"), "before-first-year",
                        {{"trajectories", trajectories}, {"year", year}, {"first_year", first_year_}}, 0, trajectories);
    }

private:
    long long first_year_;
};

}  // namespace

std::unique_ptr<Rule> make_basis_ggz_from_2014_rule() {
    return std::make_unique<RuleOf<BasisGgzFrom2014Check>>(RuleInfo{
        .id = "ambulatory.basis-ggz-from-2014",
        .level = 1,
        .severity = Severity::error,
        .applies_to = Kind::institution,
        .description = "Basic GGZ trajectories are absent or 0 before basic GGZ existed (2014)",
        .description_nl = "Basis-GGZ-trajecten ontbreken of zijn 0 vóór het bestaan van de basis-GGZ (2014)",
        .options_schema = R"({
  "$schema": "http://json-schema.org/draft-07/schema#",
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "first_year": {
      "type": "integer", "minimum": 2008, "maximum": 2036, "default": 2014,
      "description": "first year in which basic GGZ products exist"
    }
  }
})",
        .messages = {{"before-first-year",
                      "basis_ggz_trajectories is {trajectories} in {year}, but basic GGZ exists only from "
                      "{first_year} on: expected absent or 0",
                      "basis_ggz_trajectories is {trajectories} in {year}, maar de basis-GGZ bestaat pas vanaf "
                      "{first_year}: verwacht afwezig of 0"}},
    });
}

}  // namespace lmacheck::rules::ambulatory
