// plausibility.change (warning): the Hidiroglou-Berthelot method on the
// change of each configured indicator from the year before (statistics.hpp).
//
// Level 3 in what it reads, level 2 in what it compares: the ratio
// current / previous of one submitter means little alone, so it is centred on
// the median ratio of every submitter with both years and weighed by size;
// that needs every submitter of both years, which only a level-3 check sees
// (RunView::accepted_of_year: the run's submissions without errors and the
// store's). "Previous" is the year before (reporting_year - 1), not the
// latest earlier year as in the history rules: the ratios of one group must
// span the same two years. A pair with 0 in either year has no ratio and is
// left out. Each effect is weighed by the submitter's size, the larger of
// its two years' (for a count the count itself, for the share of intensive
// trajectories the DBC total), so a pair carries both years' sizes. A
// submission of the run with an error is judged against the others' bounds
// without counting in them. A group of fewer than `min_submitters` pairs
// gives no finding; a submission none of whose indicators could be judged
// (no year before, every indicator 0, every group too small) lists the rule
// as skipped with the reason, so every target ends judged or skipped.
// The score is |centred ratio| x the submitter's share of the year's total
// size, as the outlier rule's.
#include "indicators.hpp"
#include "peer_group.hpp"
#include "plausibility_rules.hpp"
#include "statistics.hpp"

#include "lmacheck/aggregate.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>
#include <stdexcept>
#include <unordered_map>

namespace lmacheck::rules::plausibility {
namespace {

struct Pair {
    const RunEntry* entry = nullptr;
    double previous = 0;
    double current = 0;
    double previous_size = 0;
    double current_size = 0;

    double ratio() const { return current / previous; }
    // what the effect is weighed with: the larger year's size
    double weight_size() const { return std::max(previous_size, current_size); }
};

// The pairs of one indicator and its statistics.
struct ChangeGroup {
    std::vector<Pair> pairs;
    double median_ratio = 0;
    HbBounds bounds;
    double total_size = 0;
};

std::optional<Measured> measured(const RunEntry& entry, std::size_t indicator) {
    const std::optional<IndicatorValue> found = find_indicator(entry.facts, indicator);
    if (!found) return std::nullopt;
    return Measured{&entry, found->value, found->size};
}

class ChangeCheck final : public AggregateCheck {
public:
    explicit ChangeCheck(const Options& options)
        : parameters_{options.number("u"), options.number("a"), options.number("c")},
          min_submitters_(options.integer("min_submitters")) {
        // Checked here, not with the schema's exclusiveMinimum: the fast
        // schema judge does not take that keyword, and valijson would then
        // compile this schema at every start.
        if (!(parameters_.c > 0)) throw std::invalid_argument("option 'c' must be above 0");
        for (const nlohmann::json& name : options.json().at("indicators")) indicators_.insert(name.get<std::string>());
        for (const std::string& name : indicators_) {
            const std::optional<std::size_t> index = indicator_index(name);
            if (!index) throw std::invalid_argument("unknown indicator '" + name + "'");
            indicator_indices_.push_back(*index);
        }
    }

    nlohmann::json collect(const Submission& submission) const override {
        return change_indicators(submission).only(indicators_).to_facts();
    }

    void check_run(const RunView& run, RunReporter& reporter) const override {
        // Computed once per kind and year: looked up again for every target,
        // the year before's submitters made the rule quadratic in them (half
        // of a 20-year run's CPU time).
        std::map<std::pair<Kind, int>, YearGroups> groups_by_year;
        for (const RunEntry* target : run.targets()) {
            const auto key = std::make_pair(target->kind, target->reporting_year);
            auto found = groups_by_year.find(key);
            if (found == groups_by_year.end()) found = groups_by_year.emplace(key, groups_of(run, key)).first;
            check_one(*target, found->second, reporter);
        }
    }

private:
    // previous values of the year before, by submitter
    static std::unordered_map<std::string, const RunEntry*> by_submitter(const std::vector<const RunEntry*>& entries) {
        std::unordered_map<std::string, const RunEntry*> found;
        for (const RunEntry* e : entries) found.emplace(e->submitter_id, e);
        return found;
    }

