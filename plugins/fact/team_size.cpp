// fact.team-size (warning): fte per team between `min_fte_per_team` and
// `max_fte_per_team`, and clients per team between `min_clients_per_team` and
// `max_clients_per_team`. Reported at /fact/fte (FTE ratio) and /fact/clients
// (clients ratio). Skipped when `teams` is 0: fact.empty-teams covers that case.
#include "fact_rules.hpp"

#include "lmacheck/json_pointer.hpp"
#include "lmacheck/numeric.hpp"

namespace lmacheck::rules::fact {
namespace {

class TeamSizeCheck final : public Check {
public:
    explicit TeamSizeCheck(const Options& options)
        : fte_per_team_{options.number("min_fte_per_team"), options.number("max_fte_per_team"),
                        "fte-per-team-below-min", "fte-per-team-above-max"},
          clients_per_team_{options.number("min_clients_per_team"), options.number("max_clients_per_team"),
                            "clients-per-team-below-min", "clients-per-team-above-max"} {}

    void check(const Submission& submission, Reporter& reporter) const override {
        const auto& fact = submission["fact"];
        const long long teams = count(fact.at("teams"));
        if (teams == 0) return;

        const double fte = fact.at("fte").get<double>();
        const double fte_ratio = fte / static_cast<double>(teams);
        fte_per_team_.check(reporter, pointer("fact", "fte"), fte_ratio,
                            {{"fte_per_team", fte_ratio}, {"fte", fte}, {"teams", teams}});

        const long long clients = count(fact.at("clients"));
        const double clients_ratio = static_cast<double>(clients) / static_cast<double>(teams);
        clients_per_team_.check(reporter, pointer("fact", "clients"), clients_ratio,
                                {{"clients_per_team", clients_ratio}, {"clients", clients}, {"teams", teams}});
    }

private:
    Range fte_per_team_;
    Range clients_per_team_;
};

}  // namespace

std::unique_ptr<Rule> make_team_size_rule() {
    return std::make_unique<RuleOf<TeamSizeCheck>>(RuleInfo{
        .id = "fact.team-size",
        .level = 1,
        .severity = Severity::warning,
        .applies_to = Kind::institution,
        .description = "FTE and clients per FACT team are within range",
        .description_nl = "Fte en cliënten per FACT-team liggen binnen de grenzen",
        .options_schema = R"({
  "$schema": "http://json-schema.org/draft-07/schema#",
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "min_fte_per_team": {
      "type": "number", "minimum": 0, "default": 3,
      "description": "lowest accepted fte per team"
    },
    "max_fte_per_team": {
      "type": "number", "minimum": 0, "default": 25,
      "description": "highest accepted fte per team"
    },
    "min_clients_per_team": {
      "type": "number", "minimum": 0, "default": 50,
      "description": "lowest accepted clients per team"
    },
    "max_clients_per_team": {
      "type": "number", "minimum": 0, "default": 400,
      "description": "highest accepted clients per team"
    }
  }
})",
        .messages =
            {{"fte-per-team-below-min",
              "{fte_per_team} fte per team (fte {fte} / {teams} teams) is below the minimum {min}",
              "{fte_per_team} fte per team (fte {fte} / {teams} teams) ligt onder het minimum {min}"},
             {"fte-per-team-above-max",
              "{fte_per_team} fte per team (fte {fte} / {teams} teams) is above the maximum {max}",
              "{fte_per_team} fte per team (fte {fte} / {teams} teams) ligt boven het maximum {max}"},
             {"clients-per-team-below-min",
              "{clients_per_team} clients per team (clients {clients} / {teams} teams) is below the minimum {min}",
              "{clients_per_team} cliënten per team (cliënten {clients} / {teams} teams) ligt onder het minimum {min}"},
             {"clients-per-team-above-max",
              "{clients_per_team} clients per team (clients {clients} / {teams} teams) is above the maximum {max}",
              "{clients_per_team} cliënten per team (cliënten {clients} / {teams} teams) ligt boven het maximum "
              "{max}"}},
    });
}

}  // namespace lmacheck::rules::fact
