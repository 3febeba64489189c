// The calls that read the store: current submissions, one version's bytes,
// a submission's history (with who handed each version in), and the year
// overview. A submitter's token reads its own submitter only (403 otherwise).
#include "service/overview.hpp"
#include "service/service_state.hpp"

#include <nlohmann/json.hpp>

namespace lmacheck::service {
namespace {

using Json = nlohmann::ordered_json;

std::string dump(const Json& json) { return json.dump(2, ' ', false, Json::error_handler_t::replace) + "\n"; }

// A year parameter: 4 digits. Answers 400 and returns nullopt otherwise.
std::optional<int> parse_year(const std::string& text, httplib::Response& res) {
    if (text.size() != 4 || text.find_first_not_of("0123456789") != std::string::npos) {
        error_answer(res, 400, "bad_parameter", "a year is 4 digits");
        return std::nullopt;
    }
    return std::stoi(text);
}

// Whether the caller may read `submitter`'s submissions; answers 403 if not.
bool may_read(const TokenEntry& caller, const std::string& submitter, httplib::Response& res) {
    if (caller.role == Role::steward || caller.submitter == submitter) return true;
    error_answer(res, 403, "forbidden", "the token '" + caller.name + "' may read the submissions of " +
                                            caller.submitter.value_or("") + " only");
    return false;
}

Json counts_json(const CurrentVersion& v) {
    return Json{{"error", v.errors}, {"warning", v.warnings}, {"explained", v.explained}, {"info", v.info}};
}

void list_current(ServiceContext& context, const httplib::Request& req, httplib::Response& res) {
    const TokenEntry& caller = *current_request().caller;
    std::optional<std::string> submitter;
    if (req.has_param("submitter")) submitter = req.get_param_value("submitter");
    std::optional<int> year;
    if (req.has_param("year")) {
        year = parse_year(req.get_param_value("year"), res);
        if (!year) return;
    }
    if (caller.role == Role::submitter) {
        if (submitter && !may_read(caller, *submitter, res)) return;
        submitter = caller.submitter;
    }
    Json list = Json::array();
    for (const CurrentVersion& v : context.ledger->current_versions(submitter, year)) {
        const AcceptedSubmission& s = v.submission;
        list.push_back(Json{{"kind", to_string(s.kind)},
                            {"submitter_id", s.submitter_id},
                            {"reporting_year", s.reporting_year},
                            {"version", s.version},
                            {"file", s.file},
                            {"sha256", s.sha256},
                            {"ruleset", s.ruleset},
                            {"accepted_at", s.accepted_at},
                            {"counts", counts_json(v)}});
    }
    json_answer(res, 200, dump(Json{{"submissions", list}}));
}

void current_bytes(ServiceContext& context, const httplib::Request& req, httplib::Response& res) {
    const std::string submitter = req.matches[1];
    if (!may_read(*current_request().caller, submitter, res)) return;
    const std::optional<int> year = parse_year(req.matches[2], res);
    if (!year) return;
    const std::optional<std::string> bytes = context.ledger->current_bytes(submitter, *year);
    if (!bytes) {
        error_answer(res, 404, "not_found", "no accepted submission of " + submitter + " for " + std::to_string(*year));
        return;
    }
    res.status = 200;
    res.set_content(*bytes, "application/json");
    if (valid_submitter_id(submitter)) {  // only a known-safe id goes into the header
        res.set_header("Content-Disposition",
                       "attachment; filename=\"" + submitter + "-" + std::to_string(*year) + ".json\"");
    }
}

void history(ServiceContext& context, const httplib::Request& req, httplib::Response& res) {
    const std::string submitter = req.matches[1];
    if (!may_read(*current_request().caller, submitter, res)) return;
    const std::optional<int> year = parse_year(req.matches[2], res);
    if (!year) return;
    const std::vector<AuditedVersion> versions = context.ledger->audit_trail(submitter, *year);
    if (versions.empty()) {
        error_answer(res, 404, "not_found", "no accepted submission of " + submitter + " for " + std::to_string(*year));
        return;
    }
    const auto optional = [](const std::optional<std::string>& text) { return text ? Json(*text) : Json(nullptr); };
    Json list = Json::array();
    std::optional<int> current;
    for (const AuditedVersion& a : versions) {
        const AcceptedSubmission& v = a.submission;
        if (!v.superseded_at) current = v.version;
        list.push_back(Json{{"version", v.version},
                            {"file", v.file},
                            {"sha256", v.sha256},
                            {"ruleset", v.ruleset},
                            {"accepted_at", v.accepted_at},
                            {"superseded_at", optional(v.superseded_at)},
                            {"submitted_by", optional(a.provenance.submitted_by)},
                            {"submitted_role", optional(a.provenance.role)},
                            {"remote_addr", optional(a.provenance.remote_addr)}});
    }
    const AcceptedSubmission& first = versions.front().submission;
    Json body{{"kind", to_string(first.kind)},
              {"submitter_id", first.submitter_id},
              {"reporting_year", first.reporting_year},
              {"current_version", current ? Json(*current) : Json(nullptr)},
              {"versions", list}};
    json_answer(res, 200, dump(body));
}

void overview(ServiceContext& context, const httplib::Request& req, httplib::Response& res) {
    const TokenEntry& caller = *current_request().caller;
    if (caller.role != Role::steward) {
        error_answer(res, 403, "forbidden", "only a steward's token may read the year overview");
        return;
    }
    const std::optional<int> year = parse_year(req.matches[1], res);
    if (!year) return;
    json_answer(res, 200, dump(year_overview(*context.ledger, context.municipalities, *year)));
}

}  // namespace

void add_read_routes(httplib::Server& server, ServiceContext& context) {
    server.Get("/api/v1/submissions",
               [&context](const httplib::Request& req, httplib::Response& res) { list_current(context, req, res); });
    server.Get("/api/v1/submissions/([^/]+)/([^/]+)",
               [&context](const httplib::Request& req, httplib::Response& res) { current_bytes(context, req, res); });
    server.Get("/api/v1/submissions/([^/]+)/([^/]+)/history",
               [&context](const httplib::Request& req, httplib::Response& res) { history(context, req, res); });
    server.Get("/api/v1/years/([^/]+)/overview",
               [&context](const httplib::Request& req, httplib::Response& res) { overview(context, req, res); });
}

}  // namespace lmacheck::service
