#include "engine/document_phase.hpp"

#include "document/dutch_reasons.hpp"
#include "engine/builtin_rules.hpp"
#include "engine/history.hpp"
#include "engine/workbook_columns.hpp"
#include "lmacheck/json_pointer.hpp"
#include "plugins/plugin_guard.hpp"
#include "store/submission_time.hpp"
#include "workbook/workbook_document.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <mutex>

namespace lmacheck {
namespace {

// Why a rule was skipped, in the run's language: reports show it to the
// submitter beside the counts, as they show the messages. One text each,
// shared by every file skipped for it.
struct SkipReason {
    SharedText en;
    SharedText nl;
    const SharedText& in(Language language) const { return language == Language::nl ? nl : en; }
};
const SkipReason structural_errors_reason{"the document has structural errors",
                                          "het document heeft structurele fouten"};
const SkipReason no_store_reason{"no --store given", "geen --store opgegeven"};
const SkipReason no_previous_reason{"the store holds no accepted submission of an earlier year",
                                    "de opslag bevat geen geaccepteerde inzending van een eerder jaar"};

// One text per register and language, shared by every file (worker threads
// ask for it at once, hence the lock).
SharedText no_register_reason(const std::string& register_name, Language language) {
    static std::mutex mutex;
    static std::map<std::pair<std::string, Language>, SharedText> made;
    const std::lock_guard lock(mutex);
    auto [it, added] = made.try_emplace({register_name, language});
    if (added) {
        it->second = (language == Language::nl ? "geen register " : "no register ") + register_name +
                     " in rules/registers/";
    }
    return it->second;
}

// Collects one rule's findings as RawFindings, as many as the file's budget
// allows; the rest are only counted.
class CollectingReporter final : public Reporter {
public:
    CollectingReporter(const std::string& rule, FileWork& work) : rule_(rule), work_(work) {}

