#include "engine/run_phase.hpp"

#include "engine/builtin_rules.hpp"
#include "model/messages.hpp"
#include "model/report_model.hpp"
#include "plugins/plugin_guard.hpp"
#include "store/store_error.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <unordered_map>

namespace lmacheck {
namespace {

bool has_error(const Engine& engine, const FileWork& work) {
    const auto error = [&](std::string_view rule) {
        return severity_of(engine.catalog(), *work.plan, rule) == Severity::error;
    };
    return std::any_of(work.findings.begin(), work.findings.end(), [&](const RawFinding& f) { return error(f.rule); }) ||
           std::any_of(work.budget.dropped().begin(), work.budget.dropped().end(),
                       [&](const auto& dropped) { return error(dropped.first); });
}

// The run and the store as one level-3 check sees them. Facts are the
// check's own: the run's were collected in the document phase, the store's
// are collected here, one accepted document at a time.
class CheckView final : public RunView {
public:
    CheckView(const Engine& engine, std::vector<FileWork>& files, std::size_t rule)
        : engine_(engine), check_(*engine.aggregate_rules()[rule].check) {
        entries_.reserve(files.size());
        file_of_.reserve(files.size());
        for (std::size_t i = 0; i < files.size(); ++i) {
            FileWork& work = files[i];
            if (!work.sound) continue;
            entries_.push_back(RunEntry{work.file, *work.identity.parsed_kind, *work.identity.submitter_id,
                                        *work.identity.reporting_year, std::move(work.facts[rule]), false,
                                        has_error(engine, work)});
            file_of_.push_back(i);
            for (const auto& [failed_rule, reason] : work.collect_failures) {
                if (failed_rule == rule && !collect_failure_) {
                    collect_failure_ = "collecting from " + work.file + ": " + reason;
                }
            }
        }
        for (const RunEntry& e : entries_) run_.push_back(&e);
    }

    const std::vector<const RunEntry*>& targets() const override { return targets_; }
    const std::vector<const RunEntry*>& run() const override { return run_; }
    const ReferenceData& reference() const override { return engine_.reference(); }

    std::vector<const RunEntry*> accepted_of_year(Kind kind, int year) const override {
        std::vector<const RunEntry*> found;
        for (const RunEntry& e : entries_) {
            if (e.kind != kind || e.reporting_year != year || e.rejected) continue;
            found.push_back(&e);
        }
        // The store's, for submitters without one in the run.
        if (const std::deque<RunEntry>& in_store = stored(kind, year); !in_store.empty()) {
            std::set<std::string_view> in_run;
            for (const RunEntry* e : found) in_run.insert(e->submitter_id);
            for (const RunEntry& e : in_store) {
                if (in_run.count(e.submitter_id) == 0) found.push_back(&e);
            }
        }
        std::stable_sort(found.begin(), found.end(), [](const RunEntry* a, const RunEntry* b) {
            return a->submitter_id != b->submitter_id ? a->submitter_id < b->submitter_id : a->file < b->file;
        });
        return found;
    }

    std::vector<RunEntry>& entries() { return entries_; }
    // The file of one of the run's entries (not of the store's).
    std::size_t file_of_entry(std::size_t entry) const { return file_of_[entry]; }
    // The file of a target; none for anything else a check may hand back
    // (a stored submission, a copy).
    std::optional<std::size_t> file_of_target(const RunEntry* entry) const {
        // std::less: a total order also over pointers into other objects.
        const std::less<const RunEntry*> before;
        if (before(entry, entries_.data()) || !before(entry, entries_.data() + entries_.size())) return std::nullopt;
        const auto index = static_cast<std::size_t>(entry - entries_.data());
        if (!is_target_[index]) return std::nullopt;
        return file_of_[index];
    }
    void set_targets(std::vector<const RunEntry*> targets) {
        targets_ = std::move(targets);
        is_target_.assign(entries_.size(), false);
        for (const RunEntry* target : targets_) is_target_[static_cast<std::size_t>(target - entries_.data())] = true;
    }
    // Why the check could not collect its facts from one of the run's files.
    const std::optional<std::string>& collect_failure() const { return collect_failure_; }

private:
    // The store's current versions of a year, read once per kind and year;
    // only their facts are kept.
    const std::deque<RunEntry>& stored(Kind kind, int year) const {
        const auto key = std::make_pair(kind, year);
        if (auto it = stored_.find(key); it != stored_.end()) return it->second;
        // Filled aside, so that a failure leaves no half-read year behind.
        std::deque<RunEntry> entries;
        if (engine_.store() != nullptr) {
            for (AcceptedDocument& accepted : engine_.store()->current_of_year(kind, year)) {
                const AcceptedSubmission& s = accepted.submission;
                const Submission submission(accepted.document, s.kind, s.reporting_year, engine_.reference());
                entries.push_back(RunEntry{s.file, s.kind, s.submitter_id, s.reporting_year,
                                           check_.collect(submission), true, false});
            }
        }
        return stored_.emplace(key, std::move(entries)).first->second;
    }

