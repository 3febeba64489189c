// register.fact-certified (error) and register.fact-certified-unreported
// (info): `fact.certified_teams` against the teams the CCAF register lists as
// certified for the institution (AGB code) on 31 December of the reporting
// year. More teams than the register lists is an error; fewer is only worth
// knowing (a team may have been certified after the submission was made).
//
// The catalog has one severity per rule, so the two directions are two rules
// reading the same register. A team counts when
// certified_from <= YEAR-12-31 <= certified_until (until absent: still
// certified); a team listed twice (a renewal) counts once. An institution the
// register does not list has no certified team. Without the register
// (rules/registers/ccaf.json) the engine skips both rules with that reason.
// Level 4, against a register, as issue 14 numbers it; the engine runs a
// level-4 rule on one submission at a time, like a level-1 rule.
#include "register_rules.hpp"

#include "lmacheck/numeric.hpp"

#include <set>
#include <stdexcept>
#include <string>

namespace lmacheck::rules::registers {
namespace {

constexpr const char* ccaf = "ccaf";

// The distinct teams of `agb_code` the register lists as certified on `day` ("YYYY-12-31").
long long certified_on(const nlohmann::json& reg, const std::string& agb_code, const std::string& day) {
    std::set<std::string> teams;
    for (const nlohmann::json& team : reg.at("teams")) {
        if (team.at("agb_code").get_ref<const std::string&>() != agb_code) continue;
        // ISO dates compare as strings
        if (team.at("certified_from").get_ref<const std::string&>() > day) continue;
        const auto until = team.find("certified_until");
        if (until != team.end() && until->get_ref<const std::string&>() < day) continue;
        teams.insert(team.at("team").get<std::string>());
    }
    return static_cast<long long>(teams.size());
}

enum class Direction { above, below };

template <Direction direction>
class FactCertifiedCheck final : public Check {
public:
    explicit FactCertifiedCheck(const Options&) {}

    void check(const Submission& submission, Reporter& reporter) const override {
        const nlohmann::json* reg = submission.reference().register_data(ccaf);
        if (reg == nullptr) throw std::logic_error("the CCAF register is not loaded");  // the engine skips us then
        const int year = submission.reporting_year();
        const std::string agb = submission["submitter"].at("agb_code").get<std::string>();
        const long long listed = certified_on(*reg, agb, std::to_string(year) + "-12-31");
        const long long reported = count(submission["fact"].at("certified_teams"));
        const bool fires = direction == Direction::above ? reported > listed : reported < listed;
        if (!fires) return;
        reporter.report("/fact/certified_teams", direction == Direction::above ? "above" : "below",
                        {{"reported", reported}, {"listed", listed}, {"year", year}}, listed, reported);
    }
};

std::string description(Direction direction) {
    return direction == Direction::above
               ? "Certified FACT teams are not more than the CCAF register lists on 31 December"
               : "Certified FACT teams are not fewer than the CCAF register lists on 31 December";
}

}  // namespace

std::unique_ptr<Rule> make_fact_certified_rule() {
    return std::make_unique<RuleOf<FactCertifiedCheck<Direction::above>>>(RuleInfo{
        .id = "register.fact-certified",
        .level = 4,
        .severity = Severity::error,
        .applies_to = Kind::institution,
        .description = description(Direction::above),
        .description_nl = "Gecertificeerde FACT-teams zijn er niet meer dan het CCAF-register op 31 december noemt",
        .options_schema = "",
        .messages = {{"above",
                      "{reported} certified FACT teams reported, but the CCAF register lists {listed} certified on "
                      "31 December {year}",
                      "{reported} gecertificeerde FACT-teams gemeld, maar het CCAF-register noemt er {listed} "
                      "gecertificeerd op 31 december {year}"}},
        .registers = {ccaf},
    });
}

std::unique_ptr<Rule> make_fact_certified_unreported_rule() {
    return std::make_unique<RuleOf<FactCertifiedCheck<Direction::below>>>(RuleInfo{
        .id = "register.fact-certified-unreported",
        .level = 4,
        .severity = Severity::info,
        .applies_to = Kind::institution,
        .description = description(Direction::below),
        .description_nl = "Gecertificeerde FACT-teams zijn er niet minder dan het CCAF-register op 31 december noemt",
        .options_schema = "",
        .messages = {{"below",
                      "{reported} certified FACT teams reported, fewer than the {listed} the CCAF register lists as "
                      "certified on 31 December {year}",
                      "{reported} gecertificeerde FACT-teams gemeld, minder dan de {listed} die het CCAF-register "
                      "gecertificeerd noemt op 31 december {year}"}},
        .registers = {ccaf},
    });
}

}  // namespace lmacheck::rules::registers
