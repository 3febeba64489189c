// The small pieces of a finding that several formats print the same way.
#pragma once

#include "lmacheck/finding.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace lmacheck {

// FILE:LINE:COL, or FILE when the position is unknown, as the text report.
std::string location_text(const std::string& file, const Finding& finding);

// A JSON Pointer as the text report prints it: "" for the whole document.
std::string pointer_text(const std::string& path);

// An expected or actual value as compact JSON (numbers unrounded).
std::string json_value_text(const nlohmann::json& value);

}  // namespace lmacheck
