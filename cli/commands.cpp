#include "cli/commands.hpp"

#include "engine/batch.hpp"
#include "engine/config_error.hpp"
#include "engine/engine.hpp"
#include "report/report_format.hpp"
#include "report/rules_listing.hpp"

#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <thread>
#include <unistd.h>

namespace lmacheck::cli {
namespace {

namespace fs = std::filesystem;

struct CommonOptions {
    std::vector<std::string> plugin_dirs;
    std::string data_dir;
    std::string format = "text";
    std::string output;
    std::string lang = "en";
    std::string log_level = "warn";
    int verbosity = 0;
};

struct ValidateOptions {
    std::vector<std::string> paths;
    std::string ruleset;
    std::optional<long long> max_warnings;
    unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
    std::uintmax_t max_file_mib = 64;
    int max_depth = 512;
};

void add_common_options(CLI::App& command, CommonOptions& options, const std::vector<std::string>& formats) {
    command.add_option("--format", options.format, "Report format")->check(CLI::IsMember(formats))->capture_default_str();
    command.add_option("--output", options.output, "Write the report to FILE instead of standard output");
    command.add_option("--lang", options.lang, "Language of messages and labels")
        ->check(CLI::IsMember({"en", "nl"}))
        ->capture_default_str();
    command.add_option("--plugin-dir", options.plugin_dirs,
                       "Look for plugins in DIR instead of the default (repeatable; also LMACHECK_PLUGIN_PATH)");
    command.add_option("--data-dir", options.data_dir, "Where schemas/ and rules/ are (default: next to the program)");
    command.add_option("--log-level", options.log_level, "Log level on standard error")
        ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}))
        ->capture_default_str();
    command.add_flag("-v,--verbose", options.verbosity, "More log output on standard error (-v info, -vv debug)");
}

void configure_logging(const CommonOptions& options) {
    auto logger = spdlog::stderr_color_mt("lmacheck");
    logger->set_pattern("lmacheck: %^%l%$: %v");
    spdlog::set_default_logger(logger);
    spdlog::level::level_enum level = spdlog::level::from_str(options.log_level);
    if (options.verbosity == 1) level = std::min(level, spdlog::level::info);
    if (options.verbosity >= 2) level = std::min(level, spdlog::level::debug);
    spdlog::set_level(level);
}

std::vector<fs::path> plugin_dirs(const CommonOptions& options) {
    std::vector<fs::path> dirs(options.plugin_dirs.begin(), options.plugin_dirs.end());
    if (!dirs.empty()) return dirs;
    if (const char* env = std::getenv("LMACHECK_PLUGIN_PATH"); env != nullptr && *env != '\0') {
        std::string_view rest(env);
        while (!rest.empty()) {
            const std::size_t colon = rest.find(':');
            const std::string_view part = rest.substr(0, colon);
            if (!part.empty()) dirs.emplace_back(std::string(part));
            if (colon == std::string_view::npos) break;
            rest.remove_prefix(colon + 1);
        }
        if (!dirs.empty()) return dirs;
    }
    return default_plugin_dirs();
}

EngineOptions engine_options(const CommonOptions& common) {
    EngineOptions options;
    options.data_dir = common.data_dir.empty() ? default_data_dir() : fs::path(common.data_dir);
    options.plugin_dirs = plugin_dirs(common);
    options.language = common.lang == "nl" ? Language::nl : Language::en;
    return options;
}

// Writes the report where the user asked; false (after saying why) on failure.
bool emit(const std::string& report, const std::string& output) {
    if (output.empty()) {
        std::cout << report << std::flush;
        return static_cast<bool>(std::cout);
    }
    std::ofstream out(output, std::ios::binary | std::ios::trunc);
    out << report;
    out.close();
    if (!out) {
        spdlog::error("cannot write the report to {}", output);
        return false;
    }
    return true;
}

