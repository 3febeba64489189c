#include "demo_rules.hpp"
#include "rule_support.hpp"
