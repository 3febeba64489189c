// plausibility.outlier (warning, level 3): a size-free indicator of one
// submission (places per location, occupancy and bed-days per client per care
// setting, FTE and clients per FACT team, sheltered-housing budget and
// clients per place) far from its peers': the modified z-score
// 0.6745 x (x - median) / MAD beyond `max_abs_z` (statistics.hpp; IQR / 2
// where MAD is 0).
//
// Peers are the submitters of the same kind and year that have the
// indicator, as the monitor holds them once the run is accepted
// (RunView::accepted_of_year: the run's submissions without errors and the
// store's). A submission of the run with an error is judged against them
// without being one of them. A group of fewer than `min_submitters` gives
// no finding, nor does a group without spread (MAD and IQR 0); a submission
// none of whose indicators could be judged (none computable, every group too
// small or without spread) lists the rule as skipped with the reason, so
// every target ends judged or skipped. Each finding carries a score,
// |z| x the submitter's share of the group's total size (the indicator's
// numerator: places, bed-days, FTE, clients, budget), that ranks it for the
// steward: a large submitter far off matters more than a small one.
#include "indicators.hpp"
#include "peer_group.hpp"
#include "plausibility_rules.hpp"
#include "statistics.hpp"

#include "lmacheck/aggregate.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <stdexcept>
#include <utility>

namespace lmacheck::rules::plausibility {
namespace {

// One indicator's peers and their spread. The spread is computed once per
// group: computed per target it made the rule quadratic in the submitters
// (29 % of a national year's instructions went to sorting the same values
// again for every target).
struct PeerGroup {
    std::vector<Measured> members;
    RobustSpread spread;
};
using Groups = std::map<std::string, PeerGroup>;

Groups peer_groups(const std::vector<const RunEntry*>& entries) {
    Groups groups;
    for (auto& [key, members] : by_indicator(entries)) {
        const RobustSpread spread = robust_spread(values_of(members));
        groups.emplace(key, PeerGroup{std::move(members), spread});
    }
    return groups;
}

class OutlierCheck final : public AggregateCheck {
public:
    explicit OutlierCheck(const Options& options)
        : max_abs_z_(options.number("max_abs_z")), min_submitters_(options.integer("min_submitters")) {
        // Not the schema's exclusiveMinimum: see ChangeCheck.
        if (!(max_abs_z_ > 0)) throw std::invalid_argument("option 'max_abs_z' must be above 0");
    }

    nlohmann::json collect(const Submission& submission) const override {
        return ratio_indicators(submission).to_facts();
    }

    void check_run(const RunView& run, RunReporter& reporter) const override {
        std::map<std::pair<Kind, int>, Groups> groups_by_year;  // computed once per kind and year
        for (const RunEntry* target : run.targets()) {
            const auto key = std::make_pair(target->kind, target->reporting_year);
            auto found = groups_by_year.find(key);
            if (found == groups_by_year.end()) {
                found = groups_by_year.emplace(key, peer_groups(run.accepted_of_year(key.first, key.second))).first;
            }
            check_one(*target, found->second, reporter);
        }
    }

private:
    void check_one(const RunEntry& target, const Groups& groups, RunReporter& reporter) const {
        const std::vector<IndicatorValue> indicators = indicators_in(target.facts);
        if (indicators.empty()) {
            reporter.skip_message(target, "skip-no-indicator", {});
            return;
        }
        bool judged = false;
        // Why the first indicator that was not judged was not: a message id
        // and its arguments, worded in the run's language by the engine.
        std::optional<std::pair<std::string, MessageArgs>> not_judged;
        for (const IndicatorValue& measured : indicators) {
            const std::string& key = *measured.name;
            const auto group = groups.find(key);
            const std::size_t peers = group == groups.end() ? 0 : group->second.members.size();
            // Worded only for the first indicator not judged: most are judged.
            const auto remember_why_not = [&](const char* message_id) {
                if (not_judged) return;
                not_judged.emplace(message_id, MessageArgs{{"indicator", describe_indicator(key)},
                                                           {"year", target.reporting_year},
                                                           {"peers", static_cast<long long>(peers)},
                                                           {"min", min_submitters_}});
            };
            if (peers < static_cast<std::size_t>(min_submitters_)) {
                remember_why_not("skip-small-group");
                continue;
            }
            const RobustSpread& spread = group->second.spread;
            const std::optional<double> z = spread.z(measured.value);
            if (!z) {
                remember_why_not("skip-no-spread");
                continue;
            }
            judged = true;
            judge(target, key, measured.value, measured.size, spread, *z, group->second.members, reporter);
        }
        if (!judged) reporter.skip_message(target, not_judged->first, not_judged->second);
    }

