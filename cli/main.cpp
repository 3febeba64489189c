// lmacheck's command line: argument parsing and exit codes only; the work is
// done by the core library. Reports go to stdout or --output, logs to stderr.
// The same main() serves both programs, lmacheck and lmacheck-serve; each
// brings its own list of commands (add_commands, cli/command_list.hpp).
#include "cli/command_list.hpp"
#include "model/closest_word.hpp"
#include "model/config_error.hpp"
#include "plugins/plugin_guard.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <unistd.h>

using namespace lmacheck::cli;

namespace {

// std::terminate: an exception that cannot be handled where it happened,
// e.g. memory running out inside a library's destructor or a noexcept
// function. It would end the run with SIGABRT (status 134), which CI reads
// as a crash of unknown meaning; it is the tool failing to do its job, exit
// 2. Inside plugin code, abort() lets the plugin guard name the rule and file.
[[noreturn]] void stop_on_terminate() noexcept {
    if (lmacheck::in_plugin_call()) std::abort();
    static const char message[] =
        "lmacheck: error: internal error (std::terminate, for example memory ran out); the run is void\n";
    [[maybe_unused]] const ssize_t written = ::write(STDERR_FILENO, message, sizeof message - 1);
    std::_Exit(exit_usage);
}

// "; did you mean 'X'?" for the name closest to `word`, within two edits (a
// third of the word for long ones); "" when none is that close.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& names) {
    const auto suggestion = lmacheck::closest_word(word, names, std::max<std::size_t>(2, word.size() / 3));
    return suggestion ? "; did you mean '" + *suggestion + "'?" : "";
}

// The long and short option names of `command`, with their dashes.
std::vector<std::string> option_names(const CLI::App& command) {
    std::vector<std::string> names;
    for (const CLI::Option* option : command.get_options()) {
        for (const std::string& name : option->get_lnames()) names.push_back("--" + name);
        for (const std::string& name : option->get_snames()) names.push_back("-" + name);
    }
    return names;
}

// CLI11 says "The following argument was not expected"; for a word that
// looks like an option, name it with the closest option the command has.
bool explain_unknown_options(const CLI::App& command, int argc, char** argv) {
    bool explained = false;
    for (int i = 2; i < argc; ++i) {
        std::string word(argv[i]);
        if (word == "--") break;
        if (word.size() < 2 || word[0] != '-' || (word[1] >= '0' && word[1] <= '9')) continue;
        word = word.substr(0, word.find('='));
        if (command.get_option_no_throw(word) != nullptr || word == "-h" || word == "--help") continue;
        std::cerr << "lmacheck " << command.get_name() << ": unknown option '" << word << "'"
                  << did_you_mean(word, option_names(command)) << " (see lmacheck "
                  << command.get_name() << " --help)\n";
        explained = true;
    }
    return explained;
}

}  // namespace

int main(int argc, char** argv) {
    std::set_terminate(stop_on_terminate);
    CLI::App app{"lmacheck: validates LMA submissions (ambulant mental-health care monitor)", "lmacheck"};
    app.set_version_flag("--version", std::string("lmacheck ") + LMACHECK_VERSION);
    app.require_subcommand(1);
    const std::vector<Command> commands = add_commands(app);

    // CLI11 would only say that a subcommand is required; name the word it did not know.
    if (argc > 1 && argv[1][0] != '-') {
        std::vector<std::string> names;
        for (const Command& c : commands) names.push_back(c.app->get_name());
        if (std::find(names.begin(), names.end(), argv[1]) == names.end()) {
            std::cerr << "lmacheck: unknown command '" << argv[1] << "'" << did_you_mean(argv[1], names)
                      << " (see lmacheck --help)\n";
            return exit_usage;
        }
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::ExtrasError& e) {
        for (const Command& command : commands) {
            if (command.app->parsed() && explain_unknown_options(*command.app, argc, argv)) return exit_usage;
        }
        return app.exit(e) == 0 ? exit_accepted : exit_usage;
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
