#pragma once

namespace lmacheck::cli {

// Exit status of the program (report-and-cli.md): 0 every submission
// accepted, 1 at least one rejected (or too many warnings), 2 the tool could
// not do its job.
enum ExitCode : int { exit_accepted = 0, exit_rejected = 1, exit_usage = 2 };

int run(int argc, char** argv);

}  // namespace lmacheck::cli
