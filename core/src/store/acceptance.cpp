#include "store/acceptance.hpp"

#include "document/document.hpp"
#include "engine/cross_checks.hpp"
#include "engine/finding_budget.hpp"
#include "engine/history.hpp"
#include "report/report_format.hpp"
#include "store/store_error.hpp"
#include "store/submission_time.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>

namespace lmacheck {
namespace {

// The file's original bytes: the loader keeps the text after a UTF-8 BOM, and
// the SHA-256 is over the bytes with it, so put a BOM back when the hash says
// there was one. Anything else means the bytes are not the ones judged.
std::string original_bytes(const Document& document, const std::string& sha256) {
    if (sha256_hex(document.text) == sha256) return document.text;
    std::string with_bom = "\xEF\xBB\xBF" + document.text;
    if (sha256_hex(with_bom) == sha256) return with_bom;
    throw StoreError("refusing to store " + document.name + ": its bytes do not match the SHA-256 it was judged by");
}

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
void add_older_version_finding(const Engine& engine, const SubmissionStore& store, SubmissionReport& s) {
    const PlannedRule* planned =
        engine.rule_sets().for_year(s.reporting_year).plan_for(s.reporting_year).find(builtin::older_version);
    const bool ran = std::find(s.rules_run.begin(), s.rules_run.end(), builtin::older_version) != s.rules_run.end();
    if (planned == nullptr || !ran || has_finding(s, builtin::older_version)) return;
    const Kind kind = *parse_kind(*s.kind);
    SubmissionHistory history;
    history.same_year = store.current(kind, *s.submitter_id, *s.reporting_year);
    const auto raw = older_version_finding(history, s.sha256, submitted_at_of(*s.document->json));
    if (!raw) return;
    const CatalogEntry& entry = *planned->entry;
    // It does not replace anything after all.
    s.findings.erase(std::remove_if(s.findings.begin(), s.findings.end(),
                                    [](const Finding& f) { return f.rule == builtin::resubmission; }),
                     s.findings.end());
    Finding finding;
    finding.rule = raw->rule;
    finding.severity = planned->severity;  // as the rule set says
    finding.level = entry.info.level;
    finding.message = render_message(entry.info.messages, raw->message_id, raw->args, engine.language());
    finding.position = s.document->position_of(finding.path);
    s.findings.push_back(std::move(finding));
    std::stable_sort(s.findings.begin(), s.findings.end(), finding_order);
    trim_findings(s, engine.finding_limits().per_file);
    s.counts = count_findings(s.findings);
    count_dropped(s, s.counts);  // findings the caps dropped still count
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

AcceptanceSummary store_accepted(SubmissionStore& store, RunReport& run, const Engine* engine,
                                   const Provenance& provenance) {
    AcceptanceSummary summary;
    for (SubmissionReport& s : run.submissions) s.stored = false;  // until stored: a failure leaves the rest false
    for (SubmissionReport& s : run.submissions) {
        const bool complete = s.document && s.sha256 && s.kind && parse_kind(*s.kind) && s.submitter_id &&
                              s.reporting_year;
        if (!s.accepted() || !complete) {
            ++summary.rejected;
            continue;
        }
        const std::string bytes = original_bytes(*s.document, *s.sha256);
        const AcceptResult result = store.accept(AcceptCandidate{*parse_kind(*s.kind), *s.submitter_id,
                                                                 *s.reporting_year, s.file, *s.sha256, bytes,
                                                                 s.ruleset, own_report(s), provenance});
        s.stored = true;
        switch (result.outcome) {
            case AcceptOutcome::added: ++summary.added; break;
            case AcceptOutcome::replaced: ++summary.replaced; break;
            case AcceptOutcome::unchanged: ++summary.unchanged; break;
            case AcceptOutcome::older: ++summary.older; break;
        }
        if (!result.current && engine != nullptr && s.document->json) add_older_version_finding(*engine, store, s);
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

}  // namespace

AcceptanceRun accept_year_by_year(const Engine& engine, SubmissionStore& store, const std::vector<InputFile>& inputs,
                                  unsigned jobs, const BatchProgress& progress, const Provenance& provenance) {
    AcceptanceRun result;
    result.run = judge_run(engine, inputs, jobs, progress);
    const auto by_year = inputs_by_year(result.run);
    bool first = true;
    for (const auto& [year, indices] : by_year) {
        // The first year was judged against the store as it is now; a later
        // one is judged again, now that the years before it are stored.
        RunReport round;
        if (first) {
            for (const std::size_t i : indices) round.submissions.push_back(std::move(result.run.submissions[i]));
        } else {
            spdlog::info("judging the {} file(s) of {} again, after the earlier years were stored", indices.size(), year);
        }
        const bool judged = first;
        first = false;
        try {
            // Judging a later year reads the years just stored: a store that
            // fails then is a store error like one while storing, and the
            // report of what was stored before it is still given.
            if (!judged) round = judge_run(engine, files_of(inputs, indices), jobs);
            add(result.summary, store_accepted(store, round, &engine, provenance));
        } catch (const StoreError& e) {
            result.store_error = e.what();
        }
        // (A year whose judging failed keeps its first judgement.)
        if (round.submissions.size() == indices.size()) {
            for (std::size_t k = 0; k < indices.size(); ++k) result.run.submissions[indices[k]] = std::move(round.submissions[k]);
        }
        if (result.store_error) break;  // later years stay as first judged, and are not stored
    }
    // Years never reached (storing failed before them) are not stored either.
    for (SubmissionReport& s : result.run.submissions) {
        if (!s.stored) s.stored = false;
    }
    result.run.summary = summarize(result.run.submissions);
    return result;
}

}  // namespace lmacheck
