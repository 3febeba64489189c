// The time now in UTC, as the reports (--timestamp) and the store
// (accepted_at, superseded_at) write it.
#pragma once

#include <string>

namespace lmacheck {

// The time now in UTC as RFC 3339 with milliseconds, e.g. 2025-03-01T09:30:00.125Z.
std::string utc_now_rfc3339();

}  // namespace lmacheck
