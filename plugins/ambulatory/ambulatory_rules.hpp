// The ambulatory plugin: Zvw-funded ambulant care, DBC trajectories and basic
// GGZ (rule-catalog.md, level 1).
#pragma once

#include "lmacheck/rule.hpp"

#include <memory>

namespace lmacheck::rules::ambulatory {

std::unique_ptr<Rule> make_dbc_category_sum_rule();     // dbc.category-sum
std::unique_ptr<Rule> make_basis_ggz_from_2014_rule();  // ambulatory.basis-ggz-from-2014

}  // namespace lmacheck::rules::ambulatory
