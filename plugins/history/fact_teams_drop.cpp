// history.fact-teams-drop (warning): fewer CCAF-certified FACT teams than in
// the previous accepted year. Reported at /fact/certified_teams.
#include "history_rules.hpp"

#include "lmacheck/json_pointer.hpp"
#include "lmacheck/numeric.hpp"

namespace lmacheck::rules::history {
namespace {

long long certified_teams(const nlohmann::json& document) { return count(document.at("fact").at("certified_teams")); }

class FactTeamsDropCheck final : public Check {
public:
    explicit FactTeamsDropCheck(const Options&) {}

    void check(const Submission& submission, Reporter& reporter) const override {
        const PreviousSubmission& previous = *submission.previous();
        const long long teams = certified_teams(submission.document());
        const long long was = certified_teams(previous.document());
        if (teams >= was) return;
        reporter.report(pointer("fact", "certified_teams"), "fewer",
                        {{"certified_teams", teams},
                         {"year", submission.reporting_year()},
                         {"previous_certified_teams", was},
                         {"previous_year", previous.reporting_year()}},
                        was, teams);
    }
};

}  // namespace

std::unique_ptr<Rule> make_fact_teams_drop_rule() {
    return std::make_unique<RuleOf<FactTeamsDropCheck>>(RuleInfo{
        .id = "history.fact-teams-drop",
        .level = 2,
        .severity = Severity::warning,
        .applies_to = Kind::institution,
        .description = "No fewer certified FACT teams than in the previous accepted year",
        .description_nl = "Niet minder gecertificeerde FACT-teams dan in het vorige geaccepteerde jaar",
        .options_schema = "",
        .messages = {{"fewer",
                      "{certified_teams} certified FACT teams in {year}, fewer than the {previous_certified_teams} "
                      "of {previous_year}",
                      "{certified_teams} gecertificeerde FACT-teams in {year}, minder dan de "
                      "{previous_certified_teams} van {previous_year}"}},
    });
}

}  // namespace lmacheck::rules::history
