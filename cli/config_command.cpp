// `lmacheck config --print`: the settings a validating command would run
// with here (.lmacheck.json, found in the current directory or above, under
// the command line's options) and where each one came from.
#include "cli/commands.hpp"
#include "cli/validation_run.hpp"

#include "model/config_error.hpp"

#include <iostream>
#include <memory>

namespace lmacheck::cli {
namespace {

struct ConfigOptions {
    ValidationOptions validation;
    bool print = false;
};

int print_config(const ConfigOptions& options) {
    if (!options.print) throw ConfigError("nothing to do: `lmacheck config --print` prints the settings in force");
    const ProjectConfig config = current_project_config();
    std::vector<SettingInForce> in_force;
    with_project_config(options.validation, config, &in_force);
    std::cout << "configuration file: " << (config.file.empty() ? std::string("(none found)") : config.file.string())
              << "\n";
    for (const SettingInForce& setting : in_force) {
        std::cout << setting.name << ": " << setting.value << "  [" << setting.source << "]\n";
    }
    std::cout << "always left out of directory runs: hidden files and directories, node_modules/, the run's own "
                 "report files\n";
    return std::cout ? exit_accepted : exit_usage;
}

}  // namespace

Command add_config_command(CLI::App& app) {
    auto options = std::make_shared<ConfigOptions>();
    CLI::App* command = app.add_subcommand(
        "config", "Show the settings in force here (.lmacheck.json in this directory or above, then the command line)");
    command->add_flag("--print", options->print, "Print each setting in force and where it came from");
    options->validation.given.lang =
        command->add_option("--lang", options->validation.common.lang, "Language, as validate takes it")
            ->transform(CLI::IsMember({"en", "nl"}, CLI::ignore_case));
    add_configurable_options(*command, options->validation,
                             ValidationHelp{.store = "Store, as validate takes it", .store_required = false,
                                            .max_warnings = "As validate takes it"});
    return Command{command, &options->validation.common, [options] { return print_config(*options); }};
}

}  // namespace lmacheck::cli
