// What `validate` and `accept` share: their options (report-and-cli.md gives
// both the same ones; accept requires --store), running the engine over the
// inputs with progress, and turning the run into the
// report and the exit code.
#pragma once

#include "cli/common_options.hpp"
#include "cli/progress.hpp"
#include "cli/report_output.hpp"
#include "engine/engine.hpp"
#include "engine/inputs.hpp"
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
};

// What differs between the commands in the help text of the shared options.
struct ValidationHelp {
    std::string store;
    bool store_required = false;
    std::string max_warnings;
};

// Adds the common options, the paths and every validating option.
void add_validation_options(CLI::App& command, ValidationOptions& options, const ValidationHelp& help);

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
// (collect_inputs), and standard input, read whole, for the path `-`.
std::vector<InputFile> command_line_inputs(const std::vector<std::string>& paths);

template <typename Judge>
auto judge_inputs(const ValidationOptions& options, std::string_view what, Judge&& judge) {
    const std::vector<InputFile> inputs = command_line_inputs(options.paths);
    refuse_output_over(options.common.output, {}, inputs);
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
