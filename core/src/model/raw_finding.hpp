// A finding before the engine has applied the rule set and rendered its
// message: what core parts (document loader, schema check, engine rules)
// produce. The engine's last phase (engine/finalize.hpp) turns it into a
// lmacheck::Finding.
#pragma once

#include "lmacheck/finding.hpp"
#include "lmacheck/rule.hpp"

#include <optional>
#include <string>
#include <vector>

namespace lmacheck {

struct RawFinding {
    std::string rule;        // e.g. "document.unreadable"
    std::string path;        // RFC 6901 JSON Pointer
    std::string message_id;  // one of the rule's MessageTemplates
    MessageArgs args;        // fills the template's {placeholders}
    std::optional<nlohmann::json> expected;
    std::optional<nlohmann::json> actual;
    std::optional<SourcePosition> position;  // set when the producer knows it
    std::vector<Related> related{};          // level 3: the other submissions' values it refers to
    std::optional<double> score{};           // level 3: the rank RunReporter::report_scored gave it
};

}  // namespace lmacheck
