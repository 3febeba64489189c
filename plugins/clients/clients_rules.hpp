// The clients plugin: unique clients in the reporting year (rule-catalog.md, level 1).
#pragma once

#include "lmacheck/rule.hpp"

#include <memory>

namespace lmacheck::rules::clients {

std::unique_ptr<Rule> make_partition_rule();  // clients.partition

}  // namespace lmacheck::rules::clients
