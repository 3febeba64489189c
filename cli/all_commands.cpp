// The commands of lmacheck. `serve` is a launcher: it starts lmacheck-serve
// (cli/serve_launcher.cpp), so that this program does not link cpp-httplib.
#include "cli/command_list.hpp"
#include "cli/commands.hpp"

namespace lmacheck::cli {

std::vector<Command> add_commands(CLI::App& app) {
    return {add_validate_command(app), add_rules_command(app),  add_accept_command(app),
            add_history_command(app),  add_export_command(app), add_verify_command(app),
            add_serve_launcher(app),   add_token_command(app),  add_convert_command(app),
            add_template_command(app), add_config_command(app)};
}

}  // namespace lmacheck::cli
