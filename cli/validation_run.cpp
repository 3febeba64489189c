#include "cli/validation_run.hpp"

#include "cli/split_reports.hpp"
#include "report/report_format.hpp"
#include "model/config_error.hpp"
#include "model/utc_time.hpp"

#include <spdlog/spdlog.h>

#include <iostream>
#include <iterator>
#include <limits>
#include <memory>

namespace lmacheck::cli {

void add_validation_options(CLI::App& command, ValidationOptions& options, const ValidationHelp& help) {
    add_common_options(command, options.common, report_format_names());
    command.add_option("paths", options.paths, "Files or directories (- for standard input)")->required();
    command.add_option("--store", options.store, help.store)->required(help.store_required);
    command.add_option("--ruleset", options.ruleset,
                       "Rule-set file (default: the shipped rule set for each reporting year)");
    command.add_option("--max-warnings", options.max_warnings, help.max_warnings + " (-1: no limit)")
        ->check(CLI::Range(-1LL, std::numeric_limits<long long>::max()));
    command.add_option("--jobs", options.jobs, "Files validated in parallel (default: cores)")
        ->check(CLI::Range(1u, 1024u));
    command.add_option("--max-file-size", options.max_file_mib, "Largest file accepted, in MiB (larger: document.unreadable)")
        ->check(CLI::Range(std::uintmax_t{1}, std::uintmax_t{1} << 20))
        ->capture_default_str();
    command.add_option("--max-depth", options.max_depth, "Deepest nesting accepted")
        ->check(CLI::Range(1, 100000))
        ->capture_default_str();
    command.add_option("--max-findings-per-file", options.max_findings_per_file,
                       "Findings kept of one file; more are counted per rule in the report, not listed")
        ->check(CLI::Range(std::size_t{1}, std::size_t{100'000'000}))
        ->capture_default_str();
    command.add_option("--max-findings-per-run", options.max_findings_per_run,
                       "Findings kept over the whole run; more are counted per rule in the report, not listed")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1'000'000'000}))
        ->capture_default_str();
    command.add_option("--rule-timeout-s", options.rule_timeout_s,
                       "Seconds one rule may take on one file before the run stops with exit 2 (0: no limit)")
        ->check(CLI::Range(0.0, 86400.0))
        ->capture_default_str();
    command.add_option("--split-by", options.split_by,
                       "With --output DIR: one report per submitter and year in DIR (06290101-2019.html; "
                       "default format html)")
        ->check(CLI::IsMember({"submitter"}))
        ->needs(command.get_option("--output"));
    command.add_flag("-q,--quiet", options.quiet, "No progress on standard error (shown only on a terminal)");
    command.add_flag("--timestamp", options.timestamp,
                     "Put the UTC time the run finished in the report (RFC 3339; default: no time)");
}

namespace {

// Every regular file below `dir` (not following directory links), as `role`.
void add_files_below(const std::filesystem::path& dir, const std::string& role, std::vector<KeptFile>& kept) {
    std::error_code ec;
    for (std::filesystem::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->is_regular_file(ec)) kept.push_back({it->path(), role});
    }
}

}  // namespace

std::vector<KeptFile> kept_files(const ValidationOptions& options) {
    std::vector<KeptFile> kept = store_files(options.store);
    if (!options.ruleset.empty()) kept.push_back({options.ruleset, "the rule set"});
    // The program's own configuration: a report written over a shipped rule
    // set, schema, reference list or plugin would break every later run.
    const EngineOptions engine = engine_options(options.common);
    add_files_below(engine.data_dir / "schemas", "a schema of the data directory", kept);
    add_files_below(engine.data_dir / "rules", "a rule set or reference list of the data directory", kept);
    for (const std::filesystem::path& dir : engine.plugin_dirs) add_files_below(dir, "a file of a plugin directory", kept);
    return kept;
}

std::vector<InputFile> command_line_inputs(const std::vector<std::string>& paths) {
    std::vector<std::string> files;
    bool standard_input = false;
    for (const std::string& path : paths) {
        if (path == "-") {
            standard_input = true;
        } else {
            files.push_back(path);
        }
    }
    std::vector<InputFile> inputs = files.empty() ? std::vector<InputFile>{} : collect_inputs(files);
    if (standard_input) {
        auto bytes = std::make_shared<std::string>(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
        if (std::cin.bad()) throw ConfigError("cannot read standard input");
        inputs.insert(inputs.begin(), InputFile{"-", "-", "", std::nullopt, std::move(bytes)});
    }
    return inputs;
}

EngineOptions validation_engine_options(const ValidationOptions& options) {
    EngineOptions engine = engine_options(options.common);
    if (!options.ruleset.empty()) engine.ruleset_file = options.ruleset;
    engine.limits.max_bytes = options.max_file_mib * 1024 * 1024;
    engine.limits.max_depth = options.max_depth;
    engine.findings = FindingLimits{options.max_findings_per_file, options.max_findings_per_run};
    engine.rule_timeout = std::chrono::milliseconds(static_cast<long long>(options.rule_timeout_s * 1000));
    return engine;
}

int report_and_exit_code(const Engine& engine, RunReport& run, const ValidationOptions& options) {
    // -1: no limit (what CI configurations write for "report, never fail on warnings").
    run.summary.max_warnings_exceeded =
        options.max_warnings && *options.max_warnings >= 0 && run.summary.warnings > *options.max_warnings;
    RenderOptions render;
    render.language = engine.language();
    render.color = wants_color(options.common);
    render.catalog = &engine.catalog();
    if (options.timestamp) render.generated_at = utc_now_rfc3339();
    if (!options.split_by.empty()) {
        // A directory has no extension to take the format from: HTML, the report a steward mails.
        const std::string format = options.common.format.empty() ? "html" : options.common.format;
        if (!write_split_reports(run, *parse_report_format(format), render, options.common.output,
                                 kept_files(options))) {
            return exit_usage;
        }
    } else if (!emit_report(run, *parse_report_format(chosen_format(options.common, report_format_names())), render,
                            options.common.output)) {
        return exit_usage;
    }
    if (run.summary.rejected > 0) return exit_rejected;
    if (run.summary.max_warnings_exceeded) {
        spdlog::warn("{} unexplained warnings exceed --max-warnings {}", run.summary.warnings, *options.max_warnings);
        return exit_rejected;
    }
    return exit_accepted;
}

}  // namespace lmacheck::cli
