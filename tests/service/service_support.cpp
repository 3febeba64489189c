#include "service/service_support.hpp"

#include "support/file_bytes.hpp"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace lmacheck::test {

namespace fs = std::filesystem;

const fs::path lmacheck_exe = LMACHECK_EXE;
const fs::path source_dir = LMACHECK_SOURCE_DIR;

std::string sample(const std::string& relative) { return read_bytes(source_dir / relative); }

ProcessResult run_lmacheck(const std::vector<std::string>& args) {
    std::vector<std::string> argv{lmacheck_exe.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv, {.cwd = source_dir, .timeout = std::chrono::seconds(120)});
}

std::string add_token(const fs::path& tokens, const std::string& role, const std::string& name,
                      const std::string& submitter) {
    std::vector<std::string> args{"token", "add", "--tokens", tokens.string(), "--role", role, "--name", name};
    if (!submitter.empty()) {
        args.push_back("--submitter");
        args.push_back(submitter);
    }
    const ProcessResult result = run_lmacheck(args);
    if (result.exit_code != 0) throw std::runtime_error("token add failed: " + describe(result));
    std::string out = result.out;
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return out.substr(out.rfind('\n') + 1);
}

ServerProcess::ServerProcess(const fs::path& store, const std::vector<std::string>& extra) {
    std::vector<std::string> argv{lmacheck_exe.string(), "serve", "--store", store.string(), "--port", "0"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    int out[2];
    if (pipe(out) != 0) throw std::runtime_error("pipe failed");
    const int err = open((dir_ / "stderr.log").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    pid_ = start_process(argv, source_dir, out[1], err);
    close(out[1]);
    close(err);
    // The first line; the pipe closes early if the program exits instead.
    char c = 0;
    while (read(out[0], &c, 1) == 1 && c != '\n') first_line_ += c;
    close(out[0]);  // later output (none is expected) would get SIGPIPE-free EPIPE: the program ignores SIGPIPE
    const std::string prefix = "listening on http://127.0.0.1:";
    if (first_line_.rfind(prefix, 0) != 0) {
        throw std::runtime_error("the server did not start: '" + first_line_ + "'; stderr: " + log());
    }
    port_ = std::stoi(first_line_.substr(prefix.size()));
}

ServerProcess::~ServerProcess() {
    if (pid_ > 0) {
        kill(pid_, SIGKILL);
        wait_for_exit(pid_);
    }
}

std::unique_ptr<httplib::Client> ServerProcess::client() const {
    auto client = std::make_unique<httplib::Client>("127.0.0.1", port_);
    client->set_read_timeout(60);
    client->set_write_timeout(60);
    client->set_connection_timeout(10);
    return client;
}

int ServerProcess::stop(int signal) {
    if (signal != 0) kill(pid_, signal);
    const int code = wait_for_exit(pid_);
    pid_ = -1;
    return code;
}

std::string ServerProcess::log() const {
    std::error_code ec;
    return fs::exists(dir_ / "stderr.log", ec) ? read_bytes(dir_ / "stderr.log") : "";
}

RawConnection::RawConnection(int port) : fd_(socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
        throw std::runtime_error("cannot connect to port " + std::to_string(port));
    }
}

RawConnection::~RawConnection() { close(fd_); }

bool RawConnection::send(const std::string& bytes) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        const ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) return false;
        sent += static_cast<std::size_t>(n);
    }
    return true;
}

std::string RawConnection::receive_all(int timeout_s) { return receive_until("", timeout_s); }

std::string RawConnection::receive_until(const std::string& marker, int timeout_s) {
    std::string out;
    while (marker.empty() || out.find(marker) == std::string::npos) {
        pollfd p{fd_, POLLIN, 0};
        if (poll(&p, 1, timeout_s * 1000) <= 0) break;
        char buffer[65536];
        const ssize_t n = recv(fd_, buffer, sizeof buffer, 0);
        if (n <= 0) break;
        out.append(buffer, static_cast<std::size_t>(n));
    }
    return out;
}

int status_of(const std::string& answer) {
    if (answer.rfind("HTTP/1.1 ", 0) != 0 || answer.size() < 12) return 0;
    return std::stoi(answer.substr(9, 3));
}

std::string body_of(const std::string& answer) {
    const std::size_t end = answer.find("\r\n\r\n");
    return end == std::string::npos ? "" : answer.substr(end + 4);
}

httplib::MultipartFormDataItems one_file(const std::string& bytes, const std::string& filename) {
    return {{"file", bytes, filename, "application/json"}};
}

}  // namespace lmacheck::test
