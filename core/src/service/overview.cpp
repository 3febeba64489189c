#include "service/overview.hpp"

#include "model/config_error.hpp"

#include <fstream>
#include <map>
#include <sstream>

namespace lmacheck::service {
namespace {

using Json = nlohmann::ordered_json;

struct Expected {
    Kind kind = Kind::institution;
    std::string name{};
    const CurrentVersion* current = nullptr;
    const UploadAttempt* last_attempt = nullptr;
};

Json attempt_json(const UploadAttempt& a) {
    return Json{{"outcome", a.accepted ? "accepted" : "rejected"},
                {"attempted_at", a.attempted_at},
                {"file", a.file},
                {"sha256", a.sha256},
                {"counts", Json{{"error", a.errors}, {"warning", a.warnings}}},
                {"submitted_by", a.provenance.submitted_by.value_or("")}};
}

}  // namespace

std::vector<ReferenceMunicipality> load_municipalities(const std::filesystem::path& data_dir) {
    // The engine has validated this file against its schema when it started.
    const std::filesystem::path file = data_dir / "rules" / "reference" / "municipalities.json";
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    const nlohmann::json entries = nlohmann::json::parse(text.str(), nullptr, false);
    if (!entries.is_array()) throw ConfigError("cannot read the reference list " + file.string());
    std::vector<ReferenceMunicipality> found;
    for (const nlohmann::json& e : entries) {
        found.push_back(ReferenceMunicipality{e.at("code").get<std::string>(), e.at("name").get<std::string>(),
                                              e.at("valid_from").get<int>(), e.at("valid_to").get<int>()});
    }
    return found;
}

Json year_overview(const UploadLedger& ledger, const std::vector<ReferenceMunicipality>& municipalities, int year) {
    std::map<std::string, Expected> expected;
    for (const ReferenceMunicipality& m : municipalities) {
        if (m.from <= year && year <= m.to) expected[m.code] = Expected{Kind::municipality, m.name};
    }
    for (const std::string& id : ledger.submitters_before(Kind::institution, year)) {
        expected.try_emplace(id, Expected{Kind::institution, ""});
    }
    const std::vector<CurrentVersion> current = ledger.current_versions(std::nullopt, year);
    for (const CurrentVersion& v : current) {
        Expected& e = expected.try_emplace(v.submission.submitter_id, Expected{v.submission.kind, ""}).first->second;
        e.current = &v;
    }
    const std::vector<UploadAttempt> attempts = ledger.last_attempts(year);
    for (const UploadAttempt& a : attempts) {
        Expected& e = expected.try_emplace(a.submitter_id, Expected{a.kind, ""}).first->second;
        e.last_attempt = &a;
    }

    Json list = Json::array();
    int accepted = 0, rejected = 0, missing = 0;
    for (const auto& [id, e] : expected) {
        Json item{{"kind", to_string(e.kind)}, {"submitter_id", id}};
        if (!e.name.empty()) item["name"] = e.name;
        if (e.current) {
            ++accepted;
            item["status"] = "accepted";
            item["counts"] = Json{{"error", e.current->errors},
                                  {"warning", e.current->warnings},
                                  {"explained", e.current->explained},
                                  {"info", e.current->info}};
            item["version"] = e.current->submission.version;
            item["accepted_at"] = e.current->submission.accepted_at;
        } else {
            const bool was_rejected = e.last_attempt && !e.last_attempt->accepted;
            ++(was_rejected ? rejected : missing);
            item["status"] = was_rejected ? "rejected" : "missing";
            item["counts"] = nullptr;
        }
        item["last_attempt"] = e.last_attempt ? attempt_json(*e.last_attempt) : Json(nullptr);
        list.push_back(std::move(item));
    }
    return Json{{"year", year},
                {"totals", Json{{"accepted", accepted}, {"rejected", rejected}, {"missing", missing}}},
                {"submitters", std::move(list)}};
}

}  // namespace lmacheck::service
