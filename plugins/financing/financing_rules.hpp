// The financing plugin: which funding streams exist in the reporting year
// (rule-catalog.md, level 1).
#pragma once

#include "lmacheck/rule.hpp"

#include <memory>

namespace lmacheck::rules::financing {

std::unique_ptr<Rule> make_valid_for_year_rule();  // financing.valid-for-year

}  // namespace lmacheck::rules::financing
