// The moment a submission says it was submitted (its `submitted_at`), in a
// form that sorts: which of two versions of one submitter's year is the
// newer one decides which is current (docs/store.md).
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace lmacheck {

// An RFC 3339 date-time with an offset ("2020-03-27T14:12:05.5+01:00") as
// the same moment in UTC with nine fraction digits
// ("2020-03-27T13:12:05.500000000Z"), so that comparing the strings compares
// the moments. nullopt when the text is not such a date-time.
std::optional<std::string> normalized_utc(std::string_view rfc3339);

// The normalized `submitted_at` of a submission document; nullopt when it
// has none, or none that reads as a date-time.
std::optional<std::string> submitted_at_of(const nlohmann::json& document);

// The same, from a stored file's bytes (a UTF-8 BOM allowed).
std::optional<std::string> submitted_at_of_bytes(std::string_view bytes);

// Whether a file submitted at `candidate` is older than a stored version
// submitted at `stored` (both normalized). Ties are not: the later
// acceptance wins. A side without a readable time is never the older one.
inline bool submitted_before(const std::optional<std::string>& candidate, const std::optional<std::string>& stored) {
    return candidate && stored && *candidate < *stored;
}

}  // namespace lmacheck
