// The SARIF 2.1.0 report, for code-scanning views (GitHub, GitLab, IDEs):
// one run; tool.driver.rules describes every rule of the catalog; with
// --timestamp, one invocation with its end time; one result
// per finding with its rule, level, message, the file as a URI with the
// value's line and column, and the JSON Pointer as a logical location.
// Explained warnings stay warnings with an in-source suppression (the
// explanation is in the submission itself), so viewers that hide suppressed
// results hide them, as the counts do.
#include "report/file_uri.hpp"
#include "report/report_format.hpp"
#include "report/sarif_rules.hpp"
#include "ruleset/rule_catalog.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <string>

namespace lmacheck {
namespace {

using ordered = nlohmann::ordered_json;

constexpr const char* sarif_schema_uri = "https://json.schemastore.org/sarif-2.1.0.json";
// Relative artifact URIs are relative to the directory lmacheck ran in; SARIF
// names that base, and viewers map it to the checkout.
constexpr const char* source_root = "%SRCROOT%";

const char* explained_justification(Language language) {
    return language == Language::nl ? "toegelicht door de inzender (explanations in de inzending)"
                                    : "explained by the submitter (explanations in the submission)";
}

// The catalog's rules (all of them: any may appear), or without a catalog
// the rules the findings name, and the index of each id in that list.
struct RuleTable {
    ordered rules = ordered::array();
    std::map<std::string, std::size_t, std::less<>> index;

