// example.fact-caseload (warning): the clients a FACT team member cares for,
// `fact.clients / fact.fte`, at most `max_clients_per_fte` (default 30).
// Reported at /fact/clients. Skipped when no FTE is reported (fte 0).
#include "lmacheck/json_pointer.hpp"
#include "lmacheck/numeric.hpp"
#include "lmacheck/rule.hpp"

#include <memory>

namespace example {
namespace {

using namespace lmacheck;

// Immutable after the constructor: the engine calls check() on one object
// from several threads at once.
class FactCaseloadCheck final : public Check {
public:
    explicit FactCaseloadCheck(const Options& options) : max_per_fte_(options.number("max_clients_per_fte")) {}

    void check(const Submission& submission, Reporter& reporter) const override {
        if (!submission.has("fact")) return;
        const auto& fact = submission["fact"];
        const double fte = fact.at("fte").get<double>();
        if (fte <= 0) return;
        // count() throws on a value beyond 64 bits: the engine reports that as
        // engine.rule-failed, the way every rule fails.
        const long long clients = count(fact.at("clients"));
        const double per_fte = static_cast<double>(clients) / fte;
        if (per_fte <= max_per_fte_ + slack) return;
        reporter.report(pointer("fact", "clients"), "caseload-above-max",
                        {{"per_fte", per_fte}, {"clients", clients}, {"fte", fte}, {"max", max_per_fte_}},
                        bound("<=", max_per_fte_), per_fte);
    }

private:
    double max_per_fte_;
};

}  // namespace

std::unique_ptr<Rule> make_fact_caseload_rule() {
    return std::make_unique<RuleOf<FactCaseloadCheck>>(RuleInfo{
        .id = "example.fact-caseload",
        .level = 1,
        .severity = Severity::warning,
        .applies_to = Kind::institution,
        .description = "FACT clients per FTE are at most the maximum caseload",
        .description_nl = "Het aantal FACT-cliënten per fte is niet hoger dan de maximale caseload",
        .options_schema = R"({"type": "object", "additionalProperties": false,
            "properties": {"max_clients_per_fte": {"type": "number", "exclusiveMinimum": 0, "default": 30}}})",
        .messages = {{"caseload-above-max",
                      "{per_fte} FACT clients per FTE ({clients} clients, {fte} FTE) is above the maximum {max}",
                      "{per_fte} FACT-cliënten per fte ({clients} cliënten, {fte} fte) is meer dan het maximum {max}"}},
    });
}

}  // namespace example
