// The service as the tests run it: `lmacheck serve` on port 0 as a
// subprocess (its port read from the first line of its standard output),
// tokens made with `lmacheck token add`, and raw HTTP over a socket for what
// httplib's client cannot send (stalled or oversized bodies).
#pragma once

#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"

#include <httplib.h>

#include <sys/types.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace lmacheck::test {

extern const std::filesystem::path lmacheck_exe;
extern const std::filesystem::path source_dir;

// The bytes of a file of the repository, by its path from the top.
std::string sample(const std::string& relative);

// Runs `lmacheck ARGS...` in the source directory to its end.
ProcessResult run_lmacheck(const std::vector<std::string>& args);

// `lmacheck token add`; returns the token (the last line of its output).
std::string add_token(const std::filesystem::path& tokens, const std::string& role, const std::string& name,
                      const std::string& submitter = "");

class ServerProcess {
public:
    // Starts `lmacheck serve --store STORE --port 0 EXTRA...` and waits for
    // its "listening on" line.
    ServerProcess(const std::filesystem::path& store, const std::vector<std::string>& extra);
    ~ServerProcess();  // SIGKILL if still running
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    int port() const { return port_; }
    pid_t pid() const { return pid_; }
    const std::string& first_line() const { return first_line_; }
    std::unique_ptr<httplib::Client> client() const;
    // Sends `signal` and waits for the exit code.
    int stop(int signal);
    // What it wrote to standard error so far.
    std::string log() const;

private:
    TempDir dir_;
    pid_t pid_ = -1;
    int port_ = 0;
    std::string first_line_;
};

// A raw connection to 127.0.0.1:port.
class RawConnection {
public:
    explicit RawConnection(int port);
    ~RawConnection();
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;
    bool send(const std::string& bytes);  // false once the server closed the connection
    // Reads until the server closes the connection or `timeout_s` passes
    // without data; returns what arrived.
    std::string receive_all(int timeout_s);
    // Reads until what arrived holds `marker` (or as receive_all).
    std::string receive_until(const std::string& marker, int timeout_s);

private:
    int fd_ = -1;
};

// The status code of a raw HTTP answer ("HTTP/1.1 413 ..."), or 0.
int status_of(const std::string& answer);
// The body of a raw HTTP answer (after the blank line).
std::string body_of(const std::string& answer);

// `bytes` as one part of a multipart body with `filename`.
httplib::MultipartFormDataItems one_file(const std::string& bytes, const std::string& filename);

}  // namespace lmacheck::test