    void report(std::string path, std::string_view message_id, const MessageArgs& args,
                std::optional<nlohmann::json> expected, std::optional<nlohmann::json> actual) override {
        if (!work_.budget.admit(rule_)) return;
        work_.findings.push_back(RawFinding{rule_, std::move(path), std::string(message_id), args,
                                            std::move(expected), std::move(actual), std::nullopt});
    }

private:
    const std::string& rule_;
    FileWork& work_;
};

RawFinding rule_failed(const std::string& rule, std::string reason) {
    return RawFinding{builtin::rule_failed, "", "failed", {{"rule", rule}, {"reason", std::move(reason)}},
                      std::nullopt, std::nullopt, std::nullopt};
}

FileIdentity read_identity(const nlohmann::json& document) {
    FileIdentity identity;
    if (!document.is_object()) return identity;
    if (auto kind = document.find("kind"); kind != document.end() && kind->is_string()) {
        identity.kind = kind->get<std::string>();
        identity.parsed_kind = parse_kind(*identity.kind);
    }
    if (auto year = document.find("reporting_year"); year != document.end() && year->is_number_integer()) {
        const auto value = year->get<long long>();
        if (value >= std::numeric_limits<int>::min() && value <= std::numeric_limits<int>::max()) {
            identity.reporting_year = static_cast<int>(value);
        }
    }
    if (auto submitter = document.find("submitter"); submitter != document.end() && submitter->is_object() &&
                                                     identity.parsed_kind) {
        const char* key = *identity.parsed_kind == Kind::institution ? "agb_code" : "municipality_code";
        if (auto id = submitter->find(key); id != submitter->end() && id->is_string()) {
            identity.submitter_id = id->get<std::string>();
        }
        if (auto name = submitter->find("name"); name != submitter->end() && name->is_string()) {
            identity.submitter_name = name->get<std::string>();
        }
    }
    return identity;
}

// Level 0: what the loader found, then the schema of the document's kind.
void check_structure(const Engine& engine, FileWork& work, Document& document, ValidationContext& context) {
    for (RawFinding& f : document.findings) {
        if (work.budget.admit(f.rule)) work.findings.push_back(std::move(f));
    }
    document.findings.clear();
    if (!document.json) return;
    work.identity = read_identity(*document.json);
    const CompiledSchema& schema = engine.schemas().for_document(*document.json);
    // A workbook's unknown or missing column is one finding at row 1, and
    // then not one more on each record.
    ColumnFindings columns = check_workbook_columns(document, schema.source());
    for (RawFinding& f : columns.findings) {
        if (work.budget.admit(f.rule)) work.findings.push_back(std::move(f));
    }
    for (RawFinding& f : context.structure.check(schema, *document.json, builtin::schema_structure, &work.budget,
                                                 &columns.reported)) {
        work.findings.push_back(std::move(f));
    }
    workbook::explain_cell_values(document, work.findings);
}

bool applies_to(const CatalogEntry& entry, std::optional<Kind> kind) {
    return !entry.info.applies_to || !kind || *entry.info.applies_to == *kind;
}

// The first register the rule reads that the data directory lacks.
const std::string* missing_register(const Engine& engine, const CatalogEntry& entry) {
    for (const std::string& name : entry.info.registers) {
        if (engine.reference().register_data(name) == nullptr) return &name;
    }
    return nullptr;
}

// Which planned rules run on the file and which are skipped, with the reason
// the catalog gives; level-3 rules are the run phase's (engine/run_phase.hpp).
void plan_rules(const Engine& engine, FileWork& work, const SubmissionHistory& history) {
    const Language language = engine.language();
    work.ran.reserve(work.plan->rules.size());  // level-3 rules join later (engine/run_phase.cpp)
    for (const PlannedRule& planned : work.plan->rules) {
        const CatalogEntry& entry = *planned.entry;
        if (!applies_to(entry, work.identity.parsed_kind)) continue;
        if (!work.sound) {
            // The catalog's reason for every rule above level 0, level 2
            // included: without a sound document no store would help.
            work.skipped_rules.push_back({planned.id, structural_errors_reason.in(language)});
        } else if (entry.info.level == 2 && engine.store() == nullptr) {
            work.skipped_rules.push_back({planned.id, no_store_reason.in(language)});
        } else if (entry.info.level == 3) {
            continue;  // looks at the whole run, after every file
        } else if (entry.info.level == 2 && planned.check && !history.previous) {
            work.skipped_rules.push_back({planned.id, no_previous_reason.in(language)});
        } else if (const std::string* missing = missing_register(engine, entry)) {
            work.skipped_rules.push_back({planned.id, no_register_reason(*missing, language)});
        } else {
            work.mark_ran(planned);
        }
    }
}

// Levels 1 and 2, and the engine's own history rules. A rule that throws
// gets engine.rule-failed (kept whatever the budget says: one per rule) and
// the others still run. The check object keeps its plugin loaded, so
// catching here is safe.
void run_document_rules(FileWork& work, const Submission& submission, const SubmissionHistory& history) {
    for (const std::uint16_t index : work.ran) {
        const PlannedRule* planned = &work.ran_rule(index);
        const std::string& id = planned->entry->info.id;
        std::optional<RawFinding> own;
        if (id == builtin::resubmission) own = resubmission_finding(history, work.sha256, work.submitted_at);
        if (id == builtin::older_version) own = older_version_finding(history, work.sha256, work.submitted_at);
        if (own && work.budget.admit(id)) work.findings.push_back(std::move(*own));
        if (!planned->check) continue;  // implemented by the engine (explanations, history)
        CollectingReporter reporter(id, work);
        try {
            const PluginCall watched({"rule ", id, " (plugin ", planned->entry->plugin, ") on file ", work.file});
            planned->check->check(submission, reporter);
        } catch (const std::exception& e) {
            work.findings.push_back(rule_failed(id, e.what()));
        } catch (...) {
            work.findings.push_back(rule_failed(id, "unknown exception"));
        }
    }
}

// The facts every level-3 check needs from this file, collected now so that
// the document need not be kept for the run phase. A check that throws fails
// on the files it reports on, not on this one (engine/run_phase.cpp): the
// file may not even be one of them.
void collect_facts(const Engine& engine, FileWork& work, const Submission& plain) {
    work.facts.reserve(engine.aggregate_rules().size());
    for (std::size_t index = 0; index < engine.aggregate_rules().size(); ++index) {
        const AggregateRule& rule = engine.aggregate_rules()[index];
        const std::string& id = rule.entry->info.id;
        nlohmann::json facts;
        std::optional<std::string> failure;
        try {
            const PluginCall watched({"rule ", id, " (plugin ", rule.entry->plugin, ") collecting from ", work.file});
            facts = rule.check->collect(plain);
        } catch (const std::exception& e) {
            failure = e.what();
        } catch (...) {
            failure = "unknown exception";
        }
        work.facts.push_back(std::move(facts));
        if (failure) work.collect_failures.emplace_back(index, std::move(*failure));
    }
}

bool explains(const FileWork& work) {
    return std::any_of(work.ran.begin(), work.ran.end(), [&](std::uint16_t index) {
        const std::string& id = work.ran_rule(index).entry->info.id;
        return id == builtin::explanation_unused || id == builtin::explanation_on_error ||
               id == builtin::explanation_unknown_rule || id == builtin::explanation_bad_path;
    });
}

// Where later findings will point: the whole document (level 3) and, when
// the explanation rules run, each explanation (judged in finalize).
// Positions of the findings so far are looked up while the text is at hand.
void keep_positions(FileWork& work, Document& document) {
    for (RawFinding& f : work.findings) {
        if (!f.position) f.position = document.position_of(f.path);
    }
    work.root_position = document.root_position();
    if (!work.sound) return;
    const auto explanations = document.json->find("explanations");
    if (explanations == document.json->end() || !explanations->is_array() || explanations->empty()) return;
    if (explains(work)) {
        for (std::size_t i = 0; i < explanations->size(); ++i) {
            work.explanation_positions.push_back(document.position_of(pointer("explanations", i)));
        }
    }
    work.explanations = std::move(*explanations);  // the document is freed next
}

}  // namespace

FileWork judge_document(const Engine& engine, Document document, ValidationContext& context, bool keep_bytes) {
    FileWork work(engine.finding_limits().per_file);
    work.file = document.name;
    work.sha256 = document.sha256;
    check_structure(engine, work, document, context);
    work.rule_set = &engine.rule_set_for(work.identity.reporting_year);
    work.plan = &work.rule_set->plan_for(work.identity.reporting_year);
    // Level-1 rules read what the schema guarantees, so they run only on a
    // document without any level-0 finding (kept or dropped).
    work.sound = work.findings.empty() && work.budget.dropped().empty() && document.json &&
                 work.identity.parsed_kind && work.identity.submitter_id && work.identity.reporting_year;

    SubmissionHistory history;
    if (work.sound) {
        work.submitted_at = submitted_at_of(*document.json);
        if (engine.store() != nullptr) {
            history = look_up_history(*engine.store(), *work.identity.parsed_kind, *work.identity.submitter_id,
                                      *work.identity.reporting_year);
        }
    }
    plan_rules(engine, work, history);
    work.parsed = document.json.has_value();
    if (work.sound) {
        const Kind kind = *work.identity.parsed_kind;
        const int year = *work.identity.reporting_year;
        std::optional<PreviousSubmission> previous;
        if (history.previous) previous.emplace(history.previous->document, history.previous->submission.reporting_year);
        run_document_rules(work, Submission(*document.json, kind, year, engine.reference(), previous ? &*previous : nullptr),
                           history);
        collect_facts(engine, work, Submission(*document.json, kind, year, engine.reference()));
    }
    keep_positions(work, document);
    if (keep_bytes) {
        work.bytes = std::make_shared<const std::string>(std::move(document.bytes));
    } else {
        work.submitted_at.reset();  // the history rules above read it; later only acceptance does
    }
    return work;
}

FileWork judge_unreadable(const Engine& engine, std::string name, const std::string& reason) {
    Document document;
    document.name = std::move(name);
    document.findings.push_back(RawFinding{builtin::document_unreadable, "", "cannot-read",
                                           {{"reason", reason}, {"reason_nl", dutch_reason(reason)}},
                                           std::nullopt, std::nullopt, std::nullopt});
    ValidationContext unused;
    return judge_document(engine, std::move(document), unused, false);
}

}  // namespace lmacheck
