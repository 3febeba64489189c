// The commands one program offers. main.cpp is shared by two programs:
// lmacheck (all_commands.cpp: every command, `serve` as a launcher) and
// lmacheck-serve (serve_commands.cpp: `serve` itself). The upload service
// alone needs cpp-httplib, which with OpenSSL, Brotli and their start-up
// code costs every process that merely links it about a third of a one-file
// run (docs/performance.md, cold start); so only lmacheck-serve links it.
#pragma once

#include "cli/common_options.hpp"

#include <vector>

namespace lmacheck::cli {

std::vector<Command> add_commands(CLI::App& app);

}  // namespace lmacheck::cli
