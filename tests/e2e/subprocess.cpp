#include "subprocess.hpp"

#include <fcntl.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string_view>

extern char** environ;

namespace lmacheck::test {
namespace {

// A temporary file that is gone when this object is.
class TempFile {
public:
    TempFile() {
        std::string pattern = "/tmp/lmacheck-test-XXXXXX";
        fd_ = ::mkstemp(pattern.data());
        if (fd_ < 0) throw std::runtime_error("mkstemp failed");
        path_ = pattern;
    }
    ~TempFile() {
        ::close(fd_);
        ::unlink(path_.c_str());
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;

    int fd() const { return fd_; }
    std::string contents() const {
        std::ifstream in(path_, std::ios::binary);
        return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    }

private:
    int fd_ = -1;
    std::string path_;
};

std::vector<std::string> test_environment() {
    std::vector<std::string> env;
    for (char** entry = environ; *entry != nullptr; ++entry) {
        if (!std::string_view(*entry).starts_with("LMACHECK_PLUGIN_PATH=")) env.emplace_back(*entry);
    }
    return env;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
    std::vector<char*> out;
    for (std::string& s : strings) out.push_back(s.data());
    out.push_back(nullptr);
    return out;
}

int wait_for(pid_t pid) {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) return -1;
    }
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : -1;
}

}  // namespace

ProcessResult run_process(const std::vector<std::string>& argv) {
    std::vector<std::string> args = argv, env = test_environment();
    std::vector<char*> arg_ptrs = pointers(args), env_ptrs = pointers(env);
    const TempFile out, err;
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {  // only async-signal-safe calls until exec
        const int null_fd = ::open("/dev/null", O_RDONLY);
        if (null_fd < 0 || ::dup2(null_fd, STDIN_FILENO) < 0 || ::dup2(out.fd(), STDOUT_FILENO) < 0 ||
            ::dup2(err.fd(), STDERR_FILENO) < 0) {
            ::_exit(126);
        }
        ::execve(arg_ptrs[0], arg_ptrs.data(), env_ptrs.data());
        ::_exit(127);
    }
    ProcessResult result;
    result.exit_code = wait_for(pid);
    result.out = out.contents();
    result.err = err.contents();
    return result;
}

ProcessResult run_on_terminal(const std::vector<std::string>& argv) {
    std::vector<std::string> args = argv, env = test_environment();
    std::vector<char*> arg_ptrs = pointers(args), env_ptrs = pointers(env);
    const TempFile out;
    int terminal = -1;
    const pid_t pid = ::forkpty(&terminal, nullptr, nullptr, nullptr);
    if (pid < 0) throw std::runtime_error("forkpty failed");
    if (pid == 0) {
        if (::dup2(out.fd(), STDOUT_FILENO) < 0) ::_exit(126);
        ::execve(arg_ptrs[0], arg_ptrs.data(), env_ptrs.data());
        ::_exit(127);
    }
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
    result.exit_code = wait_for(pid);
    result.out = out.contents();
    return result;
}

std::string describe(const ProcessResult& result) {
    const auto clip = [](const std::string& text) {
        return text.size() <= 3000 ? text : text.substr(0, 3000) + "\n[... " + std::to_string(text.size()) + " bytes]";
    };
    return "exit code " + std::to_string(result.exit_code) + "\n--- stderr ---\n" + clip(result.err) +
           "\n--- stdout ---\n" + clip(result.out);
}

}  // namespace lmacheck::test
