// reference.central-municipality (error): the submitter's `central_municipality`
// equals the reference list's central flag (centrumgemeente) for the reporting
// year. Reported at /submitter/central_municipality. Skipped for a code the
// reference list does not know: that is reference.municipality-code's finding.
#include "reference_rules.hpp"

#include "lmacheck/json_pointer.hpp"

#include <string>

namespace lmacheck::rules::reference {
namespace {

class CentralMunicipalityCheck final : public Check {
public:
    explicit CentralMunicipalityCheck(const Options&) {}

    void check(const Submission& submission, Reporter& reporter) const override {
        const auto& submitter = submission["submitter"];
        const auto& code = submitter.at("municipality_code").get_ref<const std::string&>();
        const int year = submission.reporting_year();
        const Municipality* municipality = submission.reference().municipality(code, year);
        if (municipality == nullptr) return;
        const bool claimed = submitter.at("central_municipality").get<bool>();
        if (claimed == municipality->central) return;
        reporter.report(pointer("submitter", "central_municipality"), claimed ? "claims-central" : "denies-central",
                        {{"name", municipality->name}, {"code", code}, {"year", year}}, municipality->central, claimed);
    }
};

}  // namespace

std::unique_ptr<Rule> make_central_municipality_rule() {
    return std::make_unique<RuleOf<CentralMunicipalityCheck>>(RuleInfo{
        .id = "reference.central-municipality",
        .level = 1,
        .severity = Severity::error,
        .applies_to = Kind::municipality,
        .description = "The submitter's central_municipality flag matches the reference list for the reporting year",
        .description_nl = "De vlag central_municipality van de aanleverende gemeente komt overeen met de "
                          "referentielijst voor het verslagjaar",
        .options_schema = "",
        .messages = {{"claims-central",
                      "central_municipality is true, but {name} ({code}) is not a central municipality in {year} "
                      "according to the reference list",
                      "central_municipality is true, maar {name} ({code}) is volgens de referentielijst in {year} "
                      "geen centrumgemeente"},
                     {"denies-central",
                      "central_municipality is false, but {name} ({code}) is a central municipality in {year} "
                      "according to the reference list",
                      "central_municipality is false, maar {name} ({code}) is volgens de referentielijst in {year} "
                      "een centrumgemeente"}},
    });
}

}  // namespace lmacheck::rules::reference
