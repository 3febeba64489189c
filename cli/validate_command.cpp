// `lmacheck validate PATH...`: validates files, prints a report, changes nothing.
#include "cli/commands.hpp"
#include "cli/store_options.hpp"
#include "cli/validation_run.hpp"

#include "engine/pipeline.hpp"
#include "store/submission_store.hpp"

#include <memory>

namespace lmacheck::cli {
namespace {

int validate(const ValidationOptions& command_line) {
    const ValidationOptions options = options_in_force(command_line);
    const std::vector<KeptFile> kept = kept_files(options);
    for (const std::string& file : report_files(options)) refuse_output_over(file, kept);
    EngineOptions engine_opts = validation_engine_options(options);
    if (!options.store.empty()) engine_opts.store = open_existing_store(options.store, "validate");
    const Engine engine(std::move(engine_opts));
    RunReport run =
        judge_inputs(options, "validating", [&](const std::vector<InputFile>& inputs, const BatchProgress& progress) {
            return judge_run(engine, inputs, options.jobs, progress);
        });
    return report_and_exit_code(engine, run, options);
}

}  // namespace

Command add_validate_command(CLI::App& app) {
    auto options = std::make_shared<ValidationOptions>();
    CLI::App* command = app.add_subcommand("validate", "Validate submission files (or every *.json below a directory)");
    add_validation_options(*command, *options,
                           {.store = "Store of accepted submissions, read only: the level-2 rules compare with the "
                                     "previous accepted year, the level-3 rules count the accepted submissions too",
                            .store_required = false,
                            .max_warnings = "Exit 1 when unexplained warnings over all submissions exceed N"});
    return Command{command, &options->common, [options] { return validate(*options); }};
}

}  // namespace lmacheck::cli
