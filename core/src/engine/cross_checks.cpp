#include "engine/cross_checks.hpp"

#include "cross/batch_check.hpp"
#include "engine/builtin_rules.hpp"
#include "engine/explanations.hpp"
#include "engine/finding_budget.hpp"
#include "store/store_error.hpp"

#include <algorithm>
#include <deque>
#include <map>
#include <set>

namespace lmacheck {
namespace {

// Level-3 rules, like level-1 rules, read only documents without a
// structural (level-0) finding.
bool structurally_sound(const SubmissionReport& s) {
    if (!s.document || !s.document->json || !s.kind || !parse_kind(*s.kind) || !s.submitter_id || !s.reporting_year) {
        return false;
    }
    return std::none_of(s.findings.begin(), s.findings.end(),
                        [](const Finding& f) { return f.level == 0 && f.rule != builtin::rule_failed; });
}

bool has_error(const std::vector<Finding>& findings) {
    return std::any_of(findings.begin(), findings.end(), [](const Finding& f) { return f.severity == Severity::error; });
}

// The run and the store as level-3 rules see them.
class RunView final : public BatchView {
public:
    RunView(const RunReport& run, const AcceptedSubmissions& store, const ReferenceData& reference)
        : store_(store), reference_(reference) {
        for (std::size_t i = 0; i < run.submissions.size(); ++i) {
            const SubmissionReport& s = run.submissions[i];
            if (!structurally_sound(s)) continue;
            entries_.push_back(BatchEntry{s.file, *parse_kind(*s.kind), *s.submitter_id, *s.reporting_year,
                                          &*s.document->json, false, has_error(s.findings)});
            submission_of_.push_back(i);
        }
        for (const BatchEntry& e : entries_) run_.push_back(&e);
    }

    const std::vector<const BatchEntry*>& targets() const override { return targets_; }
    const std::vector<const BatchEntry*>& run() const override { return run_; }
    const ReferenceData& reference() const override { return reference_; }

    std::vector<const BatchEntry*> accepted_of_year(Kind kind, int year) const override {
        std::vector<const BatchEntry*> found;
        std::set<std::string> in_run;
        for (const BatchEntry& e : entries_) {
            if (e.kind != kind || e.reporting_year != year || e.rejected) continue;
            found.push_back(&e);
            in_run.insert(e.submitter_id);
        }
        for (const BatchEntry& e : stored(kind, year)) {
            if (in_run.count(e.submitter_id) == 0) found.push_back(&e);
        }
        std::stable_sort(found.begin(), found.end(), [](const BatchEntry* a, const BatchEntry* b) {
            return a->submitter_id != b->submitter_id ? a->submitter_id < b->submitter_id : a->file < b->file;
        });
        return found;
    }

    std::vector<BatchEntry>& entries() { return entries_; }
    std::size_t submission_of(const BatchEntry& entry) const {
        return submission_of_[static_cast<std::size_t>(&entry - entries_.data())];
    }
    void set_targets(std::vector<const BatchEntry*> targets) { targets_ = std::move(targets); }

private:
    // The store's current versions of a year, read once per kind and year.
    const std::deque<BatchEntry>& stored(Kind kind, int year) const {
        const auto key = std::make_pair(kind, year);
        auto it = stored_.find(key);
        if (it != stored_.end()) return it->second;
        std::deque<BatchEntry>& entries = stored_[key];
        std::deque<nlohmann::json>& documents = documents_[key];
        for (AcceptedDocument& accepted : store_.current_of_year(kind, year)) {
            documents.push_back(std::move(accepted.document));
            const AcceptedSubmission& s = accepted.submission;
            entries.push_back(BatchEntry{s.file, s.kind, s.submitter_id, s.reporting_year, &documents.back(), true, false});
        }
        return entries;
    }

