// What `validate` and `accept` share: their options (report-and-cli.md gives
// both the same ones; accept requires --store), running the engine over the
// inputs with progress, and turning the run into the
// report and the exit code.
#pragma once

#include "cli/common_options.hpp"
#include "cli/progress.hpp"
#include "cli/project_config.hpp"
#include "cli/report_output.hpp"
#include "engine/engine.hpp"
#include "engine/input_selection.hpp"
#include "engine/inputs.hpp"
#include "report/report_format.hpp"
#include "engine/pipeline.hpp"

#include <spdlog/spdlog.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <thread>
#include <vector>

namespace lmacheck::cli {

struct ValidationOptions {
    CommonOptions common;
    std::vector<std::string> paths;
    std::string ruleset;
    std::string store;
    std::optional<long long> max_warnings;
    unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
    std::uintmax_t max_file_mib = 64;
    int max_depth = 512;
    bool quiet = false;  // no progress on stderr
    bool timestamp = false;  // the time the run finished in the report
    std::size_t max_findings_per_file = FindingLimits{}.per_file;
    std::size_t max_findings_per_run = FindingLimits{}.per_run;
    double rule_timeout_s = 10;  // 0: no limit
    std::string split_by;  // "submitter": one report per submitter into the directory --output names
    std::vector<std::string> exclude;  // globs, InputSelection
    std::vector<std::string> include;
    std::vector<std::string> reports;  // FORMAT=FILE, each one more report of the same run
    std::size_t max_findings_listed = 0;  // --max-findings: per file in text, Markdown, HTML; 0: all
    // The options .lmacheck.json may also set, to tell whether the command
    // line gave them (then it wins); null when the command has none.
    struct {
        const CLI::Option* ruleset = nullptr;
        const CLI::Option* store = nullptr;
        const CLI::Option* lang = nullptr;
        const CLI::Option* max_warnings = nullptr;
        const CLI::Option* exclude = nullptr;
        const CLI::Option* include = nullptr;
    } given;
};

// A setting in force for a run and where it came from ("command line",
// "default", or the configuration file's path), for `lmacheck config --print`.
struct SettingInForce {
    std::string name;
    std::string value;
    std::string source;
};

// `given` with what `config` sets and the command line does not; each
// setting and its source appended to `in_force` when given.
ValidationOptions with_project_config(const ValidationOptions& command_line, const ProjectConfig& config,
                                      std::vector<SettingInForce>* in_force = nullptr);

// The options a validating command runs with: the command line's, and what
// the .lmacheck.json that applies here (current_project_config) adds.
ValidationOptions options_in_force(const ValidationOptions& command_line);

// One --report FORMAT=FILE.
struct ExtraReport {
    ReportFormat format;
    std::string file;
};

// The --report values as formats and files; throws ConfigError (exit 2) for
// one without '=', an unknown format, an empty file, or a file named twice
// (by two --report or by --report and --output).
std::vector<ExtraReport> extra_reports(const ValidationOptions& options);

// What differs between the commands in the help text of the shared options.
struct ValidationHelp {
    std::string store;
    bool store_required = false;
    std::string max_warnings;
};

// Adds the common options, the paths and every validating option.
void add_validation_options(CLI::App& command, ValidationOptions& options, const ValidationHelp& help);

// Adds the options .lmacheck.json may also set (but --lang, a common option)
// and records them in options.given.
void add_configurable_options(CLI::App& command, ValidationOptions& options, const ValidationHelp& help);

// The files --output must not name: the store and its -wal, -shm and
// -journal files, and the rule set. Inputs are checked once collected
// (judge_inputs).
std::vector<KeptFile> kept_files(const ValidationOptions& options);

// The engine's options from the command line, without a store.
EngineOptions validation_engine_options(const ValidationOptions& options);

// Collects the inputs the command line names, logs how many, and calls
// `judge(inputs, progress)` with progress shown on a terminal; returns what
// `judge` returns. `what` starts the log line ("validating", ...).
// The inputs the command line names: its files and directories
// (collect_inputs, leaving out what `selection` says), and standard input,
// read whole, for the path `-`.
std::vector<InputFile> command_line_inputs(const std::vector<std::string>& paths, const InputSelection& selection = {});

// What directory walks leave out: --exclude, --include, and the files this
// run writes its reports to (--output, --report), so a report left by the
// last run in the walked directory is not taken for a submission.
InputSelection input_selection(const ValidationOptions& options);

// Every file a report of this run goes to: --output (when given) and each --report file.
std::vector<std::string> report_files(const ValidationOptions& options);

template <typename Judge>
auto judge_inputs(const ValidationOptions& options, std::string_view what, Judge&& judge) {
    const std::vector<InputFile> inputs = command_line_inputs(options.paths, input_selection(options));
    for (const std::string& file : report_files(options)) refuse_output_over(file, {}, inputs);
    spdlog::info("{} {} file(s) with {} job(s)", what, inputs.size(), options.jobs);
    const Language language = options.common.lang == "nl" ? Language::nl : Language::en;
    ProgressReporter progress(stderr, progress_wanted(options.quiet), std::chrono::milliseconds(100), language);
    auto result = std::forward<Judge>(judge)(inputs, progress.callback());
    progress.finish(inputs.size());
    return result;
}

// Writes the report (stdout or --output) and returns the exit code: 0 every
// submission accepted, 1 one rejected or more unexplained warnings than
// --max-warnings, 2 the report could not be written.
// Sets run.summary.max_warnings_exceeded first, so the report explains the exit code.
int report_and_exit_code(const Engine& engine, RunReport& run, const ValidationOptions& options);

}  // namespace lmacheck::cli
