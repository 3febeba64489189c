// The words of the reports meant for people (HTML, Markdown), in English and
// Dutch. Messages come from the engine, already in the run's language; these
// are only the labels around them.
#pragma once

#include "model/messages.hpp"
#include "model/report_model.hpp"
#include "lmacheck/finding.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace lmacheck {

struct ReportLabels {
    const char* title;
    const char* files;
    const char* file;
    const char* status;
    const char* accepted;
    const char* rejected;
    const char* errors;
    const char* warnings;
    const char* explained;       // column and count: explained warnings
    const char* explained_mark;  // beside one explained warning
    const char* infos;
    const char* kind;
    const char* submitter;
    const char* year;
    const char* ruleset;
    const char* skipped;
    const char* findings;
    const char* rule;
    const char* location;
    const char* path;
    const char* message;
    const char* expected;
    const char* actual;
    const char* severity;
    const char* error;
    const char* warning;
    const char* info;
    const char* no_findings;
    const char* none_of_severity;
    const char* filter;
    const char* submissions;
    const char* count_errors;     // "3 errors" in a summary line
    const char* count_warnings;
    const char* count_explained;
    const char* generated_by;
    const char* generated_at;  // before the time of a run with --timestamp
    const char* whole_file;    // the path "" (the whole document)
    const char* at_most;       // an expected "<= X"
    const char* at_least;      // an expected ">= X"
    const char* less_than;     // an expected "< X"
    const char* more_than;     // an expected "> X"
    const char* explanation;   // before an explained warning's explanation text
};

const ReportLabels& report_labels(Language language);

// A finding's path for people: `(whole file)` for "", else the pointer.
std::string readable_path(const std::string& path, const ReportLabels& labels);

// An expected or actual value as the message would write it: a fractional
// number with two decimals (decimal comma in Dutch), a count as it is, a
// bound "<= 1.0" as "at most 1.00", any other string without quotes,
// anything else as compact JSON.
std::string readable_value(const nlohmann::json& value, Language language);

const char* severity_label(Severity severity, const ReportLabels& labels);
// The heading of a group of findings: "Errors", "Warnings", "Info".
const char* severity_group_label(Severity severity, const ReportLabels& labels);

// "2 submissions: 1 accepted, 1 rejected; 3 errors, 1 warning, 0 explained".
std::string summary_sentence(const RunSummary& summary, const ReportLabels& labels);

// The skipped rules of a submission in one cell: "3 (no --store given)",
// each distinct reason once; "0" when none.
std::string skipped_rules_text(const SubmissionReport& submission);

// "390 more finding(s) of RULE (error) not listed (--max-findings-per-file,
// --max-findings-per-run)" for findings beyond the caps, in `language`.
std::string dropped_findings_text(const DroppedFindings& dropped, Language language);

// A count with its noun, singular for exactly one: "1 error", "2 errors";
// "1 fout", "2 fouten"; "1 rule skipped", "3 regels overgeslagen".
enum class CountedNoun { submission, error, warning, skipped_rule };
std::string count_text(long long count, CountedNoun noun, Language language);

// A submission's kind as a reader of `language` names it: "institution" is
// "instelling" in Dutch, "municipality" "gemeente"; other text as it is.
std::string kind_text(const std::string& kind, Language language);

// The language whose labels `labels` are.
Language labels_language(const ReportLabels& labels);

// The column headers of `lmacheck rules` (text) and the words in its cells.
struct RulesListingLabels {
    const char* rule;
    const char* level;
    const char* severity;
    const char* plugin;
    const char* applies_to;
    const char* description_and_options;
    const char* options;      // before a rule's options: "options: max=1"
    const char* any_kind;     // applies to every kind of submission
};

const RulesListingLabels& rules_listing_labels(Language language);

}  // namespace lmacheck
