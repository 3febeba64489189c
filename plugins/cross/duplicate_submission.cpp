// cross.duplicate-submission (error): two or more files in one run for the
// same submitter and reporting year. Each of them is rejected, since the
// monitor cannot tell which one the submitter meant; the finding is at "" and
// relates the other files. Of three or more, only the first (in run order)
// lists all the others; each later one names the first: a group of n files
// costs n-1 names on each of n files otherwise (a batch sent twice, n^2).
#include "cross_rules.hpp"

#include "lmacheck/aggregate.hpp"

#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace lmacheck::rules::cross {
namespace {

// The files of the run per submitter and year, in run order: one pass over
// the run, so a national batch costs a look-up per file, not a comparison of
// every pair of files.
using SubmissionKey = std::tuple<Kind, std::string_view, int>;

std::map<SubmissionKey, std::vector<const RunEntry*>> files_by_submission(const RunView& run) {
    std::map<SubmissionKey, std::vector<const RunEntry*>> groups;
    for (const RunEntry* entry : run.run()) {
        groups[SubmissionKey{entry->kind, entry->submitter_id, entry->reporting_year}].push_back(entry);
    }
    return groups;
}

class DuplicateSubmissionCheck final : public AggregateCheck {
public:
    explicit DuplicateSubmissionCheck(const Options&) {}

    // Who submitted for which year is all it compares; the engine gives that.
    nlohmann::json collect(const Submission&) const override { return nullptr; }

    void check_run(const RunView& run, RunReporter& reporter) const override {
        const auto groups = files_by_submission(run);
        for (const RunEntry* target : run.targets()) {
            const auto group = groups.find(SubmissionKey{target->kind, target->submitter_id, target->reporting_year});
            if (group == groups.end() || group->second.size() < 2) continue;
            const std::vector<const RunEntry*>& files_of_group = group->second;
            const long long files = static_cast<long long>(files_of_group.size());
            const RunEntry* first = files_of_group.front();
            if (target != first && files > 2) {
                reporter.report(*target, "duplicate-of-first",
                                {{"submitter", target->submitter_id},
                                 {"year", target->reporting_year},
                                 {"files", files},
                                 {"first", first->file}},
                                {Related{first->file, ""}}, 1, files);
                continue;
            }
            std::vector<Related> others;
            std::string names;
            for (const RunEntry* other : files_of_group) {
                if (other == target) continue;
                others.push_back(Related{other->file, ""});
                names += (names.empty() ? "" : ", ") + other->file;
            }
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
                      "{others}"},
                     {"duplicate-of-first",
                      "{files} files in this run are submissions of {submitter} for {year}; {first} lists the others",
                      "{files} bestanden in deze run zijn inzendingen van {submitter} voor {year}; {first} noemt de "
                      "andere"}},
    });
}

}  // namespace lmacheck::rules::cross
