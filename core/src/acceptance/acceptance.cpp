#include "acceptance/acceptance.hpp"

#include "engine/finalize.hpp"
#include "engine/history.hpp"
#include "engine/pipeline.hpp"
#include "report/report_format.hpp"
#include "store/store_error.hpp"
#include "store/submission_time.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>

namespace lmacheck {
namespace {

// The JSON report of one submission, as `validate --format json` would
// print it for that file alone (minus anything about other files).
std::string own_report(const SubmissionReport& submission) {
    RunReport single;
    single.submissions.push_back(submission);
    // Whether it was stored is the run's news, not part of the judgement
    // kept with it (and it is being stored as this is written).
    single.submissions.back().stored.reset();
    single.summary = summarize(single.submissions);
    return render_json_report(single);
}

bool has_finding(const SubmissionReport& s, const char* rule) {
    return std::any_of(s.findings.begin(), s.findings.end(), [&](const Finding& f) { return f.rule == rule; });
}

// The report judged the file against an older state of the store: another
// process stored a later-submitted version in between. Say so now.
void add_older_version_finding(const Engine& engine, const SubmissionStore& store, SubmissionReport& s,
                               const JudgedSource& source) {
    const bool ran = std::find(s.rules_run.begin(), s.rules_run.end(), builtin::older_version) != s.rules_run.end();
    if (!ran || has_finding(s, builtin::older_version)) return;
    SubmissionHistory history;
    history.same_year = store.current(*parse_kind(*s.kind), *s.submitter_id, *s.reporting_year);
    auto raw = older_version_finding(history, s.sha256, source.submitted_at);
    if (!raw) return;
    // It does not replace anything after all.
    s.findings.erase(std::remove_if(s.findings.begin(), s.findings.end(),
                                    [](const Finding& f) { return f.rule == builtin::resubmission; }),
                     s.findings.end());
    raw->position = source.root_position;
    add_late_finding(engine, s, std::move(*raw));
}

const char* outcome_text(const AcceptResult& result) {
    switch (result.outcome) {
        case AcceptOutcome::unchanged: return result.current ? "already stored as" : "already in the audit trail as";
        case AcceptOutcome::older: return "stored in the audit trail, not current, as";
        case AcceptOutcome::added:
        case AcceptOutcome::replaced: break;
    }
    return "stored as";
}

}  // namespace

AcceptanceSummary store_accepted(SubmissionStore& store, JudgedRun& run, const Engine& engine,
                                  const Provenance& provenance) {
    AcceptanceSummary summary;
    std::vector<SubmissionReport>& submissions = run.report.submissions;
    for (SubmissionReport& s : submissions) s.stored = false;  // until stored: a failure leaves the rest false
    for (std::size_t i = 0; i < submissions.size(); ++i) {
        SubmissionReport& s = submissions[i];
        const JudgedSource& source = run.sources.at(i);
        const bool complete = source.bytes && s.sha256 && s.kind && parse_kind(*s.kind) && s.submitter_id &&
                              s.reporting_year;
        if (!s.accepted() || !complete) {
            ++summary.rejected;
            continue;
        }
        // The bytes judged are the bytes stored: the store checks them
        // against the SHA-256 the report gives.
        const AcceptResult result = store.accept(AcceptCandidate{*parse_kind(*s.kind), *s.submitter_id,
                                                                 *s.reporting_year, s.file, *s.sha256, *source.bytes,
                                                                 s.ruleset, own_report(s), provenance});
        s.stored = true;
        switch (result.outcome) {
            case AcceptOutcome::added: ++summary.added; break;
            case AcceptOutcome::replaced: ++summary.replaced; break;
            case AcceptOutcome::unchanged: ++summary.unchanged; break;
            case AcceptOutcome::older: ++summary.older; break;
        }
        if (!result.current) add_older_version_finding(engine, store, s, source);
        spdlog::info("{}: {} {} {} version {}", s.file, outcome_text(result), *s.submitter_id, *s.reporting_year,
                     result.version);
    }
    return summary;
}

}  // namespace lmacheck

namespace lmacheck {
namespace {

// The input indices of each reporting year, years ascending; files without a
// year (unreadable, not an object) go with the first year.
std::map<int, std::vector<std::size_t>> inputs_by_year(const RunReport& run) {
    std::map<int, std::vector<std::size_t>> by_year;
    std::vector<std::size_t> without_year;
    for (std::size_t i = 0; i < run.submissions.size(); ++i) {
        const std::optional<int>& year = run.submissions[i].reporting_year;
        if (year) {
            by_year[*year].push_back(i);
        } else {
            without_year.push_back(i);
        }
    }
    if (by_year.empty()) {
        by_year[0] = std::move(without_year);
    } else {
        std::vector<std::size_t>& first = by_year.begin()->second;
        first.insert(first.end(), without_year.begin(), without_year.end());
    }
    return by_year;
}

std::vector<InputFile> files_of(const std::vector<InputFile>& inputs, const std::vector<std::size_t>& indices) {
    std::vector<InputFile> files;
    for (const std::size_t i : indices) files.push_back(inputs[i]);
    return files;
}

void add(AcceptanceSummary& total, const AcceptanceSummary& part) {
    total.added += part.added;
    total.replaced += part.replaced;
    total.unchanged += part.unchanged;
    total.older += part.older;
    total.rejected += part.rejected;
}

// The part of a judged run that concerns the inputs `indices`.
JudgedRun part_of(JudgedRun& run, const std::vector<std::size_t>& indices) {
    JudgedRun part;
    for (const std::size_t i : indices) {
        part.report.submissions.push_back(std::move(run.report.submissions[i]));
        part.sources.push_back(std::move(run.sources[i]));
    }
    return part;
}

}  // namespace

AcceptanceRun accept_year_by_year(const Engine& engine, SubmissionStore& store, const std::vector<InputFile>& inputs,
                                  unsigned jobs, const BatchProgress& progress, const Provenance& provenance) {
    AcceptanceRun result;
    JudgedRun whole = judge_files(engine, inputs, RunOptions{jobs, progress, true});
    result.run.submissions.resize(inputs.size());
    std::vector<bool> placed(inputs.size(), false);
    const auto by_year = inputs_by_year(whole.report);
    bool first = true;
    for (const auto& [year, indices] : by_year) {
        // The first year was judged against the store as it is now; a later
        // one is judged again, now that the years before it are stored.
        JudgedRun round = part_of(whole, indices);
        const bool judged = first;
        first = false;
        if (!judged) spdlog::info("judging the {} file(s) of {} again, after the earlier years were stored", indices.size(), year);
        try {
            // Judging a later year reads the years just stored: a store that
            // fails then is a store error like one while storing, and the
            // report of what was stored before it is still given.
            if (!judged) round = judge_files(engine, files_of(inputs, indices), RunOptions{jobs, {}, true});
            add(result.summary, store_accepted(store, round, engine, provenance));
        } catch (const StoreError& e) {
            result.store_error = e.what();
        }
        // (A year whose judging failed keeps its first judgement.)
        for (std::size_t k = 0; k < indices.size(); ++k) {
            result.run.submissions[indices[k]] = std::move(round.report.submissions[k]);
            placed[indices[k]] = true;
        }
        if (result.store_error) break;  // later years stay as first judged, and are not stored
    }
    // Years never reached (storing failed before them) keep their first
    // judgement and are not stored either.
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        SubmissionReport& s = result.run.submissions[i];
        if (!placed[i]) s = std::move(whole.report.submissions[i]);
        if (!s.stored) s.stored = false;
    }
    result.run.summary = summarize(result.run.submissions);
    return result;
}

}  // namespace lmacheck
