// `lmacheck accept PATH... --store DB`: validates like `validate`, with the
// store's level-2 and level-3 rules, then stores every submission without
// errors in the store, each in its own transaction (docs/store.md). Same
// report formats and exit codes as `validate`; a store it cannot use, or
// cannot write to, is exit 2.
#include "cli/commands.hpp"

#include "engine/batch.hpp"
#include "engine/cross_checks.hpp"
#include "report/report_format.hpp"
#include "store/acceptance.hpp"
#include "store/store_error.hpp"

#include <spdlog/spdlog.h>

#include <memory>
#include <thread>

namespace lmacheck::cli {
namespace {

// The options of `validate`, with --store required.
struct AcceptOptions {
    CommonOptions common;
    std::vector<std::string> paths;
    std::string store;
    std::string ruleset;
    std::optional<long long> max_warnings;
    unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
    std::uintmax_t max_file_mib = 64;
    int max_depth = 512;
};

int accept(const AcceptOptions& options) {
    const CommonOptions& common = options.common;
    const auto store = SubmissionStore::open(options.store, SubmissionStore::Access::read_write);
    EngineOptions engine_opts = engine_options(common);
    if (!options.ruleset.empty()) engine_opts.ruleset_file = options.ruleset;
    engine_opts.limits.max_bytes = options.max_file_mib * 1024 * 1024;
    engine_opts.limits.max_depth = options.max_depth;
    engine_opts.store = store;
    const Engine engine(std::move(engine_opts));
    const std::vector<InputFile> inputs = collect_inputs(options.paths);
    spdlog::info("accepting {} file(s) into {} with {} job(s)", inputs.size(), options.store, options.jobs);
    RunReport run = run_batch(engine, inputs, options.jobs);
    run_cross_checks(engine, run);

    // Store before reporting, but report even when storing failed: the
    // findings stand, and the log says which submissions were not stored.
    bool stored = true;
    try {
        const AcceptanceSummary summary = store_accepted(*store, run);
        spdlog::info("stored {} new and {} replacing submission(s); {} unchanged, {} rejected", summary.added,
                     summary.replaced, summary.unchanged, summary.rejected);
    } catch (const StoreError& e) {
        spdlog::error("{}", e.what());
        spdlog::error("submissions after that one were not stored; run `lmacheck accept` again to complete the batch");
        stored = false;
    }

    RenderOptions render;
    render.language = engine.language();
    render.color = wants_color(common);
    render.catalog = &engine.catalog();
    if (!emit(render_report(run, *parse_report_format(common.format), render), common.output) || !stored) {
        return exit_usage;
    }
    if (run.summary.rejected > 0) return exit_rejected;
    if (options.max_warnings && run.summary.warnings > *options.max_warnings) {
        spdlog::warn("{} unexplained warnings exceed --max-warnings {}", run.summary.warnings, *options.max_warnings);
        return exit_rejected;
    }
    return exit_accepted;
}

}  // namespace

Command add_accept_command(CLI::App& app) {
    auto options = std::make_shared<AcceptOptions>();
    CLI::App* command = app.add_subcommand(
        "accept", "Validate submissions and store each one without errors in the store of accepted submissions");
    add_common_options(*command, options->common, report_format_names());
    command->add_option("paths", options->paths, "Files or directories")->required();
    command->add_option("--store", options->store, "The store of accepted submissions (created when absent)")
        ->required();
    command->add_option("--ruleset", options->ruleset,
                        "Rule-set file (default: the shipped rule set for each reporting year)");
    command->add_option("--max-warnings", options->max_warnings,
                        "Exit 1 when unexplained warnings over all submissions exceed N (accepted ones are stored)")
        ->check(CLI::NonNegativeNumber);
    command->add_option("--jobs", options->jobs, "Files validated in parallel (default: cores)")
        ->check(CLI::Range(1u, 1024u));
    command->add_option("--max-file-size", options->max_file_mib, "Largest file accepted, in MiB (larger: document.unreadable)")
        ->check(CLI::Range(std::uintmax_t{1}, std::uintmax_t{1} << 20))
        ->capture_default_str();
    command->add_option("--max-depth", options->max_depth, "Deepest nesting accepted")
        ->check(CLI::Range(1, 100000))
        ->capture_default_str();
    return Command{command, &options->common, [options] { return accept(*options); }};
}

}  // namespace lmacheck::cli
