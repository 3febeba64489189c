// reference.municipality-code (error): a municipality code exists in the
// reference list for the reporting year (municipalities merge, so a code is
// valid for a range of years). Reported at the code's path:
// /locations/N/municipality_code (institution) or /submitter/municipality_code
// (municipality).
#include "reference_rules.hpp"

#include "lmacheck/json_pointer.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <utility>

namespace lmacheck::rules::reference {
namespace {

class MunicipalityCodeCheck final : public Check {
public:
    explicit MunicipalityCodeCheck(const Options&) {}

    void check(const Submission& submission, Reporter& reporter) const override {
        if (submission.kind() == Kind::institution) {
            const auto& locations = submission["locations"];
            for (std::size_t i = 0; i < locations.size(); ++i) {
                check_code(submission, reporter, locations[i], pointer("locations", i, "municipality_code"));
            }
        } else {
            check_code(submission, reporter, submission["submitter"], pointer("submitter", "municipality_code"));
        }
    }

private:
    static void check_code(const Submission& submission, Reporter& reporter, const nlohmann::json& holder,
                           std::string path) {
        const auto& code = holder.at("municipality_code").get_ref<const std::string&>();
        const int year = submission.reporting_year();
        if (submission.reference().municipality(code, year) != nullptr) return;
        // expected_en and expected_nl let the engine give the expectation in
        // the report's language (engine/finalize.cpp); `expected` is the English.
        const std::string expected = "a municipality code in the reference list for " + std::to_string(year);
        reporter.report(std::move(path), "unknown-code",
                        {{"code", code},
                         {"year", year},
                         {"expected_en", expected},
                         {"expected_nl", "een gemeentecode uit de referentielijst voor " + std::to_string(year)}},
                        expected, code);
    }
};

}  // namespace

std::unique_ptr<Rule> make_municipality_code_rule() {
    return std::make_unique<RuleOf<MunicipalityCodeCheck>>(RuleInfo{
        .id = "reference.municipality-code",
        .level = 1,
        .severity = Severity::error,
        .applies_to = std::nullopt,
        .description = "Municipality codes exist in the reference list for the reporting year",
        .description_nl = "Gemeentecodes staan in de referentielijst voor het verslagjaar",
        .options_schema = "",
        .messages = {{"unknown-code", "municipality code {code} is not in the reference list for {year}",
                      "gemeentecode {code} staat niet in de referentielijst voor {year}"}},
    });
}

}  // namespace lmacheck::rules::reference
