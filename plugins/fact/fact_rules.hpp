// The FACT plugin: Flexible Assertive Community Treatment teams
// (rule-catalog.md, level 1).
#pragma once

#include "lmacheck/rule.hpp"

#include <memory>

namespace lmacheck::rules::fact {

std::unique_ptr<Rule> make_certified_within_teams_rule();  // fact.certified-within-teams
std::unique_ptr<Rule> make_empty_teams_rule();             // fact.empty-teams
std::unique_ptr<Rule> make_team_size_rule();               // fact.team-size

}  // namespace lmacheck::rules::fact
