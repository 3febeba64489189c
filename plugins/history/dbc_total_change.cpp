// history.dbc-total-change (warning): the total of closed DBC trajectories
// changed by more than `max_relative_change` against the previous accepted
// year. Reported at /ambulatory/dbc_trajectories/total.
#include "history_rules.hpp"

#include "lmacheck/json_pointer.hpp"
#include "relative_change.hpp"

namespace lmacheck::rules::history {
namespace {

long long dbc_total(const nlohmann::json& document) {
    return count(document.at("ambulatory").at("dbc_trajectories").at("total"));
}

class DbcTotalChangeCheck final : public Check {
public:
    explicit DbcTotalChangeCheck(const Options& options) : max_change_(options.number("max_relative_change")) {}

    void check(const Submission& submission, Reporter& reporter) const override {
        const PreviousSubmission& previous = *submission.previous();
        const long long total = dbc_total(submission.document());
        const long long was = dbc_total(previous.document());
        const Change change = relative_change(static_cast<double>(was), static_cast<double>(total), max_change_);
        if (!change.too_large) return;
        MessageArgs args{{"total", total},
                         {"year", submission.reporting_year()},
                         {"previous_total", was},
                         {"previous_year", previous.reporting_year()}};
        if (change.relative) {
            args.emplace_back("change", *change.relative);
            args.emplace_back("max", max_change_);
        }
        reporter.report(pointer("ambulatory", "dbc_trajectories", "total"), change.relative ? "changed" : "from-zero",
                        args, was, total);
    }

private:
    double max_change_;
};

}  // namespace

std::unique_ptr<Rule> make_dbc_total_change_rule() {
    return std::make_unique<RuleOf<DbcTotalChangeCheck>>(RuleInfo{
        .id = "history.dbc-total-change",
        .level = 2,
        .severity = Severity::warning,
        .applies_to = Kind::institution,
        .description = "The total of closed DBC trajectories changed by at most a fraction against the previous "
                       "accepted year",
        .description_nl = "Het totaal aantal afgesloten DBC-trajecten veranderde hooguit een fractie ten opzichte "
                          "van het vorige geaccepteerde jaar",
        .options_schema = R"({
  "$schema": "http://json-schema.org/draft-07/schema#",
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "max_relative_change": {
      "type": "number", "minimum": 0, "default": 0.30,
      "description": "largest accepted |total - previous total| / previous total"
    }
  }
})",
        .messages =
            {{"changed",
              "closed DBC trajectories changed from {previous_total} in {previous_year} to {total} in {year}: a "
              "relative change of {change}, more than the maximum {max}",
              "het aantal afgesloten DBC-trajecten veranderde van {previous_total} in {previous_year} naar {total} "
              "in {year}: een relatieve verandering van {change}, meer dan het maximum {max}"},
             {"from-zero",
              "closed DBC trajectories rose from {previous_total} in {previous_year} to {total} in {year}",
              "het aantal afgesloten DBC-trajecten steeg van {previous_total} in {previous_year} naar {total} in "
              "{year}"}},
    });
}

}  // namespace lmacheck::rules::history
