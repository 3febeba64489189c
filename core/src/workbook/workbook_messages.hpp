// The messages of the level-0 findings about workbooks, in English and
// Dutch: why a workbook cannot be read (document.unreadable), and what a
// cell holds where the schema expected something else (schema.structure).
#pragma once

#include "lmacheck/rule.hpp"

#include <vector>

namespace lmacheck::workbook {

std::vector<MessageTemplate> unreadable_messages();
std::vector<MessageTemplate> structure_messages();

}  // namespace lmacheck::workbook
