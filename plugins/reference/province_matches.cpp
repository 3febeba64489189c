// reference.province-matches (error): a location's `province` is the province
// of its municipality in the reporting year. Reported at /locations/N/province.
// Skipped for a code the reference list does not know: that is
// reference.municipality-code's finding.
#include "reference_rules.hpp"

#include "lmacheck/json_pointer.hpp"

#include <cstddef>
#include <string>

namespace lmacheck::rules::reference {
namespace {

class ProvinceMatchesCheck final : public Check {
public:
    explicit ProvinceMatchesCheck(const Options&) {}

    void check(const Submission& submission, Reporter& reporter) const override {
        const int year = submission.reporting_year();
        const auto& locations = submission["locations"];
        for (std::size_t i = 0; i < locations.size(); ++i) {
            const auto& location = locations[i];
            const auto& code = location.at("municipality_code").get_ref<const std::string&>();
            const Municipality* municipality = submission.reference().municipality(code, year);
            if (municipality == nullptr) continue;
            const auto& province = location.at("province").get_ref<const std::string&>();
            if (province == municipality->province) continue;
            reporter.report(pointer("locations", i, "province"), "province-mismatch",
                            {{"province", province},
                             {"name", municipality->name},
                             {"code", code},
                             {"year", year},
                             {"expected_province", municipality->province}},
                            municipality->province, province);
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_province_matches_rule() {
    return std::make_unique<RuleOf<ProvinceMatchesCheck>>(RuleInfo{
        .id = "reference.province-matches",
        .level = 1,
        .severity = Severity::error,
        .applies_to = Kind::institution,
        .description = "A location's province is its municipality's province in the reporting year",
        .description_nl = "De provincie van een locatie is de provincie van haar gemeente in het verslagjaar",
        .options_schema = "",
        .messages =
            {{"province-mismatch",
              "province {province} does not match {name} ({code}), which lies in {expected_province} in {year}",
              "provincie {province} klopt niet bij {name} ({code}), dat in {year} in {expected_province} ligt"}},
    });
}

}  // namespace lmacheck::rules::reference
