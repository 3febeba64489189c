// `lmacheck validate PATH...`: validates files, prints a report, changes nothing.
#include "cli/commands.hpp"
#include "cli/progress.hpp"

#include "engine/batch.hpp"
#include "engine/cross_checks.hpp"
#include "report/report_format.hpp"
#include "store/submission_store.hpp"

#include <spdlog/spdlog.h>

#include <memory>
#include <thread>

namespace lmacheck::cli {
namespace {

struct ValidateOptions {
    CommonOptions common;
    std::vector<std::string> paths;
    std::string ruleset;
    std::string store;  // read only: level-2 and level-3 rules run against it
    std::optional<long long> max_warnings;
    unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
    std::uintmax_t max_file_mib = 64;
    int max_depth = 512;
    bool quiet = false;  // no progress on stderr
};

int validate(const ValidateOptions& options) {
    const CommonOptions& common = options.common;
    EngineOptions engine_opts = engine_options(common);
    if (!options.ruleset.empty()) engine_opts.ruleset_file = options.ruleset;
    engine_opts.limits.max_bytes = options.max_file_mib * 1024 * 1024;
    engine_opts.limits.max_depth = options.max_depth;
    if (!options.store.empty()) engine_opts.store = SubmissionStore::open(options.store, SubmissionStore::Access::read_only);
    const Engine engine(std::move(engine_opts));
    const std::vector<InputFile> inputs = collect_inputs(options.paths);
    spdlog::info("validating {} file(s) with {} job(s)", inputs.size(), options.jobs);
    ProgressReporter progress(stderr, progress_wanted(options.quiet));
    RunReport run = run_batch(engine, inputs, options.jobs, progress.callback());
    progress.finish(inputs.size());
    run_cross_checks(engine, run);

    RenderOptions render;
    render.language = engine.language();
    render.color = wants_color(common);
    render.catalog = &engine.catalog();
    if (!emit(render_report(run, *parse_report_format(common.format), render), common.output)) return exit_usage;

    if (run.summary.rejected > 0) return exit_rejected;
    if (options.max_warnings && run.summary.warnings > *options.max_warnings) {
        spdlog::warn("{} unexplained warnings exceed --max-warnings {}", run.summary.warnings, *options.max_warnings);
        return exit_rejected;
    }
    return exit_accepted;
}

}  // namespace

Command add_validate_command(CLI::App& app) {
    auto options = std::make_shared<ValidateOptions>();
    CLI::App* command = app.add_subcommand("validate", "Validate submission files (or every *.json below a directory)");
    add_common_options(*command, options->common, report_format_names());
    command->add_option("paths", options->paths, "Files or directories")->required();
    command->add_option("--ruleset", options->ruleset,
                        "Rule-set file (default: the shipped rule set for each reporting year)");
    command->add_option("--store", options->store,
                        "Store of accepted submissions, read only: runs the level-2 and level-3 rules");
    command->add_option("--max-warnings", options->max_warnings,
                        "Exit 1 when unexplained warnings over all submissions exceed N")
        ->check(CLI::NonNegativeNumber);
    command->add_option("--jobs", options->jobs, "Files validated in parallel (default: cores)")
        ->check(CLI::Range(1u, 1024u));
    command->add_option("--max-file-size", options->max_file_mib, "Largest file accepted, in MiB (larger: document.unreadable)")
        ->check(CLI::Range(std::uintmax_t{1}, std::uintmax_t{1} << 20))
        ->capture_default_str();
    command->add_option("--max-depth", options->max_depth, "Deepest nesting accepted")
        ->check(CLI::Range(1, 100000))
        ->capture_default_str();
    command->add_flag("-q,--quiet", options->quiet, "No progress on standard error (shown only on a terminal)");
    return Command{command, &options->common, [options] { return validate(*options); }};
}

}  // namespace lmacheck::cli
