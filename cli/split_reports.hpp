// --split-by submitter: one report per submitter and reporting year in the
// directory --output names, so that a steward mails each institution or
// municipality its own (06290101-2019.html).
#pragma once

#include "cli/report_output.hpp"
#include "model/report_model.hpp"
#include "report/report_format.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace lmacheck::cli {

struct SplitReport {
    std::string file_name;  // "06290101-2019.html"
    RunReport run;          // that submitter's submissions, with their own summary
};

// The run's submissions grouped by submitter code and reporting year, in the
// order each group first appears. A file name keeps letters, digits, '-'
// and '_' of the code (others become '_'); a submission without a code goes
// to "unknown-submitter", one without a year gets "unknown" for it; two
// groups that would share a name get "-2", "-3"... Each summary counts its
// group and carries the whole run's max_warnings_exceeded (the exit code's).
std::vector<SplitReport> split_by_submitter(const RunReport& run, std::string_view extension);

// The file extension of a report format: ".html", ".json", ".sarif", ".xml"
// (JUnit), ".md", ".txt".
std::string report_extension(ReportFormat format);

// Writes every group's report into `dir` (created when missing), each whole
// or not at all; throws ConfigError when `dir` is something other than a
// directory or one of the reports would overwrite a file in `kept`. False
// (after logging why) when a report could not be written.
bool write_split_reports(const RunReport& run, ReportFormat format, const RenderOptions& render,
                         const std::filesystem::path& dir, const std::vector<KeptFile>& kept);

}  // namespace lmacheck::cli
