// `lmacheck accept PATH... --store DB`: validates like `validate`, with the
// store's level-2 and level-3 rules, then stores every submission without
// errors in the store, each in its own transaction, one reporting year after
// another (docs/store.md). Same
// report formats and exit codes as `validate`; a store it cannot use, or
// cannot write to, is exit 2.
#include "cli/commands.hpp"
#include "cli/validation_run.hpp"

#include "acceptance/acceptance.hpp"
#include "model/config_error.hpp"

#include <spdlog/spdlog.h>

#include <memory>

namespace lmacheck::cli {
namespace {

int accept(const ValidationOptions& command_line) {
    const ValidationOptions options = options_in_force(command_line);
    if (options.store.empty()) {
        throw ConfigError("accept needs a store: --store DB, or \"store\" in .lmacheck.json");
    }
    const std::vector<KeptFile> kept = kept_files(options);
    for (const std::string& file : report_files(options)) refuse_output_over(file, kept);
    const auto store = SubmissionStore::open(options.store, SubmissionStore::Access::read_write);
    EngineOptions engine_opts = validation_engine_options(options);
    engine_opts.store = store;
    const Engine engine(std::move(engine_opts));
    AcceptanceRun accepted = judge_inputs(
        options, "accepting into " + options.store + ":",
        [&](const std::vector<InputFile>& inputs, const BatchProgress& progress) {
            return accept_year_by_year(engine, *store, inputs, options.jobs, progress);
        });

    // Report even when storing failed: the findings stand, and the log says
    // which submissions were not stored.
    if (accepted.store_error) {
        spdlog::error("{}", *accepted.store_error);
        spdlog::error("submissions after that one were not stored; run `lmacheck accept` again to complete the batch");
    } else {
        const AcceptanceSummary& summary = accepted.summary;
        spdlog::info("stored {} new and {} replacing submission(s), {} older version(s) in the audit trail only; "
                     "{} unchanged, {} rejected",
                     summary.added, summary.replaced, summary.older, summary.unchanged, summary.rejected);
    }
    const int exit_code = report_and_exit_code(engine, accepted.run, options);
    return accepted.store_error ? exit_usage : exit_code;
}

}  // namespace

Command add_accept_command(CLI::App& app) {
    auto options = std::make_shared<ValidationOptions>();
    CLI::App* command = app.add_subcommand(
        "accept", "Validate submissions and store each one without errors in the store of accepted submissions");
    add_validation_options(
        *command, *options,
        {.store = "The store of accepted submissions (created when absent)",
         .store_required = true,
         .max_warnings = "Exit 1 when unexplained warnings over all submissions exceed N (accepted ones are stored)"});
    return Command{command, &options->common, [options] { return accept(*options); }};
}

}  // namespace lmacheck::cli
