// The plausibility rules (issue 14): level-3 checks that compare a
// submission's figures with those of its peers of the same year
// (plausibility.outlier) and its change from the year before with everyone
// else's (plausibility.change).
#pragma once

#include "lmacheck/rule.hpp"

#include <memory>

namespace lmacheck::rules::plausibility {

std::unique_ptr<Rule> make_outlier_rule();  // plausibility.outlier
std::unique_ptr<Rule> make_change_rule();   // plausibility.change

}  // namespace lmacheck::rules::plausibility
