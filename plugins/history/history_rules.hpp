// The history plugin: level-2 rules, comparing a submission with the same
// submitter's previous accepted submission (rule-catalog.md, level 2). The
// engine runs them only with a store that holds such a submission, so
// Submission::previous() is never null here.
// history.resubmission is the engine's own rule (engine/history.hpp).
#pragma once

#include "lmacheck/rule.hpp"

#include <memory>

namespace lmacheck::rules::history {

std::unique_ptr<Rule> make_capacity_change_rule();   // history.capacity-change
std::unique_ptr<Rule> make_dbc_total_change_rule();  // history.dbc-total-change
std::unique_ptr<Rule> make_fact_teams_drop_rule();   // history.fact-teams-drop

}  // namespace lmacheck::rules::history
