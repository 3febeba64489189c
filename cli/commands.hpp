// The subcommands of lmacheck, one file each; main.cpp registers them.
#pragma once

#include "cli/common_options.hpp"

namespace lmacheck::cli {

inline constexpr const char* serve_description =
    "Serve the upload service and its page over HTTP (docs/service.md)";


Command add_validate_command(CLI::App& app);
Command add_rules_command(CLI::App& app);
Command add_accept_command(CLI::App& app);
Command add_history_command(CLI::App& app);
Command add_export_command(CLI::App& app);
Command add_verify_command(CLI::App& app);
Command add_serve_command(CLI::App& app);
// `serve` in lmacheck: replaces the process with lmacheck-serve, beside the program.
Command add_serve_launcher(CLI::App& app);
Command add_token_command(CLI::App& app);
Command add_convert_command(CLI::App& app);
Command add_template_command(CLI::App& app);
Command add_config_command(CLI::App& app);

}  // namespace lmacheck::cli
