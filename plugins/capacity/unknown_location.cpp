// capacity.unknown-location (error): a capacity record's `location_id` names a
// location of the submission. Reported at /capacity/N/location_id.
#include "capacity_rules.hpp"

#include "lmacheck/json_pointer.hpp"
#include "location_ids.hpp"

#include <cstddef>
#include <string>

namespace lmacheck::rules::capacity {
namespace {

class UnknownLocationCheck final : public Check {
public:
    explicit UnknownLocationCheck(const Options&) {}

    void check(const Submission& submission, Reporter& reporter) const override {
        const auto known = location_ids(submission);
        const auto& capacity = submission["capacity"];
        for (std::size_t i = 0; i < capacity.size(); ++i) {
            const auto& id = capacity[i].at("location_id").get_ref<const std::string&>();
            if (known.contains(id)) continue;
            reporter.report(pointer("capacity", i, "location_id"), "unknown-location", {{"location_id", id}},
                            "a location_id of /locations", id);
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_unknown_location_rule() {
    return std::make_unique<RuleOf<UnknownLocationCheck>>(RuleInfo{
        .id = "capacity.unknown-location",
        .level = 1,
        .severity = Severity::error,
        .applies_to = Kind::institution,
        .description = "A capacity record's location_id names a location of the submission",
        .description_nl = "De location_id van een capaciteitsrecord verwijst naar een locatie van de aanlevering",
        .options_schema = "",
        .messages = {{"unknown-location", "location_id \"{location_id}\" names no location of this submission",
                      "location_id \"{location_id}\" verwijst niet naar een locatie in deze aanlevering"}},
    });
}

}  // namespace lmacheck::rules::capacity
