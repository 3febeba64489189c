// --max-findings N: a cap on the findings the reports for people (text,
// Markdown, HTML) list per file, so one broken file does not bury the rest
// of a CI log. The machine-readable formats (JSON, SARIF, JUnit) never use
// it: they list every finding the engine kept.
#pragma once

#include "model/messages.hpp"
#include "model/report_model.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace lmacheck {

// The findings of `s` to list, in the report's order: all when `cap` is 0,
// else the `cap` most severe (errors, then unexplained warnings, then
// explained ones, then info; the earlier in the report's order among equals).
std::vector<const Finding*> listed_findings(const SubmissionReport& s, std::size_t cap);

// How many findings of `s` the cap leaves out.
std::size_t unlisted_count(const SubmissionReport& s, std::size_t cap);

// "and 37 more findings not listed (--max-findings 20)", in `language`.
std::string more_findings_text(std::size_t more, std::size_t cap, Language language);

}  // namespace lmacheck
