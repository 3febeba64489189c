// fact.certified-within-teams (error): `certified_teams <= teams`; a CCAF
// certificate belongs to one of the institution's FACT teams.
// Reported at /fact/certified_teams.
#include "fact_rules.hpp"

#include "lmacheck/json_pointer.hpp"
#include "lmacheck/numeric.hpp"

namespace lmacheck::rules::fact {
namespace {

class CertifiedWithinTeamsCheck final : public Check {
public:
    explicit CertifiedWithinTeamsCheck(const Options&) {}

    void check(const Submission& submission, Reporter& reporter) const override {
        const auto& fact = submission["fact"];
        const long long teams = count(fact.at("teams"));
        const long long certified = count(fact.at("certified_teams"));
        if (certified <= teams) return;
        reporter.report(pointer("fact", "certified_teams"), "more-certified-than-teams",
                        {{"certified_teams", certified}, {"teams", teams}}, bound("<=", teams), certified);
    }
};

}  // namespace

std::unique_ptr<Rule> make_certified_within_teams_rule() {
    return std::make_unique<RuleOf<CertifiedWithinTeamsCheck>>(RuleInfo{
        .id = "fact.certified-within-teams",
        .level = 1,
        .severity = Severity::error,
        .applies_to = Kind::institution,
        .description = "Certified FACT teams are not more than FACT teams",
        .description_nl = "Er zijn niet meer gecertificeerde FACT-teams dan FACT-teams",
        .options_schema = "",
        .messages = {{"more-certified-than-teams", "certified_teams {certified_teams} is more than teams {teams}",
                      "het aantal gecertificeerde teams {certified_teams} is groter dan het aantal teams {teams}"}},
    });
}

}  // namespace lmacheck::rules::fact
