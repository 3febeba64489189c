// Running a program as a subprocess for the tests: to its end with standard
// output and standard error captured (as in CI), with standard error on a
// pseudo-terminal (as a person at a terminal sees it), or started in the
// background and waited for later.
//
// Every child gets its standard input from /dev/null (run_on_terminal: the
// terminal) and the test's environment without LMACHECK_PLUGIN_PATH: a
// developer's setting must not change the outcome. A child that cannot be set
// up exits with 126 (125: it could not drop its privileges), one whose
// program cannot be executed with 127.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace lmacheck::test {

struct ProcessResult {
    int exit_code = -1;      // 128 + signal number when the program died of a signal
    std::string out;         // standard output
    std::string err;         // standard error (with run_on_terminal: what the terminal showed)
    bool timed_out = false;  // killed after RunOptions::timeout
};

// A designated initializer names only what it changes. The `{}` on members
// without another default keep GCC's -Wmissing-field-initializers quiet
// about the ones it leaves out.
struct RunOptions {
    std::filesystem::path cwd{};               // where it runs; empty: the test's working directory
    std::vector<std::string> extra_env{};      // "NAME=value" entries added to its environment
    std::chrono::seconds timeout{0};           // killed with SIGKILL after this long; 0: never
    bool unprivileged = false;                 // as user and group 65534 (nobody) when the test runs as root
};

// Runs argv[0] (a path) to its end. Standard output and standard error go
// to pipes read together, so a program that fills one cannot deadlock.
ProcessResult run_process(const std::vector<std::string>& argv, const RunOptions& options = {});

// The same, with standard input and standard error on a pseudo-terminal;
// standard output still goes to a file. The terminal turns "\n" into "\r\n".
ProcessResult run_on_terminal(const std::vector<std::string>& argv);

// Starts argv[0] in `cwd` and returns at once with its pid. Standard output
// and standard error go to the given descriptors (-1: /dev/null), which the
// caller may close once this returns.
pid_t start_process(const std::vector<std::string>& argv, const std::filesystem::path& cwd, int out_fd = -1,
                    int err_fd = -1);

// Waits for a child started by start_process and returns its exit code
// (128 + signal number when it died of a signal, -1 when it is no child).
int wait_for_exit(pid_t pid);

// What a failure message shows of a run.
std::string describe(const ProcessResult& result);

}  // namespace lmacheck::test
