#include "cli/validation_run.hpp"

#include "cli/split_reports.hpp"
#include "report/report_format.hpp"
#include "model/config_error.hpp"
#include "model/utc_time.hpp"

#include <spdlog/spdlog.h>

#include <cctype>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <limits>
#include <memory>

namespace lmacheck::cli {
namespace {

// When the program started, for the run's duration in JUnit's <testsuites time>.
const std::chrono::steady_clock::time_point program_start = std::chrono::steady_clock::now();

std::string join_names(const std::vector<std::string>& names) {
    std::string joined;
    for (const std::string& name : names) joined += (joined.empty() ? "" : ", ") + name;
    return joined;
}

}  // namespace

void add_configurable_options(CLI::App& command, ValidationOptions& options, const ValidationHelp& help) {
    // A required store may come from .lmacheck.json: the command checks it once that is read.
    const std::string store_help = help.store + (help.store_required ? " (required here or in .lmacheck.json)" : "");
    options.given.store = command.add_option("--store", options.store, store_help);
    options.given.ruleset = command.add_option(
        "--ruleset", options.ruleset, "Rule-set file (default: the shipped rule set for each reporting year)");
    options.given.max_warnings =
        command.add_option("--max-warnings", options.max_warnings, help.max_warnings + " (-1: no limit)")
            ->check(CLI::Range(-1LL, std::numeric_limits<long long>::max()));
    // One value each (allow_extra_args(false)): otherwise CLI11 would take the paths after them as more globs.
    options.given.exclude =
        command
            .add_option("--exclude", options.exclude,
                        "Leave out files and directories matching GLOB in directory runs (repeatable, one GLOB "
                        "each; a GLOB without / matches names, with / the path below the directory)")
            ->allow_extra_args(false);
    options.given.include =
        command
            .add_option("--include", options.include,
                        "In directory runs, validate only files matching GLOB (repeatable, one GLOB each)")
            ->allow_extra_args(false);
}

void add_validation_options(CLI::App& command, ValidationOptions& options, const ValidationHelp& help) {
    add_common_options(command, options.common, report_format_names());
    options.given.lang = command.get_option("--lang");
    command.add_option("paths", options.paths, "Files or directories (- for standard input)")->required();
    add_configurable_options(command, options, help);
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
    command.add_option("--max-findings", options.max_findings_listed,
                       "List at most N findings per file in the text, Markdown and HTML reports, then \"and 37 "
                       "more\" (0: all; JSON, SARIF and JUnit always list every finding)")
        ->check(CLI::Range(std::size_t{0}, std::size_t{1'000'000'000}));
    command.add_option("--rule-timeout-s", options.rule_timeout_s,
                       "Seconds one rule may take on one file before the run stops with exit 2 (0: no limit)")
        ->check(CLI::Range(0.0, 86400.0))
        ->capture_default_str();
    command.add_option("--split-by", options.split_by,
                       "With --output DIR: one report per submitter and year in DIR (06290101-2019.html; "
                       "default format html)")
        ->check(CLI::IsMember({"submitter"}))
        ->needs(command.get_option("--output"));
    command
        .add_option("--report", options.reports,
                    "Also write the report as FORMAT to FILE, e.g. --report sarif=r.sarif (repeatable, one "
                    "FORMAT=FILE each; FORMAT: " + join_names(report_format_names()) + ")")
        ->allow_extra_args(false);
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

namespace {

bool on_command_line(const CLI::Option* option) { return option != nullptr && option->count() > 0; }

std::string globs_text(const std::vector<std::string>& globs) {
    return globs.empty() ? "(none)" : join_names(globs);
}

// One setting: the command line's value when it gave one, else the
// configuration's when it has one, else the default; `show` writes the value.
template <typename Value, typename Show>
void resolve(const char* name, const CLI::Option* option, Value& in_force, const std::optional<Value>& configured,
             const ProjectConfig& config, std::vector<SettingInForce>* report, Show show) {
    std::string source = "default";
    if (on_command_line(option)) {
        source = "command line";
    } else if (configured) {
        in_force = *configured;
        source = config.file.string();
    }
    if (report != nullptr) report->push_back({name, show(in_force), source});
}

}  // namespace

ValidationOptions with_project_config(const ValidationOptions& command_line, const ProjectConfig& config,
                                      std::vector<SettingInForce>* in_force) {
    ValidationOptions options = command_line;
    const auto& given = command_line.given;
    const auto text = [](const std::string& value) { return value.empty() ? std::string("(none)") : value; };
    resolve("ruleset", given.ruleset, options.ruleset, config.ruleset, config, in_force, [](const std::string& v) {
        return v.empty() ? std::string("(the shipped rule set of each reporting year)") : v;
    });
    resolve("store", given.store, options.store, config.store, config, in_force, text);
    resolve("lang", given.lang, options.common.lang, config.lang, config, in_force, text);
    std::optional<std::optional<long long>> max_warnings;
    if (config.max_warnings) max_warnings = std::optional<long long>(*config.max_warnings);
    resolve("max_warnings", given.max_warnings, options.max_warnings, max_warnings, config, in_force,
            [](const std::optional<long long>& v) {
                return !v || *v < 0 ? std::string("(no limit)") : std::to_string(*v);
            });
    resolve("exclude", given.exclude, options.exclude, config.exclude, config, in_force, globs_text);
    resolve("include", given.include, options.include, config.include, config, in_force,
            [](const std::vector<std::string>& v) { return v.empty() ? std::string("(all)") : join_names(v); });
    return options;
}

ValidationOptions options_in_force(const ValidationOptions& command_line) {
    const ProjectConfig config = current_project_config();
    if (!config.file.empty()) spdlog::info("settings from {} (the command line wins)", config.file.string());
    return with_project_config(command_line, config);
}

std::vector<ExtraReport> extra_reports(const ValidationOptions& options) {
    std::vector<ExtraReport> reports;
    std::vector<std::string> seen;
    if (!options.common.output.empty()) seen.push_back(options.common.output);
    for (const std::string& value : options.reports) {
        const std::size_t equals = value.find('=');
        if (equals == std::string::npos) {
            throw ConfigError("--report " + value + ": expected FORMAT=FILE, e.g. --report sarif=report.sarif");
        }
        std::string name = value.substr(0, equals);
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        const std::optional<ReportFormat> format = parse_report_format(name);
        if (!format) {
            throw ConfigError("--report " + value + ": unknown format '" + value.substr(0, equals) +
                              "' (one of " + join_names(report_format_names()) + ")");
        }
        std::string file = value.substr(equals + 1);
        if (file.empty()) throw ConfigError("--report " + value + ": no FILE after '='");
        for (const std::string& earlier : seen) {
            if (std::filesystem::path(earlier).lexically_normal() == std::filesystem::path(file).lexically_normal()) {
                throw ConfigError("--report " + value + ": " + file + " already receives a report of this run");
            }
        }
        seen.push_back(file);
        reports.push_back({*format, std::move(file)});
    }
    return reports;
}

std::vector<std::string> report_files(const ValidationOptions& options) {
    std::vector<std::string> files;
    if (!options.common.output.empty()) files.push_back(options.common.output);
    for (ExtraReport& report : extra_reports(options)) files.push_back(std::move(report.file));
    return files;
}

InputSelection input_selection(const ValidationOptions& options) {
    InputSelection selection{options.exclude, options.include, {}};
    for (const std::string& file : report_files(options)) {
        if (const std::optional<FileId> id = file_id(file)) selection.skip.push_back(*id);
    }
    return selection;
}

std::vector<InputFile> command_line_inputs(const std::vector<std::string>& paths, const InputSelection& selection) {
    std::vector<std::string> files;
    bool standard_input = false;
    for (const std::string& path : paths) {
        if (path == "-") {
            standard_input = true;
        } else {
            files.push_back(path);
        }
    }
    std::vector<InputFile> inputs = files.empty() ? std::vector<InputFile>{} : collect_inputs(files, selection);
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
    render.max_findings = options.max_findings_listed;
    if (options.timestamp) {
        render.generated_at = utc_now_rfc3339();
        const auto elapsed = std::chrono::steady_clock::now() - program_start;
        render.elapsed_seconds = std::chrono::duration<double>(elapsed).count();
    }
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
    for (const ExtraReport& report : extra_reports(options)) {
        RenderOptions to_file = render;
        to_file.color = false;
        if (!emit_report(run, report.format, to_file, report.file)) return exit_usage;
    }
    if (run.summary.rejected > 0) return exit_rejected;
    if (run.summary.max_warnings_exceeded) {
        spdlog::warn("{} unexplained warnings exceed --max-warnings {}", run.summary.warnings, *options.max_warnings);
        return exit_rejected;
    }
    return exit_accepted;
}

}  // namespace lmacheck::cli
