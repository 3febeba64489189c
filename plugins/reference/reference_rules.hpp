// The reference plugin: municipality codes, provinces and central
// municipalities against the reference list of the reporting year
// (rule-catalog.md, level 1).
#pragma once

#include "lmacheck/rule.hpp"

#include <memory>

namespace lmacheck::rules::reference {

std::unique_ptr<Rule> make_municipality_code_rule();     // reference.municipality-code
std::unique_ptr<Rule> make_province_matches_rule();      // reference.province-matches
std::unique_ptr<Rule> make_central_municipality_rule();  // reference.central-municipality

}  // namespace lmacheck::rules::reference
