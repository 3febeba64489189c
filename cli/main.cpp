// lmacheck's command line: argument parsing and exit codes only; the work is
// done by the core library. Reports go to stdout or --output, logs to stderr.
#include "cli/commands.hpp"

int main(int argc, char** argv) { return lmacheck::cli::run(argc, argv); }
