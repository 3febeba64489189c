// The level-3 rules, one file each (rule-catalog.md, "Level 3").
#pragma once

#include "lmacheck/rule.hpp"

#include <memory>

namespace lmacheck::cross {

std::unique_ptr<Rule> make_duplicate_submission_rule();      // cross.duplicate-submission
std::unique_ptr<Rule> make_sheltered_housing_region_rule();  // cross.sheltered-housing-region

}  // namespace lmacheck::cross
