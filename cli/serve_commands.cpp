// The one command of lmacheck-serve, which `lmacheck serve` starts with the
// same arguments (cli/serve_launcher.cpp).
#include "cli/command_list.hpp"
#include "cli/commands.hpp"

namespace lmacheck::cli {

std::vector<Command> add_commands(CLI::App& app) { return {add_serve_command(app)}; }

}  // namespace lmacheck::cli
