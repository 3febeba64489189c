// What every command shares: the options of report-and-cli.md that are not
// specific to one command, logging on stderr, and writing the report.
#pragma once

#include "engine/engine.hpp"
#include "report/report_format.hpp"

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <vector>

namespace lmacheck::cli {

// Exit status of the program (report-and-cli.md): 0 every submission
// accepted, 1 at least one rejected (or too many warnings), 2 the tool could
// not do its job.
enum ExitCode : int { exit_accepted = 0, exit_rejected = 1, exit_usage = 2 };

struct CommonOptions {
    std::vector<std::string> plugin_dirs;
    std::string data_dir;
    std::string format;  // empty: from --output's extension, else text (chosen_format)
    std::string output;
    std::string lang = "en";
    std::string log_level = "warn";
    int verbosity = 0;
};

// A subcommand: its CLI11 app, its common options, and what running it does.
struct Command {
    CLI::App* app = nullptr;
    const CommonOptions* common = nullptr;
    std::function<int()> run;
};

void add_common_options(CLI::App& command, CommonOptions& options, const std::vector<std::string>& formats);

// The report format: --format when given, else the one --output's extension
// names (.json, .sarif, .xml for JUnit, .html, .md, .txt) when the command
// has it, else text.
std::string chosen_format(const CommonOptions& options, const std::vector<std::string>& formats);
void configure_logging(const CommonOptions& options);
EngineOptions engine_options(const CommonOptions& common);

// Writes the report to stdout or --output (whole or not at all:
// write_file_whole); false (after logging why) on failure.
bool emit(const std::string& report, const std::string& output);

// Writes a run's report to stdout or --output while it is rendered
// (write_report), so a large run's report is never in memory whole; a file
// is still written whole or not at all (ReportFile). False (after logging
// why) on failure.
bool emit_report(const RunReport& run, ReportFormat format, const RenderOptions& render, const std::string& output);

// Whether the report goes to a terminal that should get colours.
bool wants_color(const CommonOptions& common);

}  // namespace lmacheck::cli