    std::optional<Pair> pair_of(const RunEntry& current, const RunEntry& previous, std::size_t indicator) const {
        const std::optional<Measured> now = measured(current, indicator);
        const std::optional<Measured> before = measured(previous, indicator);
        if (!now || !before || now->value <= 0 || before->value <= 0) return std::nullopt;
        return Pair{&current, before->value, now->value, before->size, now->size};
    }

    // One kind and year: the year before's submissions by submitter, and the
    // pairs of both years by indicator.
    struct YearGroups {
        std::unordered_map<std::string, const RunEntry*> previous;
        std::map<std::string, ChangeGroup> by_indicator;
    };

    YearGroups groups_of(const RunView& run, std::pair<Kind, int> key) const {
        YearGroups year{by_submitter(run.accepted_of_year(key.first, key.second - 1)), {}};
        const auto& previous = year.previous;
        std::map<std::string, ChangeGroup>& groups = year.by_indicator;
        for (const RunEntry* current : run.accepted_of_year(key.first, key.second)) {
            const auto before = previous.find(current->submitter_id);
            if (before == previous.end()) continue;
            for (const std::size_t indicator : indicator_indices_) {
                if (auto p = pair_of(*current, *before->second, indicator)) {
                    groups[indicator_names()[indicator]].pairs.push_back(*p);
                }
            }
        }
        for (auto& [indicator, group] : groups) {
            std::vector<double> ratios;
            std::vector<double> sizes;
            for (const Pair& p : group.pairs) {
                ratios.push_back(p.ratio());
                sizes.push_back(p.weight_size());
                group.total_size += p.current_size;
            }
            group.median_ratio = median(ratios);
            std::vector<double> effects;
            for (const Pair& p : group.pairs) effects.push_back(effect_of(p, group.median_ratio));
            group.bounds = hb_bounds(effects, sizes, parameters_);
        }
        return year;
    }

    double effect_of(const Pair& pair, double median_ratio) const {
        return hb_effect(pair.ratio(), median_ratio, pair.weight_size(), parameters_.u);
    }

    void check_one(const RunEntry& target, const YearGroups& year, RunReporter& reporter) const {
        const std::map<std::string, ChangeGroup>& groups = year.by_indicator;
        const std::vector<IndicatorValue> indicators = indicators_in(target.facts);
        if (indicators.empty()) {
            reporter.skip_message(target, "skip-no-indicators", {});
            return;
        }
        const auto before = year.previous.find(target.submitter_id);
        const MessageArgs years{{"year", target.reporting_year}, {"previous_year", target.reporting_year - 1}};
        if (before == year.previous.end()) {
            reporter.skip_message(target, "skip-no-previous", years);
            return;
        }
        bool judged = false;
        std::optional<MessageArgs> too_small;  // for the first indicator whose group is too small
        for (const IndicatorValue& indicator : indicators) {
            const std::string& key = *indicator.name;
            const std::optional<Pair> pair = pair_of(target, *before->second, indicator.index);
            if (!pair) continue;  // 0 (or absent) in either year: no ratio
            const auto group = groups.find(key);
            const std::size_t peers = group == groups.end() ? 0 : group->second.pairs.size();
            if (peers < static_cast<std::size_t>(min_submitters_)) {
                if (!too_small) {
                    too_small = MessageArgs{{"indicator", describe_indicator(key)},
                                            {"previous_year", target.reporting_year - 1},
                                            {"peers", static_cast<long long>(peers)},
                                            {"min", min_submitters_}};
                }
                continue;
            }
            judged = true;
            judge(target, key, *pair, group->second, reporter);
        }
        if (judged) return;
        if (too_small) return reporter.skip_message(target, "skip-small-group", *too_small);
        reporter.skip_message(target, "skip-no-ratio", years);
    }