    const Engine& engine_;
    const AggregateCheck& check_;
    std::vector<RunEntry> entries_;  // built once: pointers to them stay valid
    std::vector<std::size_t> file_of_;
    std::vector<const RunEntry*> run_;
    std::vector<const RunEntry*> targets_;
    std::vector<bool> is_target_;  // by index in entries_
    std::optional<std::string> collect_failure_;
    mutable std::map<std::pair<Kind, int>, std::deque<RunEntry>> stored_;
};

// Holds a check's findings until it returns: a check that throws halfway
// leaves none of them, only engine.rule-failed.
class CollectingRunReporter final : public RunReporter {
public:
    // `info` and `language`: to word a reason given as a message template.
    CollectingRunReporter(const CheckView& view, const RuleInfo& info, Language language)
        : view_(view), info_(info), language_(language) {}

    void report(const RunEntry& target, std::string_view message_id, const MessageArgs& args,
                std::vector<Related> related, std::optional<nlohmann::json> expected,
                std::optional<nlohmann::json> actual) override {
        const std::optional<std::size_t> file = view_.file_of_target(&target);
        if (!file) {
            throw std::invalid_argument("reported on " + target.file + ", which is none of the rule's targets");
        }
        std::sort(related.begin(), related.end(), [](const Related& a, const Related& b) {
            return a.file != b.file ? a.file < b.file : compare_pointers(a.path, b.path) < 0;
        });
        found_.push_back({*file, std::string(message_id), args, std::move(related), std::move(expected),
                          std::move(actual), std::nullopt});
    }

    void report_scored(const RunEntry& target, double score, std::string_view message_id, const MessageArgs& args,
                       std::vector<Related> related, std::optional<nlohmann::json> expected,
                       std::optional<nlohmann::json> actual) override {
        // A score the JSON report cannot write (NaN, infinity) is the rule's fault.
        if (!std::isfinite(score)) throw std::invalid_argument("reported a score that is not a finite number");
        report(target, message_id, args, std::move(related), std::move(expected), std::move(actual));
        found_.back().score = score;
    }

    void skip(const RunEntry& target, std::string_view reason) override {
        const std::optional<std::size_t> file = view_.file_of_target(&target);
        if (!file) throw std::invalid_argument("skipped " + target.file + ", which is none of the rule's targets");
        skipped_.emplace_back(*file, std::string(reason));
    }

    void skip_message(const RunEntry& target, std::string_view message_id, const MessageArgs& args) override {
        skip(target, render_message(info_.messages, message_id, args, language_));
    }

