// The level-3 rules, one file each (rule-catalog.md, "Level 3"): checks across
// the submissions of a run and the store's accepted ones (lmacheck/aggregate.hpp).
#pragma once

#include "lmacheck/rule.hpp"

#include <memory>

namespace lmacheck::rules::cross {

std::unique_ptr<Rule> make_duplicate_submission_rule();      // cross.duplicate-submission
std::unique_ptr<Rule> make_sheltered_housing_region_rule();  // cross.sheltered-housing-region

}  // namespace lmacheck::rules::cross