    const AcceptedSubmissions& store_;
    const ReferenceData& reference_;
    std::vector<BatchEntry> entries_;  // built once: pointers to them stay valid
    std::vector<std::size_t> submission_of_;
    std::vector<const BatchEntry*> run_;
    std::vector<const BatchEntry*> targets_;
    mutable std::map<std::pair<Kind, int>, std::deque<BatchEntry>> stored_;
    mutable std::map<std::pair<Kind, int>, std::deque<nlohmann::json>> documents_;
};

// A level-3 finding before the rule set's severity and the language apply.
struct CrossFinding {
    std::size_t submission = 0;
    std::string message_id;
    MessageArgs args;
    std::vector<Related> related;
    std::optional<nlohmann::json> expected;
    std::optional<nlohmann::json> actual;
};

class CollectingBatchReporter final : public BatchReporter {
public:
    CollectingBatchReporter(const RunView& view, std::vector<CrossFinding>& out) : view_(view), out_(out) {}

    void report(const BatchEntry& target, std::string_view message_id, const MessageArgs& args,
                std::vector<Related> related, std::optional<nlohmann::json> expected,
                std::optional<nlohmann::json> actual) override {
        std::sort(related.begin(), related.end(), [](const Related& a, const Related& b) {
            return a.file != b.file ? a.file < b.file : compare_pointers(a.path, b.path) < 0;
        });
        out_.push_back(CrossFinding{view_.submission_of(target), std::string(message_id), args, std::move(related),
                                    std::move(expected), std::move(actual)});
    }

private:
    const RunView& view_;
    std::vector<CrossFinding>& out_;
};

const RulePlan& plan_of(const Engine& engine, const SubmissionReport& s) {
    return engine.rule_sets().for_year(s.reporting_year).plan_for(s.reporting_year);
}

// The targets of one level-3 rule, grouped by the configured check of their
// year's plan (overrides may give years other options).
std::vector<std::pair<const PlannedRule*, std::vector<const BatchEntry*>>> targets_by_check(
    const Engine& engine, const RunReport& run, RunView& view, const CatalogEntry& rule) {
    std::vector<std::pair<const PlannedRule*, std::vector<const BatchEntry*>>> groups;
    for (const BatchEntry& entry : view.entries()) {
        if (rule.info.applies_to && *rule.info.applies_to != entry.kind) continue;
        const PlannedRule* planned = plan_of(engine, run.submissions[view.submission_of(entry)]).find(rule.info.id);
        if (planned == nullptr || planned->check == nullptr) continue;
        auto group = std::find_if(groups.begin(), groups.end(),
                                  [&](const auto& g) { return g.first->check == planned->check; });
        if (group == groups.end()) group = groups.insert(groups.end(), {planned, {}});
        group->second.push_back(&entry);
    }
    return groups;
}

Finding to_finding(const CatalogEntry& rule, const PlannedRule& planned, CrossFinding&& raw, Language language) {
    Finding finding;
    finding.rule = rule.info.id;
    finding.severity = planned.severity;
    finding.level = rule.info.level;
    finding.path = "";
    finding.message = render_message(rule.info.messages, raw.message_id, raw.args, language);
    finding.expected = std::move(raw.expected);
    finding.actual = std::move(raw.actual);
    finding.related = std::move(raw.related);
    return finding;
}

Finding rule_failed(const Engine& engine, const std::string& rule, const std::string& reason) {
    Finding finding;
    finding.rule = builtin::rule_failed;
    finding.severity = Severity::error;
    finding.level = 0;
    finding.message = render_message(engine.catalog().find(builtin::rule_failed)->info.messages, "failed",
                                     {{"rule", rule}, {"reason", reason}}, engine.language());
    return finding;
}

// Runs one level-3 rule over the run: records in `ran` whom it ran on, in
// `added` what it found.
void run_rule(const Engine& engine, RunReport& run, RunView& view, const CatalogEntry& rule,
              std::vector<std::vector<const PlannedRule*>>& ran, std::vector<std::vector<Finding>>& added) {
    for (auto& [planned, targets] : targets_by_check(engine, run, view, rule)) {
        for (const BatchEntry* target : targets) ran[view.submission_of(*target)].push_back(planned);
        const auto* check = dynamic_cast<const BatchCheck*>(planned->check.get());
        if (check == nullptr) continue;
        std::vector<CrossFinding> found;
        CollectingBatchReporter reporter(view, found);
        view.set_targets(targets);
        try {
            check->check_batch(view, reporter);
        } catch (const StoreError&) {
            throw;  // the store's fault, not the rule's or the submitters': exit 2
        } catch (const std::exception& e) {
            for (const BatchEntry* target : targets) {
                added[view.submission_of(*target)].push_back(rule_failed(engine, rule.info.id, e.what()));
            }
            continue;
        }
        for (CrossFinding& f : found) {
            const std::size_t i = f.submission;
            const PlannedRule* own = plan_of(engine, run.submissions[i]).find(rule.info.id);
            added[i].push_back(to_finding(rule, own != nullptr ? *own : *planned, std::move(f), engine.language()));
        }
    }
    // A later level-3 rule sees who is rejected now (a duplicate no longer counts).
    for (BatchEntry& entry : view.entries()) {
        if (has_error(added[view.submission_of(entry)])) entry.rejected = true;
    }
}

// Explanations of level-3 warnings, and explanation.unused/on-error for those
// that name a level-3 rule: the per-file pass could not judge them yet.
void explain(const Engine& engine, SubmissionReport& s, std::vector<const PlannedRule*> ran, std::vector<Finding>& added) {
    const RulePlan& plan = plan_of(engine, s);
    for (const char* id : {builtin::explanation_unused, builtin::explanation_on_error}) {
        if (const PlannedRule* planned = plan.find(id)) ran.push_back(planned);
    }
    const std::size_t before = added.size();
    apply_explanations(*s.document->json, plan, ran, engine.catalog(), engine.language(), added);
    if (added.size() == before) return;
    // Keep only what concerns explanations of level-3 rules: the per-file
    // pass has judged every other explanation already.
    const nlohmann::json& explanations = s.document->json->at("explanations");
    const auto judged_before = [&](const Finding& f) {
        const std::size_t index = std::stoul(f.path.substr(f.path.rfind('/') + 1));
        const CatalogEntry* named = engine.catalog().find(explanations.at(index).at("rule").get<std::string>());
        return named == nullptr || named->info.level != 3;
    };
    added.erase(std::remove_if(added.begin() + static_cast<std::ptrdiff_t>(before), added.end(), judged_before),
                added.end());
}

// Without --store, level-3 rules still look across the files of the run:
// two files for one submitter and year in one run are a problem whether or
// not earlier years are at hand.
class NoAcceptedSubmissions final : public AcceptedSubmissions {
public:
    std::optional<AcceptedSubmission> current(Kind, std::string_view, int) const override { return std::nullopt; }
    std::optional<AcceptedDocument> previous(Kind, std::string_view, int) const override { return std::nullopt; }
    std::vector<AcceptedDocument> current_of_year(Kind, int) const override { return {}; }
};

}  // namespace

void run_cross_checks(const Engine& engine, RunReport& run) {
    static const NoAcceptedSubmissions no_store;
    const AcceptedSubmissions* store = engine.store();
    RunView view(run, store != nullptr ? *store : no_store, engine.reference());
    std::vector<std::vector<const PlannedRule*>> ran(run.submissions.size());
    std::vector<std::vector<Finding>> added(run.submissions.size());
    for (const CatalogEntry& rule : engine.catalog().entries()) {
        if (rule.info.level == 3) run_rule(engine, run, view, rule, ran, added);
    }
    for (std::size_t i = 0; i < run.submissions.size(); ++i) {
        if (ran[i].empty()) continue;
        SubmissionReport& s = run.submissions[i];
        for (const PlannedRule* planned : ran[i]) s.rules_run.push_back(planned->entry->info.id);
        explain(engine, s, ran[i], added[i]);
        for (Finding& f : added[i]) {
            if (!f.position) f.position = s.document->position_of(f.path);
            s.findings.push_back(std::move(f));
        }
        std::stable_sort(s.findings.begin(), s.findings.end(), finding_order);
        trim_findings(s, engine.finding_limits().per_file);
        s.counts = count_findings(s.findings);
        count_dropped(s, s.counts);
    }
    run.summary = summarize(run.submissions);
}

RunReport judge_run(const Engine& engine, const std::vector<InputFile>& inputs, unsigned jobs,
                    const BatchProgress& progress) {
    RunReport run = run_batch(engine, inputs, jobs, progress);
    run_cross_checks(engine, run);
    return run;
}

}  // namespace lmacheck
