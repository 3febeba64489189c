#include "engine/finalize.hpp"

#include "engine/builtin_rules.hpp"
#include "engine/explanations.hpp"
#include "model/finding_budget.hpp"

#include <algorithm>

namespace lmacheck {
namespace {

// What a finding expected, in the run's language: a described expectation
// ("number between 0 and 100", the schema's) reads like the message, which
// was rendered from the same description in both languages; a value (an
// enum's values, a constant, a bound) is the same in every language.
std::optional<nlohmann::json> expected_in_language(RawFinding& raw, Language language) {
    if (language != Language::nl || !raw.expected || !raw.expected->is_string()) return std::move(raw.expected);
    const auto arg = [&](std::string_view name) -> const nlohmann::json* {
        for (const auto& [key, value] : raw.args) {
            if (key == name) return &value;
        }
        return nullptr;
    };
    const nlohmann::json* english = arg("expected_en");
    const nlohmann::json* dutch = arg("expected_nl");
    if (english != nullptr && dutch != nullptr && *english == *raw.expected) return *dutch;
    return std::move(raw.expected);
}

Finding render(const Engine& engine, const RulePlan& plan, RawFinding&& raw) {
    Finding finding;
    finding.rule = raw.rule;
    finding.path = std::move(raw.path);
    if (const CatalogEntry* entry = engine.catalog().find(raw.rule)) {
        finding.level = entry->info.level;
        finding.severity = severity_of(engine.catalog(), plan, raw.rule);
        finding.message = render_message(entry->info.messages, raw.message_id, raw.args, engine.language());
    } else {
        finding.message = "[unknown rule " + raw.rule + "]";
    }
    finding.expected = expected_in_language(raw, engine.language());
    finding.actual = std::move(raw.actual);
    finding.position = raw.position;
    finding.related = std::move(raw.related);
    finding.score = raw.score;
    return finding;
}

// Keeps the findings from `first` on only as far as the budget allows.
void keep_within_budget(std::vector<Finding>& findings, std::size_t first, FindingBudget& budget) {
    const auto from = findings.begin() + static_cast<std::ptrdiff_t>(first);
    findings.erase(std::remove_if(from, findings.end(), [&](const Finding& f) { return !budget.admit(f.rule); }),
                   findings.end());
}

// The dropped findings of a file, with the severity the plan gives each rule.
std::vector<DroppedFindings> dropped_findings(const Engine& engine, const FileWork& work) {
    std::vector<DroppedFindings> dropped;
    for (const auto& [rule, count] : work.budget.dropped()) {
        dropped.push_back(DroppedFindings{rule, severity_of(engine.catalog(), *work.plan, rule), count, 0});
    }
    return dropped;
}

// The explanations, judged once against every finding of every level.
void explain(const Engine& engine, FileWork& work, std::vector<Finding>& findings) {
    if (!work.sound || work.explanations.is_null()) return;
    const std::size_t before = findings.size();
    std::vector<const PlannedRule*> ran;
    ran.reserve(work.ran.size());
    for (const std::uint16_t index : work.ran) ran.push_back(&work.ran_rule(index));
    apply_explanations(work.explanations, work.explanation_positions, *work.plan, ran, engine.catalog(),
                       engine.language(), findings);
    keep_within_budget(findings, before, work.budget);
}

// The explanations the reports can show: those with a rule, a path and a
// text, all strings (the schema requires them; a document with structural
// findings may still have others, and they are left out).
std::vector<SubmitterExplanation> explanation_texts(const nlohmann::json& explanations) {
    std::vector<SubmitterExplanation> out;
    if (!explanations.is_array()) return out;
    for (const nlohmann::json& e : explanations) {
        if (!e.is_object()) continue;
        const auto rule = e.find("rule"), path = e.find("path"), text = e.find("text");
        if (rule == e.end() || path == e.end() || text == e.end()) continue;
        if (!rule->is_string() || !path->is_string() || !text->is_string()) continue;
        out.push_back({rule->get<std::string>(), path->get<std::string>(), text->get<std::string>()});
    }
    return out;
}

// After the findings are in report order and within the caps.
void count(SubmissionReport& report) {
    report.counts = count_findings(report.findings);
    count_dropped(report, report.counts);  // findings the caps dropped still count
}

// The level-0 checks as every file's list of the rules that ran names them.
const SharedText unreadable_id{builtin::document_unreadable};
const SharedText duplicate_key_id{builtin::duplicate_key};
const SharedText schema_structure_id{builtin::schema_structure};
const SharedText rule_failed_id{builtin::rule_failed};

// What looked at the document, for reports that list passed checks too:
// reading always; duplicate keys and the schema once the text parsed; the
// rule-failed guard wherever rules ran; then the planned rules that ran.
std::vector<SharedText> rules_run(const FileWork& work) {
    std::vector<SharedText> run;
    run.reserve(4 + work.ran.size());
    run.push_back(unreadable_id);
    if (work.parsed) {
        run.push_back(duplicate_key_id);
        run.push_back(schema_structure_id);
    }
    if (work.sound) run.push_back(rule_failed_id);
    for (const std::uint16_t index : work.ran) run.push_back(work.ran_rule(index).id);
    return run;
}

}  // namespace

SubmissionReport finalize(const Engine& engine, FileWork&& work) {
    SubmissionReport report;
    report.file = std::move(work.file);
    report.sha256 = std::move(work.sha256);
    report.kind = std::move(work.identity.kind);
    report.submitter_id = std::move(work.identity.submitter_id);
    report.submitter_name = std::move(work.identity.submitter_name);
    report.reporting_year = work.identity.reporting_year;
    report.ruleset = work.rule_set->name();
    report.findings.reserve(work.findings.size());
    for (RawFinding& raw : work.findings) report.findings.push_back(render(engine, *work.plan, std::move(raw)));
    explain(engine, work, report.findings);
    report.explanations = explanation_texts(work.explanations);
    report.skipped_rules = std::move(work.skipped_rules);
    report.rules_run = rules_run(work);
    report.dropped_findings = dropped_findings(engine, work);
    std::stable_sort(report.findings.begin(), report.findings.end(), finding_order);
    // The document phase kept its findings within the file's cap; level-3
    // findings came on top of them, and the cap keeps the first in report
    // order.
    if (work.level3_ran) trim_findings(report, engine.finding_limits().per_file);
    count(report);
    return report;
}

void add_late_finding(const Engine& engine, SubmissionReport& report, RawFinding&& finding) {
    report.findings.push_back(render(engine, engine.plan_for(report.reporting_year), std::move(finding)));
    std::stable_sort(report.findings.begin(), report.findings.end(), finding_order);
    trim_findings(report, engine.finding_limits().per_file);
    count(report);
}

}  // namespace lmacheck
