// Running a program as a subprocess for the end-to-end tests: its exit code,
// standard output and standard error, either on pipes (as in CI) or with
// standard error on a pseudo-terminal (as a person at a terminal sees it).
#pragma once

#include <string>
#include <vector>

namespace lmacheck::test {

struct ProcessResult {
    int exit_code = -1;  // 128 + signal number when the program died of a signal
    std::string out;     // standard output
    std::string err;     // standard error (with run_on_terminal: what the terminal showed)
};

// Runs argv[0] (a path) with stdin from /dev/null, without
// LMACHECK_PLUGIN_PATH in its environment (a developer's setting must not
// change the outcome).
ProcessResult run_process(const std::vector<std::string>& argv);

// The same, with standard input and standard error on a pseudo-terminal;
// standard output still goes to a file. The terminal turns "\n" into "\r\n".
ProcessResult run_on_terminal(const std::vector<std::string>& argv);

// What a failure message shows of a run.
std::string describe(const ProcessResult& result);

}  // namespace lmacheck::test
