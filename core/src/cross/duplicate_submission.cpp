// cross.duplicate-submission (error): two or more files in one run for the
// same submitter and reporting year. Each of them is rejected, since the
// monitor cannot tell which one the submitter meant; the finding is at "" and
// relates the other files.
#include "cross/batch_check.hpp"
#include "cross/cross_rules.hpp"

#include <string>

namespace lmacheck::cross {
namespace {

bool same_submission(const BatchEntry& a, const BatchEntry& b) {
    return a.kind == b.kind && a.submitter_id == b.submitter_id && a.reporting_year == b.reporting_year;
}

class DuplicateSubmissionCheck final : public BatchCheck {
public:
    explicit DuplicateSubmissionCheck(const Options&) {}

    void check_batch(const BatchView& batch, BatchReporter& reporter) const override {
        for (const BatchEntry* target : batch.targets()) {
            std::vector<Related> others;
            std::string names;
            for (const BatchEntry* other : batch.run()) {
                if (other == target || !same_submission(*other, *target)) continue;
                others.push_back(Related{other->file, ""});
                names += (names.empty() ? "" : ", ") + other->file;
            }
            if (others.empty()) continue;
            const long long files = static_cast<long long>(others.size()) + 1;
            reporter.report(*target, "duplicate",
                            {{"submitter", target->submitter_id},
                             {"year", target->reporting_year},
                             {"files", files},
                             {"others", names}},
                            std::move(others), 1, files);
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_duplicate_submission_rule() {
    return std::make_unique<RuleOf<DuplicateSubmissionCheck>>(RuleInfo{
        .id = "cross.duplicate-submission",
        .level = 3,
        .severity = Severity::error,
        .applies_to = std::nullopt,
        .description = "One file per submitter and reporting year in a run; each of two or more is rejected",
        .description_nl = "Eén bestand per inzender en verslagjaar in een run; bij twee of meer wordt elk afgewezen",
        .options_schema = "",
        .messages = {{"duplicate",
                      "{files} files in this run are submissions of {submitter} for {year}; the others: {others}",
                      "{files} bestanden in deze run zijn inzendingen van {submitter} voor {year}; de andere: "
                      "{others}"}},
    });
}

}  // namespace lmacheck::cross
