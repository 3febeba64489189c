// capacity.duplicate-record (error): one capacity record per `location_id` and
// `financing`. Reported at /capacity/N of each repeat after the first.
// A record whose location_id names no location is skipped: that id is already
// capacity.unknown-location's finding, and repeating it is no second problem.
#include "capacity_rules.hpp"

#include "lmacheck/json_pointer.hpp"
#include "location_ids.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <unordered_map>

namespace lmacheck::rules::capacity {
namespace {

class DuplicateRecordCheck final : public Check {
public:
    explicit DuplicateRecordCheck(const Options&) {}

    void check(const Submission& submission, Reporter& reporter) const override {
        const auto known = location_ids(submission);
        const auto& capacity = submission["capacity"];
        // Keyed "location_id/financing": '/' cannot occur in either part.
        std::unordered_map<std::string, std::size_t> first_record;
        first_record.reserve(capacity.size());
        for (std::size_t i = 0; i < capacity.size(); ++i) {
            const auto& record = capacity[i];
            const auto& id = record.at("location_id").get_ref<const std::string&>();
            if (!known.contains(id)) continue;
            const auto& financing = record.at("financing").get_ref<const std::string&>();
            const auto [first, inserted] = first_record.try_emplace(id + '/' + financing, i);
            if (inserted) continue;
            reporter.report(
                pointer("capacity", i), "duplicate-record",
                {{"location_id", id}, {"financing", financing}, {"first_path", pointer("capacity", first->second)}},
                "unique", nlohmann::json{{"location_id", id}, {"financing", financing}});
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_duplicate_record_rule() {
    return std::make_unique<RuleOf<DuplicateRecordCheck>>(RuleInfo{
        .id = "capacity.duplicate-record",
        .level = 1,
        .severity = Severity::error,
        .applies_to = Kind::institution,
        .description = "One capacity record per location_id and financing",
        .description_nl = "Eén capaciteitsrecord per location_id en financiering",
        .options_schema = "",
        .messages = {{"duplicate-record",
                      "a second capacity record for location \"{location_id}\" and financing {financing}; "
                      "the first is {first_path}",
                      "een tweede capaciteitsrecord voor locatie \"{location_id}\" en financiering {financing}; "
                      "het eerste staat op {first_path}"}},
    });
}

}  // namespace lmacheck::rules::capacity