    void judge(const RunEntry& target, const std::string& key, double value, double size, const RobustSpread& spread,
               double z, const std::vector<Measured>& group, RunReporter& reporter) const {
        if (std::abs(z) <= max_abs_z_) return;
        const bool in_group =
            std::any_of(group.begin(), group.end(), [&](const Measured& m) { return m.entry == &target; });
        const double total = total_size(group) + (in_group ? 0 : size);
        const double share = total > 0 ? size / total : 0;
        const MessageArgs args{{"indicator", describe_indicator(key)},
                               {"value", value},
                               {"median", spread.median},
                               {"peers", static_cast<long long>(group.size())},
                               {"year", target.reporting_year},
                               {"z", z},
                               {"spread", spread.uses_iqr() ? "IQR / 2" : "MAD"},
                               {"max", max_abs_z_}};
        reporter.report_scored(target, std::abs(z) * share, "outlier", args, {}, spread.median, value);
    }

    double max_abs_z_;
    long long min_submitters_;
};

}  // namespace

std::unique_ptr<Rule> make_outlier_rule() {
    return std::make_unique<RuleOf<OutlierCheck>>(RuleInfo{
        .id = "plausibility.outlier",
        .level = 3,
        .severity = Severity::warning,
        .applies_to = std::nullopt,
        .description = "A size-free indicator lies far from its peers' of the same year (modified z-score)",
        .description_nl = "Een grootte-onafhankelijke indicator ligt ver van die van de andere inzenders van "
                          "hetzelfde jaar (gemodificeerde z-score)",
        .options_schema = R"json({
  "$schema": "http://json-schema.org/draft-07/schema#",
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "max_abs_z": {
      "type": "number", "minimum": 0, "default": 3.5,
      "description": "largest accepted |modified z-score| 0.6745 x (x - median) / MAD (IQR / 2 where MAD is 0); above 0"
    },
    "min_submitters": {
      "type": "integer", "minimum": 3, "default": 10,
      "description": "smallest peer group (submitters of the same kind and year with the indicator) to compare with"
    }
  }
})json",
        .messages = {{"outlier",
                      "{indicator} is {value}, the median of the {peers} submitters of {year} is {median}: a "
                      "modified z-score of {z} (spread {spread}), further from 0 than the maximum {max}",
                      "{indicator} is {value}, de mediaan van de {peers} inzenders van {year} is {median}: een "
                      "gemodificeerde z-score van {z} (spreiding {spread}), verder van 0 dan het maximum {max}"},
                     // Why a submission was not judged (skipped_rules).
                     {"skip-no-indicator",
                      "no indicator can be computed: every denominator (locations, beds, clients, FACT teams, "
                      "sheltered-housing places) is 0 or absent",
                      "geen indicator te berekenen: elke noemer (locaties, bedden, cliënten, FACT-teams, plaatsen "
                      "beschermd wonen) is 0 of afwezig"},
                     {"skip-small-group",
                      "peer group {indicator} of {year} has {peers} submitter(s), fewer than the minimum {min}",
                      "vergelijkingsgroep {indicator} van {year} heeft {peers} inzender(s), minder dan het minimum "
                      "{min}"},
                     {"skip-no-spread",
                      "peer group {indicator} of {year} has no spread (MAD and IQR 0): the middle half of its "
                      "{peers} submitters report the same value",
                      "vergelijkingsgroep {indicator} van {year} heeft geen spreiding (MAD en IQR 0): de middelste "
                      "helft van de {peers} inzenders meldt dezelfde waarde"}},
    });
}

}  // namespace lmacheck::rules::plausibility
