// The JSON report as report-and-cli.md ("JSON report") promises it, checked
// the same way by every test that reads one (the program's stdout, the upload
// service's answers): keys and types, counts that agree with the findings,
// a status that agrees with the counts, findings in report order, a summary
// that adds up. Each check is a set of gtest expectations.
#pragma once

#include "support/subprocess.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace lmacheck::test {

// `text` parsed; a test failure saying `what` it was, and null, when it is not JSON.
nlohmann::json parse_report(const std::string& text, const std::string& what = "the report");

// The report a run printed on stdout, parsed; a test failure (and null) when
// it is not JSON.
nlohmann::json report_of(const ProcessResult& run);

// The whole report: top-level keys, every submission, the summary.
void check_report_shape(const nlohmann::json& report);

// One submission: keys, types, counts consistent with the findings, status
// consistent with the counts, findings in report order.
void check_submission_shape(const nlohmann::json& submission);

// One finding: keys, types, values in range, line and column together.
void check_finding_shape(const nlohmann::json& finding);

// The rule of each finding of a submission, in report order.
std::vector<std::string> rules_of(const nlohmann::json& submission);

}  // namespace lmacheck::test
