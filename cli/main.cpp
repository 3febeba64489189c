// lmacheck's command line: argument parsing and exit codes only; the work is
// done by the core library. Reports go to stdout or --output, logs to stderr.
#include "cli/commands.hpp"
#include "engine/config_error.hpp"

#include <spdlog/spdlog.h>

#include <iostream>

using namespace lmacheck::cli;

int main(int argc, char** argv) {
    CLI::App app{"lmacheck: validates LMA submissions (ambulant mental-health care monitor)", "lmacheck"};
    app.set_version_flag("--version", std::string("lmacheck ") + LMACHECK_VERSION);
    app.require_subcommand(1);
    const std::vector<Command> commands{add_validate_command(app), add_rules_command(app), add_accept_command(app),
                                        add_history_command(app), add_export_command(app),
                                        add_verify_command(app), add_serve_command(app), add_token_command(app)};

    // CLI11 would only say that a subcommand is required; name the word it did not know.
    if (argc > 1 && argv[1][0] != '-') {
        bool known = false;
        for (const Command& c : commands) known |= c.app->get_name() == argv[1];
        if (!known) {
            std::cerr << "lmacheck: unknown command '" << argv[1] << "' (see lmacheck --help)\n";
            return exit_usage;
        }
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? exit_accepted : exit_usage;
    }

    for (const Command& command : commands) {
        if (!command.app->parsed()) continue;
        configure_logging(*command.common);
        try {
            return command.run();
        } catch (const lmacheck::ConfigError& e) {
            spdlog::error("{}", e.what());
        } catch (const std::exception& e) {
            spdlog::error("internal error: {}", e.what());
        }
        return exit_usage;
    }
    return exit_usage;
}
