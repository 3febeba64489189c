// The small pieces of a finding that several formats print the same way.
#pragma once

#include "lmacheck/finding.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace lmacheck {

// FILE:LINE:COL, or FILE when the position is unknown, as the text report.
std::string location_text(const std::string& file, const Finding& finding);

// A finding as the text report prints it, after the location and severity:
// "MESSAGE [RULE] at PATH", an explained warning's message followed by
// " (MARK)". `explained_mark` is the run language's word (it sits in the
// message area); the word `at` is fixed, like the severity before it, so
// that editors and CI annotation matchers parse the line in any language.
std::string message_rule_and_path(const Finding& finding, std::string_view explained_mark);

// The whole line without colour: "FILE:LINE:COL: SEVERITY: MESSAGE [RULE] at
// PATH", SEVERITY being error, warning or info in every language.
std::string finding_line(const std::string& file, const Finding& finding, std::string_view explained_mark);

// A JSON Pointer as the text report prints it: "" for the whole document.
std::string pointer_text(const std::string& path);

// An expected or actual value as compact JSON (numbers unrounded).
std::string json_value_text(const nlohmann::json& value);

}  // namespace lmacheck