    void add(const std::string& id, ordered rule) {
        if (index.contains(id)) return;
        index.emplace(id, rules.size());
        rules.push_back(std::move(rule));
    }
};

RuleTable rule_table(const RunReport& run, const RenderOptions& options) {
    RuleTable table;
    if (options.catalog != nullptr) {
        for (const CatalogEntry& entry : options.catalog->entries()) {
            table.add(entry.info.id, sarif_rule(entry, options.language));
        }
    }
    for (const SubmissionReport& s : run.submissions) {
        for (const Finding& f : s.findings) table.add(f.rule, sarif_rule_by_id(f.rule));
    }
    return table;
}

ordered artifact_location(const std::string& file, std::optional<std::size_t> index) {
    const std::string uri = file_uri(file);
    ordered location;
    location["uri"] = uri;
    if (!is_absolute_file_uri(uri)) location["uriBaseId"] = source_root;
    if (index) location["index"] = *index;
    return location;
}

ordered logical_location(const std::string& pointer) {
    return ordered::array({ordered{{"fullyQualifiedName", pointer}, {"kind", "member"}}});
}

ordered location(const std::string& file, std::size_t artifact_index, const Finding& f) {
    ordered physical;
    physical["artifactLocation"] = artifact_location(file, artifact_index);
    const bool in_cell = f.position && !f.position->cell.empty();
    if (f.position && !in_cell) {
        physical["region"] = ordered{{"startLine", f.position->line}, {"startColumn", f.position->column}};
    }
    ordered out;
    out["physicalLocation"] = std::move(physical);
    out["logicalLocations"] = logical_location(f.path);
    // A workbook's cell (SHEET!CELL) is a place SARIF has no region for: it
    // is named as a second logical location beside the JSON Pointer.
    if (in_cell) out["logicalLocations"].push_back(ordered{{"fullyQualifiedName", f.position->cell}, {"kind", "element"}});
    return out;
}

ordered related_locations(const Finding& f) {
    ordered out = ordered::array();
    for (std::size_t i = 0; i < f.related.size(); ++i) {
        const Related& r = f.related[i];
        out.push_back(ordered{{"id", i + 1},
                              {"physicalLocation", ordered{{"artifactLocation", artifact_location(r.file, {})}}},
                              {"logicalLocations", logical_location(r.path)}});
    }
    return out;
}

ordered json_value(const nlohmann::json& value) {
    return ordered::parse(value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

// The submitter's own words when the document has them, else what an
// explained warning is.
std::string justification(const SubmissionReport& s, const Finding& f, Language language) {
    if (const std::string* text = explanation_text(s, f)) return *text;
    return explained_justification(language);
}

ordered result(const SubmissionReport& s, std::size_t artifact_index, const Finding& f, const RuleTable& rules,
               Language language) {
    ordered out;
    out["ruleId"] = f.rule;
    if (const auto it = rules.index.find(f.rule); it != rules.index.end()) out["ruleIndex"] = it->second;
    out["level"] = std::string(sarif_level(f.severity));
    out["message"] = ordered{{"text", f.message}};
    out["locations"] = ordered::array({location(s.file, artifact_index, f)});
    if (!f.related.empty()) out["relatedLocations"] = related_locations(f);
    if (f.explained) {
        // No "status": its default is "accepted", and the published schema
        // misspells the key as "state" (oasis-tcs/sarif-spec#449), so
        // leaving it out is valid whichever schema a consumer checks.
        out["suppressions"] =
            ordered::array({ordered{{"kind", "inSource"}, {"justification", justification(s, f, language)}}});
    }
    ordered properties;
    properties["validation_level"] = f.level;
    if (f.expected) properties["expected"] = json_value(*f.expected);
    if (f.actual) properties["actual"] = json_value(*f.actual);
    out["properties"] = std::move(properties);
    return out;
}

// Each submission file, with its hash and what the engine decided about it.
ordered artifact(const SubmissionReport& s) {
    ordered out;
    out["location"] = artifact_location(s.file, {});
    if (s.sha256) out["hashes"] = ordered{{"sha-256", *s.sha256}};
    ordered properties;
    properties["status"] = s.accepted() ? "accepted" : "rejected";
    properties["kind"] = s.kind ? ordered(*s.kind) : ordered(nullptr);
    properties["submitter_id"] = s.submitter_id ? ordered(*s.submitter_id) : ordered(nullptr);
    properties["submitter_name"] = s.submitter_name ? ordered(*s.submitter_name) : ordered(nullptr);
    properties["reporting_year"] = s.reporting_year ? ordered(*s.reporting_year) : ordered(nullptr);
    properties["ruleset"] = s.ruleset;
    properties["counts"] = ordered{{"error", s.counts.error},
                                   {"warning", s.counts.warning},
                                   {"info", s.counts.info},
                                   {"explained", s.counts.explained}};
    ordered skipped = ordered::array();
    for (const SkippedRule& r : s.skipped_rules) skipped.push_back(ordered{{"rule", r.rule}, {"reason", r.reason}});
    properties["skipped_rules"] = std::move(skipped);
    if (!s.dropped_findings.empty()) {
        ordered dropped = ordered::array();
        for (const DroppedFindings& d : s.dropped_findings) {
            dropped.push_back(ordered{{"rule", d.rule}, {"severity", to_string(d.severity)},
                                      {"count", static_cast<long long>(d.count)}});
        }
        properties["dropped_findings"] = std::move(dropped);
    }
    out["properties"] = std::move(properties);
    return out;
}

ordered driver(ordered rules) {
    ordered out;
    out["name"] = "lmacheck";
    out["version"] = LMACHECK_VERSION;
    out["semanticVersion"] = LMACHECK_VERSION;
    out["informationUri"] = LMACHECK_INFORMATION_URI;
    out["rules"] = std::move(rules);
    return out;
}

}  // namespace

std::string render_sarif_report(const RunReport& run, const RenderOptions& options) {
    RuleTable rules = rule_table(run, options);
    ordered artifacts = ordered::array();
    ordered results = ordered::array();
    for (std::size_t i = 0; i < run.submissions.size(); ++i) {
        const SubmissionReport& s = run.submissions[i];
        artifacts.push_back(artifact(s));
        for (const Finding& f : s.findings) results.push_back(result(s, i, f, rules, options.language));
    }
    const RunSummary& sum = run.summary;
    ordered sarif_run;
    sarif_run["tool"] = ordered{{"driver", driver(std::move(rules.rules))}};
    if (options.generated_at) {
        // A run that gets to its report has judged every file: it succeeded
        // as SARIF means it (what it found is in the results). endTimeUtc
        // is SARIF's date/time form, UTC with "Z" (SARIF 2.1.0, 3.9).
        sarif_run["invocations"] = ordered::array(
            {ordered{{"executionSuccessful", true}, {"endTimeUtc", *options.generated_at}}});
    }
    sarif_run["language"] = options.language == Language::nl ? "nl" : "en";
    sarif_run["columnKind"] = "unicodeCodePoints";  // columns count code points, as in every lmacheck report
    sarif_run["artifacts"] = std::move(artifacts);
    sarif_run["results"] = std::move(results);
    sarif_run["properties"] = ordered{
        {"summary", ordered{{"submissions", sum.submissions}, {"accepted", sum.accepted}, {"rejected", sum.rejected},
                            {"errors", sum.errors}, {"warnings", sum.warnings}, {"explained", sum.explained}}}};
    ordered out;
    out["$schema"] = sarif_schema_uri;
    out["version"] = "2.1.0";
    out["runs"] = ordered::array({std::move(sarif_run)});
    return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace lmacheck
