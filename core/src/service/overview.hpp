// The year overview (GET /api/v1/years/{year}/overview): every submitter the
// year expects and where it stands.
#pragma once

#include "service/service_state.hpp"

#include <nlohmann/json.hpp>

namespace lmacheck::service {

// Expected: every municipality of the reference list valid that year, every
// institution with an accepted version of an earlier year, and anyone who
// handed in or tried to for that year. Status: "accepted" (a current
// version; with its counts), else "rejected" (the service's last attempt for
// that year was rejected), else "missing". `last_attempt` is the newest
// attempt through the service, whatever the status.
nlohmann::ordered_json year_overview(const UploadLedger& ledger, const std::vector<ReferenceMunicipality>& municipalities,
                                     int year);

}  // namespace lmacheck::service
