// The tool's own configuration files (rule sets, the reference list, the
// submission schemas) are read with the submission loader's rules: UTF-8,
// one JSON document with nothing after it, bounded depth, numbers within
// double range. A key repeated in one object, which a submission only gets a
// finding for, is an error here: nobody should have to guess which of two
// settings the tool used.
#pragma once

#include "document/document.hpp"

#include <string>

namespace lmacheck {

// Parses `bytes` and returns the Document (its json is set; position_of()
// answers for it). Throws ConfigError naming `label` (e.g. "rule set
// rules/lma-v1.json") and the line and column of every problem.
Document parse_config_document(std::string bytes, const std::string& label);

// "line L, column C" of the value at `pointer`, or "" when it has none.
std::string describe_position(const Document& document, std::string_view pointer);

}  // namespace lmacheck