int validate(const CommonOptions& common, const ValidateOptions& options) {
    EngineOptions engine_opts = engine_options(common);
    if (!options.ruleset.empty()) engine_opts.ruleset_file = options.ruleset;
    engine_opts.limits.max_bytes = options.max_file_mib * 1024 * 1024;
    engine_opts.limits.max_depth = options.max_depth;
    const Engine engine(std::move(engine_opts));
    const std::vector<InputFile> inputs = collect_inputs(options.paths);
    spdlog::info("validating {} file(s) with {} job(s)", inputs.size(), options.jobs);
    const RunReport run = run_batch(engine, inputs, options.jobs);

    RenderOptions render;
    render.language = engine.language();
    render.color = common.output.empty() && isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr;
    if (!emit(render_report(run, *parse_report_format(common.format), render), common.output)) return exit_usage;

    if (run.summary.rejected > 0) return exit_rejected;
    if (options.max_warnings && run.summary.warnings > *options.max_warnings) {
        spdlog::warn("{} unexplained warnings exceed --max-warnings {}", run.summary.warnings, *options.max_warnings);
        return exit_rejected;
    }
    return exit_accepted;
}

int list_rules(const CommonOptions& common) {
    const Engine engine(engine_options(common));
    const std::string listing = common.format == "json" ? rules_as_json(engine.catalog())
                                                        : rules_as_text(engine.catalog(), engine.language());
    return emit(listing, common.output) ? exit_accepted : exit_usage;
}

}  // namespace

int run(int argc, char** argv) {
    CLI::App app{"lmacheck: validates LMA submissions (ambulant mental-health care monitor)", "lmacheck"};
    app.set_version_flag("--version", std::string("lmacheck ") + LMACHECK_VERSION);
    app.require_subcommand(1);

    CommonOptions common;
    ValidateOptions validate_options;
    CLI::App* validate_command = app.add_subcommand("validate", "Validate submission files (or every *.json below a directory)");
    add_common_options(*validate_command, common, {"text", "json"});
    validate_command->add_option("paths", validate_options.paths, "Files or directories")->required();
    validate_command->add_option("--ruleset", validate_options.ruleset,
                                 "Rule-set file (default: the shipped rule set for each reporting year)");
    validate_command->add_option("--max-warnings", validate_options.max_warnings,
                                 "Exit 1 when unexplained warnings over all submissions exceed N")
        ->check(CLI::NonNegativeNumber);
    validate_command->add_option("--jobs", validate_options.jobs, "Files validated in parallel (default: cores)")
        ->check(CLI::Range(1u, 1024u));
    validate_command->add_option("--max-file-size", validate_options.max_file_mib,
                                 "Largest file accepted, in MiB (larger: document.unreadable)")
        ->check(CLI::Range(std::uintmax_t{1}, std::uintmax_t{1} << 20))
        ->capture_default_str();
    validate_command->add_option("--max-depth", validate_options.max_depth, "Deepest nesting accepted")
        ->check(CLI::Range(1, 100000))
        ->capture_default_str();

    CommonOptions rules_common;
    CLI::App* rules_command = app.add_subcommand("rules", "List the loaded rules with severities, levels and options");
    add_common_options(*rules_command, rules_common, {"text", "json"});

    // CLI11 would only say that a subcommand is required; name the word it did not know.
    if (argc > 1 && argv[1][0] != '-' && std::string_view(argv[1]) != "validate" && std::string_view(argv[1]) != "rules") {
        std::cerr << "lmacheck: unknown command '" << argv[1] << "' (commands: validate, rules; see --help)\n";
        return exit_usage;
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? exit_accepted : exit_usage;
    }

    const CommonOptions& chosen = validate_command->parsed() ? common : rules_common;
    configure_logging(chosen);
    try {
        return validate_command->parsed() ? validate(common, validate_options) : list_rules(rules_common);
    } catch (const ConfigError& e) {
        spdlog::error("{}", e.what());
        return exit_usage;
    } catch (const std::exception& e) {
        spdlog::error("internal error: {}", e.what());
        return exit_usage;
    }
}

}  // namespace lmacheck::cli
