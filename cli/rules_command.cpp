// `lmacheck rules`: the loaded rules, with severities, levels and options, as
// text, JSON or Markdown (the rule reference docs/rules.md).
#include "cli/commands.hpp"

#include "report/rules_listing.hpp"

#include <memory>
#include <string>

namespace lmacheck::cli {
namespace {

std::string listing(const Engine& engine, const std::string& format) {
    if (format == "json") return rules_as_json(engine.catalog());
    if (format == "markdown") return rules_as_markdown(engine.catalog());
    return rules_as_text(engine.catalog(), engine.language());
}

}  // namespace

// The common options plus --ruleset, whose expression rules the listing then
// includes (with the file's name as their plugin).
struct RulesOptions : CommonOptions {
    std::string ruleset;
};

Command add_rules_command(CLI::App& app) {
    auto options = std::make_shared<RulesOptions>();
    CLI::App* command = app.add_subcommand("rules", "List the loaded rules with severities, levels and options");
    add_common_options(*command, *options, {"text", "json", "markdown"});
    command->add_option("--ruleset", options->ruleset,
                        "Rule-set file whose expression rules are listed too (default: the shipped rule sets)");
    return Command{command, options.get(), [options] {
                       EngineOptions settings = engine_options(*options);
                       if (!options->ruleset.empty()) settings.ruleset_file = options->ruleset;
                       const Engine engine(settings);
                       const std::string format = chosen_format(*options, {"text", "json", "markdown"});
                       return emit(listing(engine, format), options->output) ? exit_accepted : exit_usage;
                   }};
}

}  // namespace lmacheck::cli