    // Not through the files' budgets: as before level 3 became plugins, a
    // level-3 finding is kept and the caps trim the report in its final
    // order (engine/finalize.cpp).
    void add_to(std::vector<FileWork>& files, const std::string& rule) {
        for (Found& f : found_) {
            FileWork& work = files[f.file];
            work.findings.push_back(RawFinding{rule, "", std::move(f.message_id), std::move(f.args),
                                               std::move(f.expected), std::move(f.actual), work.root_position,
                                               std::move(f.related), f.score});
        }
        // A rule that skipped a file did not judge it: listed as skipped, no
        // longer as run (and its explanations are not judged against it).
        // The files skipped for the same reason share its text.
        const SharedText rule_id(rule);
        std::unordered_map<std::string, SharedText> reasons;
        for (auto& [file, reason] : skipped_) {
            FileWork& work = files[file];
            if (std::any_of(work.skipped_rules.begin(), work.skipped_rules.end(),
                            [&](const SkippedRule& s) { return s.rule == rule; })) {
                continue;  // one reason per rule and file: the first
            }
            const SharedText& shared = reasons.try_emplace(reason, reason).first->second;
            work.skipped_rules.push_back({rule_id, shared});
            std::erase_if(work.ran, [&](std::uint16_t index) { return work.ran_rule(index).entry->info.id == rule; });
        }
    }

private:
    struct Found {
        std::size_t file;
        std::string message_id;
        MessageArgs args;
        std::vector<Related> related;
        std::optional<nlohmann::json> expected;
        std::optional<nlohmann::json> actual;
        std::optional<double> score;
    };
    const CheckView& view_;
    const RuleInfo& info_;
    Language language_;
    std::vector<Found> found_;
    std::vector<std::pair<std::size_t, std::string>> skipped_;
};

// The files one configured check reports on: sound, of the kind the rule
// applies to, and their year's plan runs the rule with this check. Each of
// them records that the rule looked at it.
std::vector<const RunEntry*> targets_of(const AggregateRule& rule, CheckView& view, std::vector<FileWork>& files) {
    std::vector<const RunEntry*> targets;
    // The rule in each year's plan, looked up once per plan (a run has a few
    // plans and thousands of files).
    std::vector<std::pair<const RulePlan*, const PlannedRule*>> in_plan;
    const auto planned_in = [&](const RulePlan* plan) {
        const auto known = std::find_if(in_plan.begin(), in_plan.end(), [&](const auto& p) { return p.first == plan; });
        if (known != in_plan.end()) return known->second;
        return in_plan.emplace_back(plan, plan->find(rule.entry->info.id)).second;
    };
    for (std::size_t i = 0; i < view.entries().size(); ++i) {
        const RunEntry& entry = view.entries()[i];
        if (rule.entry->info.applies_to && *rule.entry->info.applies_to != entry.kind) continue;
        FileWork& work = files[view.file_of_entry(i)];
        const PlannedRule* planned = planned_in(work.plan);
        if (planned == nullptr || planned->check != rule.owner) continue;
        targets.push_back(&entry);
        work.mark_ran(*planned);
        work.level3_ran = true;
    }
    return targets;
}

// engine.rule-failed on every file the rule would have reported on.
void fail_on_targets(const CheckView& view, std::vector<FileWork>& files, const std::string& rule,
                     const std::string& reason) {
    for (const RunEntry* target : view.targets()) {
        FileWork& work = files[*view.file_of_target(target)];
        work.findings.push_back(RawFinding{builtin::rule_failed, "", "failed", {{"rule", rule}, {"reason", reason}},
                                           std::nullopt, std::nullopt, work.root_position});
    }
}

void run_rule(const Engine& engine, std::vector<FileWork>& files, std::size_t index) {
    const AggregateRule& rule = engine.aggregate_rules()[index];
    const std::string& id = rule.entry->info.id;
    CheckView view(engine, files, index);
    std::vector<const RunEntry*> targets = targets_of(rule, view, files);
    if (targets.empty()) return;
    view.set_targets(std::move(targets));
    // A check that could not read one of the files would judge the others
    // on part of the run.
    if (view.collect_failure()) return fail_on_targets(view, files, id, *view.collect_failure());
    CollectingRunReporter reporter(view, rule.entry->info, engine.language());
    try {
        const PluginCall watched({"rule ", id, " (plugin ", rule.entry->plugin, ") on the run"});
        rule.check->check_run(view, reporter);
        reporter.add_to(files, id);
    } catch (const StoreError&) {
        throw;  // the store's fault, not the rule's or the submitters': exit 2
    } catch (const std::exception& e) {
        fail_on_targets(view, files, id, e.what());
    } catch (...) {
        fail_on_targets(view, files, id, "unknown exception");
    }
}

}  // namespace


void run_aggregate_rules(const Engine& engine, std::vector<FileWork>& files) {
    // One rule after another, in the catalog's order: a later rule sees whom
    // the earlier ones rejected (RunEntry::rejected is read afresh per rule).
    for (std::size_t i = 0; i < engine.aggregate_rules().size(); ++i) run_rule(engine, files, i);
}

}  // namespace lmacheck
