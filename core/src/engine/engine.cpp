#include "engine/engine.hpp"

#include "cross/cross_rules.hpp"
#include "engine/builtin_rules.hpp"
#include "engine/config_error.hpp"
#include "engine/explanations.hpp"
#include "engine/history.hpp"
#include "engine/plugin_guard.hpp"
#include "plugins/plugin_loader.hpp"
#include "store/submission_time.hpp"

#include <boost/dll/runtime_symbol_info.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <limits>

namespace lmacheck {
namespace {

namespace fs = std::filesystem;

constexpr const char* structural_errors_reason = "the document has structural errors";
constexpr const char* no_store_reason = "no --store given";
constexpr const char* no_previous_reason = "the store holds no accepted submission of an earlier year";

// Collects one rule's findings as RawFindings, as many as the file's budget
// allows; the rest are only counted.
class CollectingReporter final : public Reporter {
public:
    CollectingReporter(const std::string& rule, std::vector<RawFinding>& out, FindingBudget& budget)
        : rule_(rule), out_(out), budget_(budget) {}

    void report(std::string path, std::string_view message_id, const MessageArgs& args,
                std::optional<nlohmann::json> expected, std::optional<nlohmann::json> actual) override {
        if (!budget_.admit(rule_)) return;
        out_.push_back(RawFinding{rule_, std::move(path), std::string(message_id), args, std::move(expected),
                                  std::move(actual), std::nullopt});
    }

private:
    const std::string& rule_;
    std::vector<RawFinding>& out_;
    FindingBudget& budget_;
};

// Keeps the findings from `first` on only as far as the budget allows.
void keep_within_budget(std::vector<Finding>& findings, std::size_t first, FindingBudget& budget) {
    const auto from = findings.begin() + static_cast<std::ptrdiff_t>(first);
    findings.erase(std::remove_if(from, findings.end(), [&](const Finding& f) { return !budget.admit(f.rule); }),
                   findings.end());
}

// The dropped findings of a file, with the severity the plan gives each rule.
std::vector<DroppedFindings> dropped_findings(const FindingBudget& budget, const RulePlan& plan,
                                              const RuleCatalog& catalog) {
    std::vector<DroppedFindings> dropped;
    for (const auto& [rule, count] : budget.dropped()) {
        Severity severity = Severity::error;
        if (const PlannedRule* planned = plan.find(rule)) {
            severity = planned->severity;
        } else if (const CatalogEntry* entry = catalog.find(rule)) {
            severity = entry->info.severity;
        }
        dropped.push_back(DroppedFindings{rule, severity, count, 0});
    }
    return dropped;
}

// What the plugin guard says runs while `entry` checks `file`.
bool applies_to(const CatalogEntry& entry, std::optional<Kind> kind) {
    return !entry.info.applies_to || !kind || *entry.info.applies_to == *kind;
}

struct Metadata {
    std::optional<std::string> kind;
    std::optional<Kind> parsed_kind;
    std::optional<std::string> submitter_id;
    std::optional<int> reporting_year;
};

// What the report tells about a document even when parts fail the schema:
// each value whenever the document holds it with the right type.
Metadata read_metadata(const nlohmann::json& document) {
    Metadata meta;
    if (!document.is_object()) return meta;
    if (auto kind = document.find("kind"); kind != document.end() && kind->is_string()) {
        meta.kind = kind->get<std::string>();
        meta.parsed_kind = parse_kind(*meta.kind);
    }
    if (auto year = document.find("reporting_year"); year != document.end() && year->is_number_integer()) {
        const auto value = year->get<long long>();
        if (value >= std::numeric_limits<int>::min() && value <= std::numeric_limits<int>::max()) {
            meta.reporting_year = static_cast<int>(value);
        }
    }
    if (auto submitter = document.find("submitter"); submitter != document.end() && submitter->is_object() &&
                                                     meta.parsed_kind) {
        const char* key = *meta.parsed_kind == Kind::institution ? "agb_code" : "municipality_code";
        if (auto id = submitter->find(key); id != submitter->end() && id->is_string()) {
            meta.submitter_id = id->get<std::string>();
        }
    }
    return meta;
}

// The rules the engine implements itself: the built-in ones and
// history.resubmission and history.older-version, which read the store's
// state of the same year.
std::vector<RuleInfo> engine_rules() {
    std::vector<RuleInfo> rules = builtin_rules();
    rules.push_back(resubmission_rule_info());
    rules.push_back(older_version_rule_info());
    return rules;
}

// The level-3 rules are core rules with options (cross/batch_check.hpp).
std::vector<LoadedRule> with_cross_rules(std::vector<LoadedRule> rules) {
    for (auto make : {cross::make_duplicate_submission_rule, cross::make_sheltered_housing_region_rule}) {
        rules.push_back(LoadedRule{std::shared_ptr<const Rule>(make()), "core", {}});
    }
    return rules;
}

fs::path executable_dir() {
    try {
        return fs::path(boost::dll::program_location().parent_path().string());
    } catch (const std::exception&) {
        return fs::current_path();
    }
}

}  // namespace

std::vector<fs::path> default_plugin_dirs() {
    const fs::path exe = executable_dir();
    std::error_code ec;
    for (const fs::path& candidate : {exe / ".." / "plugins", exe / ".." / "lib" / "lmacheck" / "plugins"}) {
        if (fs::is_directory(candidate, ec)) return {candidate.lexically_normal()};
    }
    return {(exe / ".." / "plugins").lexically_normal()};
}

fs::path default_data_dir() { return (executable_dir() / ".." / "share" / "lmacheck").lexically_normal(); }

Engine::Engine(EngineOptions options) : options_(std::move(options)) {
    const fs::path schemas = options_.data_dir / "schemas";
    const fs::path rules = options_.data_dir / "rules";
    std::error_code ec;
    if (!fs::is_directory(schemas, ec) || !fs::is_directory(rules, ec)) {
        throw ConfigError("data directory " + options_.data_dir.string() +
                          " lacks schemas/ or rules/ (set it with --data-dir)");
    }
    install_plugin_guards(options_.rule_timeout);
    catalog_ = std::make_unique<RuleCatalog>(engine_rules(), with_cross_rules(load_plugins(options_.plugin_dirs)));
    schemas_ = SubmissionSchemas::load(schemas);
    reference_ = ReferenceList::load(rules / "reference" / "municipalities.json", schemas / "municipalities.schema.json");
    const fs::path ruleset_schema = schemas / "ruleset.schema.json";
    rule_sets_ = options_.ruleset_file ? RuleSetChoice::explicit_file(*options_.ruleset_file, ruleset_schema, *catalog_)
                                       : RuleSetChoice::shipped(rules, ruleset_schema, *catalog_);
    spdlog::debug("engine ready: {} rules, {} reference entries, {} rule set(s)", catalog_->entries().size(),
                  reference_.size(), rule_sets_.all().size());
}

SubmissionReport Engine::validate_file(const fs::path& file, std::string display_name,
                                       ValidationContext& context) const {
    return validate(load_document(file, std::move(display_name), options_.limits), context);
}

SubmissionReport Engine::validate_bytes(std::string bytes, std::string display_name,
                                        ValidationContext& context) const {
    return validate(parse_document(std::move(bytes), std::move(display_name), options_.limits), context);
}

SubmissionReport Engine::unreadable_input(std::string display_name, const std::string& reason) const {
    Document document;
    document.name = std::move(display_name);
    document.findings.push_back(
        RawFinding{builtin::document_unreadable, "", "cannot-read", {{"reason", reason}}, std::nullopt, std::nullopt, {}});
    ValidationContext unused;
    return validate(std::move(document), unused);
}

SubmissionReport Engine::validate(Document document, ValidationContext& context) const {
    SubmissionReport report;
    report.file = document.name;
    report.sha256 = document.sha256;

    FindingBudget budget(options_.findings.per_file);
    std::vector<RawFinding> raw;
    for (RawFinding& f : document.findings) {
        if (budget.admit(f.rule)) raw.push_back(std::move(f));
    }
    document.findings = std::vector<RawFinding>();
    Metadata meta;
    if (document.json) {
        meta = read_metadata(*document.json);
        for (RawFinding& f : context.structure.check(schemas_.for_document(*document.json), *document.json,
                                                     builtin::schema_structure, &budget)) {
            raw.push_back(std::move(f));
        }
    }
    report.kind = meta.kind;
    report.submitter_id = meta.submitter_id;
    report.reporting_year = meta.reporting_year;
    const RuleSet& rule_set = rule_sets_.for_year(meta.reporting_year);
    report.ruleset = rule_set.name();
    const RulePlan& plan = rule_set.plan_for(meta.reporting_year);

    // Level-1 rules read what the schema guarantees, so they run only on a
    // document without any level-0 finding.
    const bool structurally_sound =
        raw.empty() && budget.dropped().empty() && document.json && meta.parsed_kind.has_value() &&
        meta.reporting_year.has_value();
    SubmissionHistory history;
    if (structurally_sound && options_.store && meta.submitter_id) {
        history = look_up_history(*options_.store, *meta.parsed_kind, *meta.submitter_id, *meta.reporting_year);
    }
    std::vector<const PlannedRule*> ran;
    for (const PlannedRule& planned : plan.rules) {
        const CatalogEntry& entry = *planned.entry;
        if (!applies_to(entry, meta.parsed_kind)) continue;
        if (!structurally_sound) {
            // The catalog's reason for every rule above level 0, level 2
            // included: without a sound document no store would help.
            report.skipped_rules.push_back({entry.info.id, structural_errors_reason});
        } else if (entry.info.level == 2 && !options_.store) {
            report.skipped_rules.push_back({entry.info.id, no_store_reason});
        } else if (entry.info.level >= 3) {
            continue;  // runs over the whole run, after every file: run_cross_checks()
        } else if (entry.info.level == 2 && planned.check && !history.previous) {
            report.skipped_rules.push_back({entry.info.id, no_previous_reason});
        } else {
            ran.push_back(&planned);
        }
    }
    // What looked at the document, for reports that list passed checks too:
    // reading always; duplicate keys and the schema once the text parsed; the
    // rule-failed guard wherever level-1 rules ran.
    report.rules_run.push_back(builtin::document_unreadable);
    if (document.json) {
        report.rules_run.push_back(builtin::duplicate_key);
        report.rules_run.push_back(builtin::schema_structure);
    }
    if (structurally_sound) report.rules_run.push_back(builtin::rule_failed);
    for (const PlannedRule* planned : ran) report.rules_run.push_back(planned->entry->info.id);

    if (structurally_sound) {
        std::optional<PreviousSubmission> previous;
        if (history.previous) previous.emplace(history.previous->document, history.previous->submission.reporting_year);
        const Submission submission(*document.json, *meta.parsed_kind, *meta.reporting_year, reference_,
                                    previous ? &*previous : nullptr);
        const std::optional<std::string> submitted_at = submitted_at_of(*document.json);
        for (const PlannedRule* planned : ran) {
            const std::string& id = planned->entry->info.id;
            if (id == builtin::resubmission) {
                if (auto finding = resubmission_finding(history, report.sha256, submitted_at)) {
                    if (budget.admit(id)) raw.push_back(std::move(*finding));
                }
            } else if (id == builtin::older_version) {
                if (auto finding = older_version_finding(history, report.sha256, submitted_at)) {
                    if (budget.admit(id)) raw.push_back(std::move(*finding));
                }
            }
            if (!planned->check) continue;  // implemented by the engine (explanations, resubmission)
            CollectingReporter reporter(id, raw, budget);
            // The check object keeps its plugin loaded, so catching here is
            // safe. A rule-failed finding is kept whatever the budget says: it
            // is one per rule.
            try {
                const PluginCall watched(
                    {"rule ", id, " (plugin ", planned->entry->plugin, ") on file ", report.file});
                planned->check->check(submission, reporter);
            } catch (const std::exception& e) {
                raw.push_back(RawFinding{builtin::rule_failed, "", "failed", {{"rule", id}, {"reason", std::string(e.what())}},
                                         std::nullopt, std::nullopt, {}});
            } catch (...) {
                raw.push_back(RawFinding{builtin::rule_failed, "", "failed", {{"rule", id}, {"reason", "unknown exception"}},
                                         std::nullopt, std::nullopt, {}});
            }
        }
    }

    // Severity and message of each raw finding, as the rule set and language say.
    for (RawFinding& f : raw) {
        const CatalogEntry* entry = catalog_->find(f.rule);
        Finding finding;
        finding.rule = f.rule;
        finding.path = std::move(f.path);
        if (entry != nullptr) {
            const PlannedRule* planned = plan.find(f.rule);
            finding.level = entry->info.level;
            finding.severity = planned != nullptr ? planned->severity : entry->info.severity;
            finding.message = render_message(entry->info.messages, f.message_id, f.args, options_.language);
        } else {
            finding.message = "[unknown rule " + f.rule + "]";
        }
        finding.expected = std::move(f.expected);
        finding.actual = std::move(f.actual);
        finding.position = f.position;
        report.findings.push_back(std::move(finding));
    }

    if (structurally_sound) {
        const std::size_t before = report.findings.size();
        apply_explanations(*document.json, plan, ran, *catalog_, options_.language, report.findings);
        keep_within_budget(report.findings, before, budget);
    }

    if (document.json) {
        for (Finding& f : report.findings) {
            if (!f.position) f.position = document.position_of(f.path);
        }
    }
    std::stable_sort(report.findings.begin(), report.findings.end(), finding_order);
    report.dropped_findings = dropped_findings(budget, plan, *catalog_);
    report.counts = count_findings(report.findings);
    count_dropped(report, report.counts);
    // Level-3 rules read every sound document of the run (so a run holds
    // them all in memory until its cross-file pass), and `accept` stores the
    // bytes of what it accepts.
    if (options_.store || structurally_sound) report.document = std::make_shared<const Document>(std::move(document));
    return report;
}

}  // namespace lmacheck