    void judge(const RunEntry& target, const std::string& key, const Pair& pair, const ChangeGroup& group,
               RunReporter& reporter) const {
        const double effect = effect_of(pair, group.median_ratio);
        if (effect >= group.bounds.lower && effect <= group.bounds.upper) return;
        const bool in_group = std::any_of(group.pairs.begin(), group.pairs.end(),
                                          [&](const Pair& p) { return p.entry == &target; });
        const double total = group.total_size + (in_group ? 0 : pair.current_size);
        const double share = total > 0 ? pair.current_size / total : 0;
        const double ratio = pair.ratio();
        const MessageArgs args{{"indicator", describe_indicator(key)},
                               {"previous", pair.previous},
                               {"previous_year", target.reporting_year - 1},
                               {"current", pair.current},
                               {"ratio", ratio},
                               {"median_ratio", group.median_ratio},
                               {"peers", static_cast<long long>(group.pairs.size())},
                               {"effect", effect},
                               {"lower", group.bounds.lower},
                               {"upper", group.bounds.upper}};
        const double score = std::abs(hb_centred_ratio(ratio, group.median_ratio)) * share;
        reporter.report_scored(target, score, "change", args, {}, group.median_ratio, ratio);
    }

    HbParameters parameters_;
    long long min_submitters_;
    std::set<std::string> indicators_;
    std::vector<std::size_t> indicator_indices_;  // of indicators_, in indicator_names()
};

std::string options_schema() {
    nlohmann::json names = change_indicator_names();
    nlohmann::json schema = {
        {"$schema", "http://json-schema.org/draft-07/schema#"},
        {"type", "object"},
        {"additionalProperties", false},
        {"properties",
         {{"u",
           {{"type", "number"}, {"minimum", 0}, {"maximum", 1}, {"default", 0.5},
            {"description", "size weight exponent U: effect = centred ratio x (the larger year's size)^U"}}},
          {"a",
           {{"type", "number"}, {"minimum", 0}, {"default", 0.05},
            {"description",
             "A: the bounds are at least C x A x max(|median effect|, median size^U) wide on each side"}}},
          {"c",
           {{"type", "number"}, {"minimum", 0}, {"default", 4},
            {"description", "C (above 0): the bounds lie C interquartile half-widths from the median effect"}}},
          {"min_submitters",
           {{"type", "integer"}, {"minimum", 3}, {"default", 10},
            {"description", "smallest group of submitters with both years to compare with"}}},
          {"indicators",
           {{"type", "array"}, {"items", {{"type", "string"}, {"enum", names}}}, {"default", names},
            {"description", "the indicators whose change is followed"}}}}}};
    return schema.dump(2);
}

}  // namespace

std::unique_ptr<Rule> make_change_rule() {
    return std::make_unique<RuleOf<ChangeCheck>>(RuleInfo{
        .id = "plausibility.change",
        .level = 3,
        .severity = Severity::warning,
        .applies_to = std::nullopt,
        .description = "An indicator changed from the year before unlike the other submitters' (Hidiroglou-Berthelot)",
        .description_nl = "Een indicator veranderde ten opzichte van het jaar ervoor anders dan bij de andere "
                          "inzenders (Hidiroglou-Berthelot)",
        .options_schema = options_schema(),
        .messages = {{"change",
                      "{indicator} went from {previous} in {previous_year} to {current}, a ratio of {ratio} "
                      "against the median ratio {median_ratio} of {peers} submitters: effect {effect} outside "
                      "[{lower}, {upper}]",
                      "{indicator} ging van {previous} in {previous_year} naar {current}, een verhouding van "
                      "{ratio} tegen de mediane verhouding {median_ratio} van {peers} inzenders: effect {effect} "
                      "buiten [{lower}, {upper}]"},
                     // Why a submission was not judged (skipped_rules).
                     {"skip-no-indicators", "the submission has none of the indicators the rule follows",
                      "de inzending heeft geen van de indicatoren die de regel volgt"},
                     {"skip-no-previous",
                      "the monitor holds no accepted submission of this submitter for {previous_year}",
                      "de monitor bevat geen geaccepteerde inzending van deze inzender voor {previous_year}"},
                     {"skip-small-group",
                      "the change of {indicator} from {previous_year} has {peers} submitter(s) with both years, "
                      "fewer than the minimum {min}",
                      "de verandering van {indicator} sinds {previous_year} heeft {peers} inzender(s) met beide "
                      "jaren, minder dan het minimum {min}"},
                     {"skip-no-ratio",
                      "every indicator the rule follows is 0 or absent in {year} or {previous_year}: no ratio to "
                      "judge",
                      "elke indicator die de regel volgt is 0 of afwezig in {year} of {previous_year}: geen "
                      "verhouding te beoordelen"}},
    });
}

}  // namespace lmacheck::rules::plausibility
