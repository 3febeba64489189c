// Checks against registers the steward drops into the data directory
// (rules/registers/README.md): one small rule per register and comparison.
#pragma once

#include "lmacheck/rule.hpp"

#include <memory>

namespace lmacheck::rules::registers {

std::unique_ptr<Rule> make_fact_certified_rule();             // register.fact-certified (error)
std::unique_ptr<Rule> make_fact_certified_unreported_rule();  // register.fact-certified-unreported (info)

}  // namespace lmacheck::rules::registers
