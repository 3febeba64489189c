// financing.valid-for-year (error): `awbz_b`/`awbz_c` only up to
// `awbz_last_year`, `wlz`/`wmo_bw` only from the year after (the 2015 long-term
// care reform); `zvw` in every year. Reported at /capacity/N/financing.
// Only records are checked: capacity_totals' keys follow from the records, so
// a wrong stream there is the records' finding, not a second one.
#include "financing_rules.hpp"

#include "lmacheck/json_pointer.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>

namespace lmacheck::rules::financing {
namespace {

class ValidForYearCheck final : public Check {
public:
    explicit ValidForYearCheck(const Options& options) : awbz_last_year_(options.integer("awbz_last_year")) {}

    void check(const Submission& submission, Reporter& reporter) const override {
        const long long year = submission.reporting_year();
        const bool awbz_era = year <= awbz_last_year_;
        const nlohmann::json valid_streams =
            awbz_era ? nlohmann::json{"zvw", "awbz_b", "awbz_c"} : nlohmann::json{"zvw", "wlz", "wmo_bw"};

        const auto& capacity = submission["capacity"];
        for (std::size_t i = 0; i < capacity.size(); ++i) {
            const auto& financing = capacity[i].at("financing").get_ref<const std::string&>();
            const bool awbz = financing == "awbz_b" || financing == "awbz_c";
            const bool successor = financing == "wlz" || financing == "wmo_bw";
            if (awbz && !awbz_era) {
                reporter.report(pointer("capacity", i, "financing"), "awbz-ended",
                                {{"financing", financing}, {"last_year", awbz_last_year_}, {"year", year}},
                                valid_streams, financing);
            } else if (successor && awbz_era) {
                reporter.report(pointer("capacity", i, "financing"), "not-yet-introduced",
                                {{"financing", financing}, {"first_year", awbz_last_year_ + 1}, {"year", year}},
                                valid_streams, financing);
            }
        }
    }

private:
    long long awbz_last_year_;
};

}  // namespace

std::unique_ptr<Rule> make_valid_for_year_rule() {
    return std::make_unique<RuleOf<ValidForYearCheck>>(RuleInfo{
        .id = "financing.valid-for-year",
        .level = 1,
        .severity = Severity::error,
        .applies_to = Kind::institution,
        .description = "Each capacity record's financing stream exists in the reporting year",
        .description_nl = "De financieringsstroom van elk capaciteitsrecord bestaat in het verslagjaar",
        .options_schema = R"({
  "$schema": "http://json-schema.org/draft-07/schema#",
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "awbz_last_year": {
      "type": "integer", "minimum": 2007, "maximum": 2035, "default": 2014,
      "description": "last year of awbz_b and awbz_c; wlz and wmo_bw start the year after"
    }
  }
})",
        .messages = {{"awbz-ended", "financing {financing} ended after {last_year} and is not valid in {year}",
                      "financiering {financing} bestaat tot en met {last_year} en is niet geldig in {year}"},
                     {"not-yet-introduced",
                      "financing {financing} exists from {first_year} on and is not valid in {year}",
                      "financiering {financing} bestaat pas vanaf {first_year} en is niet geldig in {year}"}},
    });
}

}  // namespace lmacheck::rules::financing
