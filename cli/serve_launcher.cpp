// `lmacheck serve ...` runs `lmacheck-serve serve ...` in this process
// (execv: same process id, so a supervisor's SIGTERM and the exit status are
// the service's own). lmacheck-serve lies beside the program, in the build
// tree and installed alike, and parses the arguments itself: its options,
// --help and did-you-mean are those of the real command.
#include "cli/commands.hpp"
#include "model/program_directory.hpp"

#include <spdlog/spdlog.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include <unistd.h>

namespace lmacheck::cli {
namespace {

namespace fs = std::filesystem;

int launch_serve(const std::vector<std::string>& arguments) {
    std::error_code ec;
    const fs::path dir = program_directory(ec);
    if (ec) {
        spdlog::error("cannot find lmacheck-serve: where this program lies is unknown (/proc/self/exe: {})",
                      ec.message());
        return exit_usage;
    }
    const fs::path server = dir / "lmacheck-serve";
    std::vector<std::string> words{"lmacheck", "serve"};
    words.insert(words.end(), arguments.begin(), arguments.end());
    std::vector<char*> argv;
    for (std::string& word : words) argv.push_back(word.data());
    argv.push_back(nullptr);
    std::cout.flush();
    ::execv(server.c_str(), argv.data());
    const int error = errno;  // execv returns only when it failed
    spdlog::error("cannot start {}: {} (`lmacheck serve` runs it; it is built and installed beside lmacheck)",
                  server.string(), std::strerror(error));
    return exit_usage;
}

}  // namespace

Command add_serve_launcher(CLI::App& app) {
    static const CommonOptions defaults;
    CLI::App* command = app.add_subcommand("serve", serve_description);
    command->prefix_command();  // everything after `serve` is lmacheck-serve's to parse
    command->set_help_flag();   // --help too: lmacheck-serve lists the options
    // remaining() keeps the words in the order given.
    return Command{command, &defaults, [command] { return launch_serve(command->remaining()); }};
}

}  // namespace lmacheck::cli
