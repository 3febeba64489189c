// location.duplicate-id (error): `location_id` is unique within the submission.
// Reported at /locations/N/location_id of each repeat; the first location with
// an id is the one capacity records resolve to, so it is not itself at fault.
#include "capacity_rules.hpp"

#include "lmacheck/json_pointer.hpp"

#include <cstddef>
#include <string>
#include <unordered_map>

namespace lmacheck::rules::capacity {
namespace {

class DuplicateLocationIdCheck final : public Check {
public:
    explicit DuplicateLocationIdCheck(const Options&) {}

    void check(const Submission& submission, Reporter& reporter) const override {
        const auto& locations = submission["locations"];
        std::unordered_map<std::string, std::size_t> first_use;
        first_use.reserve(locations.size());
        for (std::size_t i = 0; i < locations.size(); ++i) {
            const auto& id = locations[i].at("location_id").get_ref<const std::string&>();
            const auto [first, inserted] = first_use.try_emplace(id, i);
            if (inserted) continue;
            reporter.report(pointer("locations", i, "location_id"), "duplicate-id",
                            {{"location_id", id}, {"first_path", pointer("locations", first->second, "location_id")}},
                            "unique", id);
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_location_duplicate_id_rule() {
    return std::make_unique<RuleOf<DuplicateLocationIdCheck>>(RuleInfo{
        .id = "location.duplicate-id",
        .level = 1,
        .severity = Severity::error,
        .applies_to = Kind::institution,
        .description = "Each location_id is unique within the submission",
        .description_nl = "Elke location_id is uniek binnen de aanlevering",
        .options_schema = "",
        .messages = {{"duplicate-id", "location_id \"{location_id}\" is already used at {first_path}",
                      "location_id \"{location_id}\" is al gebruikt bij {first_path}"}},
    });
}

}  // namespace lmacheck::rules::capacity
