#include "support/subprocess.hpp"

#include "support/file_bytes.hpp"
#include "support/temp_dir.hpp"

#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string_view>

extern char** environ;

namespace lmacheck::test {
namespace {

namespace fs = std::filesystem;

constexpr uid_t nobody = 65534;

// Everything a child needs, prepared before fork: between fork and exec the
// child may only make async-signal-safe calls, so no allocation. Neither
// copied nor moved, as the pointers point into its own strings.
class PreparedChild {
public:
    PreparedChild(const std::vector<std::string>& argv, const fs::path& cwd,
                  const std::vector<std::string>& extra_env = {}, bool unprivileged = false)
        : args_(argv), cwd_(cwd.string()), drop_privileges_(unprivileged && ::geteuid() == 0) {
        if (args_.empty()) throw std::invalid_argument("no program to run");
        for (char** entry = environ; *entry != nullptr; ++entry) {
            if (!std::string_view(*entry).starts_with("LMACHECK_PLUGIN_PATH=")) env_.emplace_back(*entry);
        }
        env_.insert(env_.end(), extra_env.begin(), extra_env.end());
        for (std::string& a : args_) arg_ptrs_.push_back(a.data());
        arg_ptrs_.push_back(nullptr);
        for (std::string& e : env_) env_ptrs_.push_back(e.data());
        env_ptrs_.push_back(nullptr);
    }
    PreparedChild(const PreparedChild&) = delete;
    PreparedChild& operator=(const PreparedChild&) = delete;

    // In the child: standard input, output and error from the given
    // descriptors (-1: /dev/null), then the program.
    [[noreturn]] void exec(int in_fd, int out_fd, int err_fd) const {
        const int null_fd = ::open("/dev/null", O_RDWR | O_CLOEXEC);
        if (null_fd < 0 || ::dup2(in_fd >= 0 ? in_fd : null_fd, STDIN_FILENO) < 0 ||
            ::dup2(out_fd >= 0 ? out_fd : null_fd, STDOUT_FILENO) < 0 ||
            ::dup2(err_fd >= 0 ? err_fd : null_fd, STDERR_FILENO) < 0) {
            ::_exit(126);
        }
        if (drop_privileges_ && (::setgroups(0, nullptr) != 0 || ::setgid(nobody) != 0 || ::setuid(nobody) != 0)) {
            ::_exit(125);
        }
        // After dropping privileges: the unprivileged user must reach it too.
        if (!cwd_.empty() && ::chdir(cwd_.c_str()) != 0) ::_exit(126);
        ::execve(arg_ptrs_[0], arg_ptrs_.data(), env_ptrs_.data());
        ::_exit(127);
    }

private:
    std::vector<std::string> args_;
    std::vector<std::string> env_;
    std::vector<char*> arg_ptrs_;
    std::vector<char*> env_ptrs_;
    std::string cwd_;
    bool drop_privileges_;
};

// A pipe whose ends are closed with the object (unless closed before).
struct Pipe {
    int fds[2] = {-1, -1};
    Pipe() {
        if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error(std::string("pipe2: ") + std::strerror(errno));
    }
    ~Pipe() {
        close_end(0);
        close_end(1);
    }
    Pipe(const Pipe&) = delete;
    Pipe& operator=(const Pipe&) = delete;
    void close_end(int end) {
        if (fds[end] >= 0) ::close(fds[end]);
        fds[end] = -1;
    }
};

// Reads both pipes into `out` and `err` until the child closes them or the
// deadline passes (then kills it and sets timed_out).
void drain(pid_t pid, Pipe& out_pipe, Pipe& err_pipe, std::chrono::seconds timeout, ProcessResult& result) {
    pollfd fds[2] = {{out_pipe.fds[0], POLLIN, 0}, {err_pipe.fds[0], POLLIN, 0}};
    Pipe* pipes[2] = {&out_pipe, &err_pipe};
    std::string* sinks[2] = {&result.out, &result.err};
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    int open_pipes = 2;
    char buffer[64 * 1024];
    while (open_pipes > 0) {
        int wait_ms = -1;
        if (timeout.count() > 0) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0) {
                ::kill(pid, SIGKILL);
                result.timed_out = true;
                return;
            }
            wait_ms = static_cast<int>(left.count());
        }
        const int ready = ::poll(fds, 2, wait_ms);
        if (ready < 0 && errno != EINTR) return;
        for (int i = 0; i < 2 && ready > 0; ++i) {
            if (fds[i].fd < 0 || fds[i].revents == 0) continue;
            const ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
            if (n > 0) {
                sinks[i]->append(buffer, static_cast<std::size_t>(n));
            } else if (n == 0 || errno != EINTR) {
                pipes[i]->close_end(0);
                fds[i].fd = -1;
                --open_pipes;
            }
        }
    }
}

}  // namespace

ProcessResult run_process(const std::vector<std::string>& argv, const RunOptions& options) {
    const PreparedChild child(argv, options.cwd, options.extra_env, options.unprivileged);
    Pipe out_pipe, err_pipe;
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
    if (pid == 0) child.exec(-1, out_pipe.fds[1], err_pipe.fds[1]);
    out_pipe.close_end(1);
    err_pipe.close_end(1);
    ProcessResult result;
    drain(pid, out_pipe, err_pipe, options.timeout, result);
    result.exit_code = wait_for_exit(pid);
    return result;
}

ProcessResult run_on_terminal(const std::vector<std::string>& argv) {
    const PreparedChild child(argv, {});
    const TempDir scratch;
    const fs::path out_file = scratch / "stdout";
    const int out_fd = ::open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (out_fd < 0) throw std::runtime_error("cannot create " + out_file.string());
    int terminal = -1;
    const pid_t pid = ::forkpty(&terminal, nullptr, nullptr, nullptr);
    if (pid < 0) {
        ::close(out_fd);
        throw std::runtime_error(std::string("forkpty: ") + std::strerror(errno));
    }
    if (pid == 0) child.exec(STDIN_FILENO, out_fd, STDERR_FILENO);  // forkpty made these the terminal
    ::close(out_fd);
    ProcessResult result;
    char buffer[4096];
    for (;;) {  // until the child closes the terminal (EIO on Linux)
        const ssize_t n = ::read(terminal, buffer, sizeof buffer);
        if (n > 0) {
            result.err.append(buffer, static_cast<std::size_t>(n));
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else {
            break;
        }
    }
    ::close(terminal);
    result.exit_code = wait_for_exit(pid);
    result.out = read_bytes(out_file);
    return result;
}

pid_t start_process(const std::vector<std::string>& argv, const fs::path& cwd, int out_fd, int err_fd) {
    const PreparedChild child(argv, cwd);
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
    if (pid == 0) child.exec(-1, out_fd, err_fd);
    return pid;
}

int wait_for_exit(pid_t pid) {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) return -1;
    }
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : -1;
}

std::string describe(const ProcessResult& result) {
    const auto clip = [](const std::string& text) {
        return text.size() <= 3000 ? text : text.substr(0, 3000) + "\n[... " + std::to_string(text.size()) + " bytes]";
    };
    return "exit code " + std::to_string(result.exit_code) + (result.timed_out ? " (killed: timed out)" : "") +
           "\n--- stderr ---\n" + clip(result.err) + "\n--- stdout ---\n" + clip(result.out);
}

}  // namespace lmacheck::test
