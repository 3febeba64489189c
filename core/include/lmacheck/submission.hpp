// A parsed submission as level-1 and level-2 rules see it: the document has already
// passed the JSON Schema for its kind, so rules may read every required key
// with the type the schema guarantees (and test optional keys first).
#pragma once

#include "lmacheck/reference.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string_view>

namespace lmacheck {

enum class Kind { institution, municipality };

inline std::string_view to_string(Kind k) {
    return k == Kind::institution ? "institution" : "municipality";
}

inline std::optional<Kind> parse_kind(std::string_view text) {
    if (text == "institution") return Kind::institution;
    if (text == "municipality") return Kind::municipality;
    return std::nullopt;
}

inline bool is_leap_year(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

// The same submitter's latest accepted submission of an earlier year
// (rule-catalog.md, level 2: "previous" is not necessarily the year before).
// Its document passed the same checks when it was accepted.
class PreviousSubmission {
public:
    PreviousSubmission(const nlohmann::json& document, int reporting_year)
        : document_(document), year_(reporting_year) {}
    PreviousSubmission(nlohmann::json&&, int) = delete;

    const nlohmann::json& document() const { return document_; }
    const nlohmann::json& operator[](const char* key) const { return document_.at(key); }
    bool has(const char* key) const { return document_.contains(key); }
    int reporting_year() const { return year_; }

private:
    const nlohmann::json& document_;
    int year_;
};

class Submission {
public:
    Submission(const nlohmann::json& document, Kind kind, int reporting_year,
               const ReferenceData& reference, const PreviousSubmission* previous = nullptr)
        : document_(document), kind_(kind), year_(reporting_year), reference_(reference), previous_(previous) {}
    // A Submission refers to its document: it must not be built from a temporary.
    Submission(nlohmann::json&&, Kind, int, const ReferenceData&, const PreviousSubmission* = nullptr) = delete;

    const nlohmann::json& document() const { return document_; }
    // Shorthand for document()[key] on the top-level object.
    const nlohmann::json& operator[](const char* key) const { return document_.at(key); }
    bool has(const char* key) const { return document_.contains(key); }

    Kind kind() const { return kind_; }
    int reporting_year() const { return year_; }
    int days_in_reporting_year() const { return is_leap_year(year_) ? 366 : 365; }
    const ReferenceData& reference() const { return reference_; }
    // For level-2 rules: the submitter's previous accepted submission. The
    // engine runs level-2 rules only when there is one, so they may rely on it;
    // level-1 rules always see nullptr.
    const PreviousSubmission* previous() const { return previous_; }

private:
    const nlohmann::json& document_;
    Kind kind_;
    int year_;
    const ReferenceData& reference_;
    const PreviousSubmission* previous_;
};

}  // namespace lmacheck
