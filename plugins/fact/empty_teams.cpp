// fact.empty-teams (error): `teams` 0 implies `fte` 0 and `clients` 0; staff or
// clients without a team cannot be FACT care. One finding per non-zero field,
// at /fact/fte and /fact/clients.
#include "fact_rules.hpp"

#include "lmacheck/json_pointer.hpp"
#include "lmacheck/numeric.hpp"

namespace lmacheck::rules::fact {
namespace {

class EmptyTeamsCheck final : public Check {
public:
    explicit EmptyTeamsCheck(const Options&) {}

    void check(const Submission& submission, Reporter& reporter) const override {
        const auto& fact = submission["fact"];
        if (count(fact.at("teams")) != 0) return;
        const double fte = fact.at("fte").get<double>();
        if (fte != 0.0) {
            reporter.report(pointer("fact", "fte"), "fte-without-teams", {{"fte", fte}}, 0, fte);
        }
        const long long clients = count(fact.at("clients"));
        if (clients != 0) {
            reporter.report(pointer("fact", "clients"), "clients-without-teams", {{"clients", clients}}, 0, clients);
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_empty_teams_rule() {
    return std::make_unique<RuleOf<EmptyTeamsCheck>>(RuleInfo{
        .id = "fact.empty-teams",
        .level = 1,
        .severity = Severity::error,
        .applies_to = Kind::institution,
        .description = "Without FACT teams, FACT fte and clients are 0",
        .description_nl = "Zonder FACT-teams zijn de FACT-fte en -cliënten 0",
        .options_schema = "",
        .messages = {{"fte-without-teams", "fte is {fte} while teams is 0: expected 0",
                      "fte is {fte} terwijl er 0 teams zijn: verwacht 0"},
                     {"clients-without-teams", "clients is {clients} while teams is 0: expected 0",
                      "het aantal cliënten is {clients} terwijl er 0 teams zijn: verwacht 0"}},
    });
}

}  // namespace lmacheck::rules::fact
