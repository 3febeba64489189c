#include "engine/history.hpp"

#include "store/submission_time.hpp"

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

RuleInfo older_version_rule_info() {
    return RuleInfo{
        .id = builtin::older_version,
        .level = 2,
        .severity = Severity::info,
        .applies_to = std::nullopt,
        .description = "The accepted submission of this submitter and year was submitted later than this file; "
                       "acceptance keeps this file in the audit trail but does not make it current",
        .description_nl = "De geaccepteerde inzending van deze inzender en dit jaar is later ingediend dan dit "
                          "bestand; acceptatie bewaart dit bestand in het auditspoor maar maakt het niet actueel",
        .options_schema = "",
        .messages =
            {{"older",
              "this file was submitted at {submitted_at}, before the accepted version {version} of {submitter} for "
              "{year} ({file}, submitted at {current_submitted_at}); accepting it keeps it in the audit trail and "
              "version {version} stays current",
              "dit bestand is ingediend op {submitted_at}, voor de geaccepteerde versie {version} van {submitter} "
              "voor {year} ({file}, ingediend op {current_submitted_at}); acceptatie bewaart het in het auditspoor "
              "en versie {version} blijft actueel"}},
    };
}

namespace {

// A normalized time as people read it: 2020-03-27T13:12:05Z, without the
// nine fraction digits when they are zeros.
std::string readable_time(std::string time) {
    const std::size_t dot = time.find('.');
    if (dot == std::string::npos || time.back() != 'Z') return time;
    std::size_t end = time.size() - 1;
    while (end > dot + 1 && time[end - 1] == '0') --end;
    if (end == dot + 1) end = dot;
    return time.substr(0, end) + "Z";
}

}  // namespace

SubmissionHistory look_up_history(const AcceptedSubmissions& store, Kind kind, const std::string& submitter_id,
                                  int year) {
    return SubmissionHistory{store.previous(kind, submitter_id, year), store.current(kind, submitter_id, year)};
}

std::optional<RawFinding> resubmission_finding(const SubmissionHistory& history,
                                               const std::optional<std::string>& sha256,
                                               const std::optional<std::string>& submitted_at) {
    if (!history.same_year) return std::nullopt;
    const AcceptedSubmission& current = *history.same_year;
    const bool identical = sha256 && *sha256 == current.sha256;
    if (!identical && submitted_before(submitted_at, current.submitted_at)) return std::nullopt;
    MessageArgs args{{"submitter", current.submitter_id}, {"year", current.reporting_year}, {"version", current.version}};
    if (!identical) args.emplace_back("file", current.file);
    return RawFinding{builtin::resubmission, "", identical ? "identical" : "replaces", std::move(args),
                      std::nullopt, std::nullopt, std::nullopt};
}

std::optional<RawFinding> older_version_finding(const SubmissionHistory& history,
                                                const std::optional<std::string>& sha256,
                                                const std::optional<std::string>& submitted_at) {
    if (!history.same_year) return std::nullopt;
    const AcceptedSubmission& current = *history.same_year;
    if ((sha256 && *sha256 == current.sha256) || !submitted_before(submitted_at, current.submitted_at)) {
        return std::nullopt;
    }
    MessageArgs args{{"submitter", current.submitter_id},     {"year", current.reporting_year},
                     {"version", current.version},            {"file", current.file},
                     {"submitted_at", readable_time(*submitted_at)},
                     {"current_submitted_at", readable_time(*current.submitted_at)}};
    return RawFinding{builtin::older_version, "", "older", std::move(args), std::nullopt, std::nullopt, std::nullopt};
}

}  // namespace lmacheck
