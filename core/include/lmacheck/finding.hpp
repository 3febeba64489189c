// The one finding model every rule reports into and every report format renders.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lmacheck {

// Ordered by weight, so `a < b` means "b is more serious".
enum class Severity { info = 0, warning = 1, error = 2 };

inline std::string_view to_string(Severity s) {
    switch (s) {
        case Severity::info: return "info";
        case Severity::warning: return "warning";
        case Severity::error: return "error";
    }
    return "error";
}

inline std::optional<Severity> parse_severity(std::string_view text) {
    if (text == "info") return Severity::info;
    if (text == "warning") return Severity::warning;
    if (text == "error") return Severity::error;
    return std::nullopt;
}

// Another file's value a batch-level (level-3) finding refers to.
struct Related {
    std::string file;
    std::string path;
};

// Where a value sits in its source file: line and column (1-based, columns
// in code points) in a JSON text; or, in a workbook, the cell in A1 notation
// with its sheet ("capacity!E5"), and then line and column are 0.
struct SourcePosition {
    int line = 0;
    int column = 0;
    std::string cell{};
};

struct Finding {
    std::string rule;                       // stable dotted id, e.g. "capacity.occupancy"
    Severity severity = Severity::error;    // after the rule set has been applied
    int level = 0;                          // ESS validation level 0..3
    std::string path;                       // RFC 6901 JSON Pointer; "" is the whole document
    std::string message;                    // rendered in the run's language
    std::optional<nlohmann::json> expected; // set where the rule compares values
    std::optional<nlohmann::json> actual;
    bool explained = false;                 // a submitter's explanation matches this warning
    std::vector<Related> related;           // level 3 only
    std::optional<SourcePosition> position; // where the value sits in the file, when known
    // How much the finding matters nationally, for ranking (the plausibility
    // rules: |z| x the submitter's share of the national total); set only by
    // rules that rank their findings (RunReporter::report_scored).
    std::optional<double> score{};
};

}  // namespace lmacheck
