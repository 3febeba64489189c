// The municipality plugin: sheltered housing (beschermd wonen) that
// municipalities commission (rule-catalog.md, level 1).
#pragma once

#include "lmacheck/rule.hpp"

#include <memory>

namespace lmacheck::rules::municipality {

std::unique_ptr<Rule> make_sheltered_housing_required_rule();  // municipality.sheltered-housing-required
std::unique_ptr<Rule> make_budget_per_place_rule();            // municipality.budget-per-place
std::unique_ptr<Rule> make_clients_per_place_rule();           // municipality.clients-per-place

}  // namespace lmacheck::rules::municipality
