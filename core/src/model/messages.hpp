// Rendering a rule's message template in the run's language.
#pragma once

#include "lmacheck/rule.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace lmacheck {

enum class Language { en, nl };

// Fills `{name}` placeholders of the template `message_id` from `args`:
// strings verbatim, integers as they are, other numbers with two decimals
// (decimal comma in Dutch). An unknown id or placeholder is left visible
// rather than dropped, so a mistake shows in the report.
std::string render_message(const std::vector<MessageTemplate>& templates, std::string_view message_id,
                           const MessageArgs& args, Language language);

std::string format_number(double value, Language language);

}  // namespace lmacheck
