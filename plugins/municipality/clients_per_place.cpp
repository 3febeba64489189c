// municipality.clients-per-place (warning): sheltered-housing clients per
// place, `clients / places`, lies between `min` and `max`.
// Reported at /sheltered_housing/clients. Skipped without sheltered_housing
// (municipality.sheltered-housing-required's concern) and when `places` is 0.
#include "municipality_rules.hpp"

#include "lmacheck/json_pointer.hpp"
#include "lmacheck/numeric.hpp"

namespace lmacheck::rules::municipality {
namespace {

class ClientsPerPlaceCheck final : public Check {
public:
    explicit ClientsPerPlaceCheck(const Options& options)
        : range_{options.number("min"), options.number("max"), "clients-per-place-below-min",
                 "clients-per-place-above-max"} {}

    void check(const Submission& submission, Reporter& reporter) const override {
        if (!submission.has("sheltered_housing")) return;
        const auto& housing = submission["sheltered_housing"];
        const double places = housing.at("places").get<double>();
        if (places == 0.0) return;
        const long long clients = count(housing.at("clients"));
        const double per_place = static_cast<double>(clients) / places;
        range_.check(reporter, pointer("sheltered_housing", "clients"), per_place,
                     {{"clients_per_place", per_place}, {"clients", clients}, {"places", places}});
    }

private:
    Range range_;
};

}  // namespace

std::unique_ptr<Rule> make_clients_per_place_rule() {
    return std::make_unique<RuleOf<ClientsPerPlaceCheck>>(RuleInfo{
        .id = "municipality.clients-per-place",
        .level = 1,
        .severity = Severity::warning,
        .applies_to = Kind::municipality,
        .description = "The ratio of sheltered-housing clients to places is within range",
        .description_nl = "Het aantal cliënten beschermd wonen per plaats ligt binnen de grenzen",
        .options_schema = R"({
  "$schema": "http://json-schema.org/draft-07/schema#",
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "min": {
      "type": "number", "minimum": 0, "default": 0.5,
      "description": "lowest accepted clients per place"
    },
    "max": {
      "type": "number", "minimum": 0, "default": 3.0,
      "description": "highest accepted clients per place"
    }
  }
})",
        .messages = {{"clients-per-place-below-min",
                      "{clients_per_place} clients per place (clients {clients} / places {places}) "
                      "is below the minimum {min}",
                      "{clients_per_place} cliënten per plaats (cliënten {clients} / plaatsen {places}) "
                      "ligt onder het minimum {min}"},
                     {"clients-per-place-above-max",
                      "{clients_per_place} clients per place (clients {clients} / places {places}) "
                      "is above the maximum {max}",
                      "{clients_per_place} cliënten per plaats (cliënten {clients} / plaatsen {places}) "
                      "ligt boven het maximum {max}"}},
    });
}

}  // namespace lmacheck::rules::municipality
