#include "engine/history.hpp"

namespace lmacheck {

RuleInfo resubmission_rule_info() {
    return RuleInfo{
        .id = builtin::resubmission,
        .level = 2,
        .severity = Severity::info,
        .applies_to = std::nullopt,
        .description = "An accepted submission already exists for this submitter and year; acceptance replaces it "
                       "and keeps the old one in the audit trail",
        .description_nl = "Er is al een geaccepteerde inzending voor deze inzender en dit jaar; acceptatie vervangt "
                          "die en bewaart de oude in het auditspoor",
        .options_schema = "",
        .messages =
            {{"replaces",
              "{submitter} already has an accepted submission for {year} (version {version}, {file}); accepting "
              "this one replaces it and keeps the earlier version in the audit trail",
              "{submitter} heeft al een geaccepteerde inzending voor {year} (versie {version}, {file}); acceptatie "
              "van deze inzending vervangt die en bewaart de eerdere versie in het auditspoor"},
             {"identical",
              "this file is identical (same SHA-256) to the accepted version {version} of {submitter} for {year}; "
              "accepting it again changes nothing",
              "dit bestand is gelijk (dezelfde SHA-256) aan de geaccepteerde versie {version} van {submitter} voor "
              "{year}; opnieuw accepteren verandert niets"}},
    };
}

SubmissionHistory look_up_history(const AcceptedSubmissions& store, Kind kind, const std::string& submitter_id,
                                  int year) {
    return SubmissionHistory{store.previous(kind, submitter_id, year), store.current(kind, submitter_id, year)};
}

std::optional<RawFinding> resubmission_finding(const SubmissionHistory& history,
                                               const std::optional<std::string>& sha256) {
    if (!history.same_year) return std::nullopt;
    const AcceptedSubmission& current = *history.same_year;
    const bool identical = sha256 && *sha256 == current.sha256;
    MessageArgs args{{"submitter", current.submitter_id}, {"year", current.reporting_year}, {"version", current.version}};
    if (!identical) args.emplace_back("file", current.file);
    return RawFinding{builtin::resubmission, "", identical ? "identical" : "replaces", std::move(args),
                      std::nullopt, std::nullopt, std::nullopt};
}

}  // namespace lmacheck
