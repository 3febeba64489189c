// `lmacheck rules`: the loaded rules, with severities, levels and options.
#include "cli/commands.hpp"

#include "report/rules_listing.hpp"

#include <memory>

namespace lmacheck::cli {

Command add_rules_command(CLI::App& app) {
    auto options = std::make_shared<CommonOptions>();
    CLI::App* command = app.add_subcommand("rules", "List the loaded rules with severities, levels and options");
    add_common_options(*command, *options, {"text", "json"});
    return Command{command, options.get(), [options] {
                       const Engine engine(engine_options(*options));
                       const std::string listing = options->format == "json"
                                                       ? rules_as_json(engine.catalog())
                                                       : rules_as_text(engine.catalog(), engine.language());
                       return emit(listing, options->output) ? exit_accepted : exit_usage;
                   }};
}

}  // namespace lmacheck::cli
