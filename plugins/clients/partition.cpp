// clients.partition (error): every client is either ambulatory only or had a
// clinical stay, so `total = ambulatory_only + clinical` (at /clients/total);
// EPA clients are some of them, so `epa <= total` (at /clients/epa).
#include "clients_rules.hpp"

#include "lmacheck/json_pointer.hpp"
#include "lmacheck/numeric.hpp"

namespace lmacheck::rules::clients {
namespace {

class PartitionCheck final : public Check {
public:
    explicit PartitionCheck(const Options&) {}

    void check(const Submission& submission, Reporter& reporter) const override {
        const auto& clients = submission["clients"];
        const long long total = count(clients.at("total"));
        const long long ambulatory_only = count(clients.at("ambulatory_only"));
        const long long clinical = count(clients.at("clinical"));
        const long long sum = add_counts(ambulatory_only, clinical);
        if (total != sum) {
            reporter.report(
                pointer("clients", "total"), "total-not-partition",
                {{"total", total}, {"ambulatory_only", ambulatory_only}, {"clinical", clinical}, {"sum", sum}}, sum,
                total);
        }
        const long long epa = count(clients.at("epa"));
        if (epa > total) {
            reporter.report(pointer("clients", "epa"), "epa-above-total", {{"epa", epa}, {"total", total}},
                            bound("<=", total), epa);
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_partition_rule() {
    return std::make_unique<RuleOf<PartitionCheck>>(RuleInfo{
        .id = "clients.partition",
        .level = 1,
        .severity = Severity::error,
        .applies_to = Kind::institution,
        .description = "Total clients equal ambulatory_only + clinical, and epa is not above the total",
        .description_nl =
            "Het totaal aantal cliënten is alleen ambulant + klinisch, en epa is niet groter dan het totaal",
        .options_schema = "",
        .messages =
            {{"total-not-partition",
              "total {total} does not equal ambulatory_only {ambulatory_only} + clinical {clinical} = {sum}",
              "totaal {total} is niet gelijk aan alleen ambulant {ambulatory_only} + klinisch {clinical} = {sum}"},
             {"epa-above-total", "epa {epa} is more than total {total}",
              "het aantal EPA-cliënten {epa} is groter dan het totaal {total}"}},
    });
}

}  // namespace lmacheck::rules::clients
