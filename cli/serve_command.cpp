// `lmacheck serve --store DB`: the upload service (docs/service.md). Binds,
// prints "listening on http://HOST:PORT" as the first line on stdout, serves
// until SIGTERM or SIGINT, lets the requests in flight finish, exits 0.
#include "cli/commands.hpp"
#include "cli/validation_run.hpp"

#include "service/server.hpp"

#include <spdlog/spdlog.h>

#include <csignal>
#include <iostream>
#include <memory>
#include <pthread.h>
#include <thread>

namespace lmacheck::cli {
namespace {

struct ServeOptions {
    CommonOptions common;
    std::string store;
    std::string bind = "127.0.0.1";
    int port = 8080;
    std::string tokens;
    std::size_t max_upload_mib = 64;
    std::size_t max_files = 500;
    // A kept-alive connection holds its thread between requests, so there
    // are more threads than cores: judging is CPU-bound, waiting is not.
    unsigned threads = std::max(16u, 4 * std::thread::hardware_concurrency());
    int request_timeout_s = 30;
    std::string ruleset;
    std::uintmax_t max_file_mib = 64;
    int max_depth = 512;
    std::size_t max_findings_per_file = FindingLimits{}.per_file;
    std::size_t max_findings_per_run = FindingLimits{}.per_run;  // per request
    double rule_timeout_s = 10;  // 0: no limit
};

service::ServiceOptions service_options(const ServeOptions& o) {
    service::ServiceOptions s;
    s.store = o.store;
    s.bind = o.bind;
    s.port = o.port;
    if (!o.tokens.empty()) s.tokens = o.tokens;
    s.max_upload_bytes = o.max_upload_mib << 20;
    s.max_files = o.max_files;
    s.threads = o.threads;
    s.request_timeout = std::chrono::seconds(o.request_timeout_s);
    s.engine = engine_options(o.common);
    if (!o.ruleset.empty()) s.engine.ruleset_file = o.ruleset;
    s.engine.limits.max_bytes = o.max_file_mib * 1024 * 1024;
    s.engine.limits.max_depth = o.max_depth;
    s.engine.findings = FindingLimits{o.max_findings_per_file, o.max_findings_per_run};
    s.engine.rule_timeout = std::chrono::milliseconds(static_cast<long long>(o.rule_timeout_s * 1000));
    return s;
}

std::string url_host(const std::string& host) { return host.find(':') != std::string::npos ? "[" + host + "]" : host; }

int serve(const ServeOptions& options) {
    // Block the stop signals in every thread (the pool's threads inherit the
    // mask); one thread waits for them and stops the server, which then
    // answers the requests in flight before serve() returns.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);  // a client that went away is not a reason to die

    service::Service server(service_options(options));
    const int port = server.bind();
    std::cout << "listening on http://" << url_host(options.bind) << ":" << port << std::endl;
    spdlog::info("serving the store {} on {}:{} with {} thread(s)", options.store, options.bind, port, options.threads);

    std::thread watcher([&server, stop_signals] {
        int signal = 0;
        sigwait(&stop_signals, &signal);
        spdlog::info("signal {}: no new connections; finishing the requests in flight", signal);
        server.stop();
    });
    server.serve();
    // serve() also returns when listening fails; wake the watcher so it can be joined.
    pthread_kill(watcher.native_handle(), SIGTERM);
    watcher.join();
    spdlog::info("stopped");
    return exit_accepted;
}

}  // namespace

Command add_serve_command(CLI::App& app) {
    auto options = std::make_shared<ServeOptions>();
    options->common.log_level = "info";  // one line per request
    CLI::App* command = app.add_subcommand("serve", serve_description);
    command->add_option("--store", options->store, "The store of accepted submissions (created when absent)")
        ->required();
    command->add_option("--bind", options->bind, "Address to listen on")->capture_default_str();
    command->add_option("--port", options->port, "Port (0: any free port)")
        ->check(CLI::Range(0, 65535))
        ->capture_default_str();
    command->add_option("--tokens", options->tokens, "The tokens file (lmacheck token add); without it no token is valid");
    command->add_option("--max-upload-mib", options->max_upload_mib, "Largest request body, in MiB (larger: 413)")
        ->check(CLI::Range(std::size_t{1}, std::size_t{4096}))
        ->capture_default_str();
    command->add_option("--max-files", options->max_files, "Most files in one request (more: 413)")
        ->check(CLI::Range(std::size_t{1}, std::size_t{100000}))
        ->capture_default_str();
    command->add_option("--threads", options->threads, "Requests served at once")
        ->check(CLI::Range(1u, 1024u))
        ->capture_default_str();
    command->add_option("--request-timeout-s", options->request_timeout_s,
                        "Longest time a request may take to arrive, and longest pause in it (then 408)")
        ->check(CLI::Range(1, 3600))
        ->capture_default_str();
    command->add_option("--ruleset", options->ruleset,
                        "Rule-set file (default: the shipped rule set for each reporting year)");
    command->add_option("--max-file-size", options->max_file_mib, "Largest file accepted, in MiB (larger: document.unreadable)")
        ->check(CLI::Range(std::uintmax_t{1}, std::uintmax_t{1} << 20))
        ->capture_default_str();
    command->add_option("--max-depth", options->max_depth, "Deepest nesting accepted")
        ->check(CLI::Range(1, 100000))
        ->capture_default_str();
    command->add_option("--max-findings-per-file", options->max_findings_per_file,
                        "Findings kept of one file; more are counted per rule in the report, not listed")
        ->check(CLI::Range(std::size_t{1}, std::size_t{100'000'000}))
        ->capture_default_str();
    command->add_option("--max-findings-per-run", options->max_findings_per_run,
                        "Findings kept of one request; more are counted per rule in the report, not listed")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1'000'000'000}))
        ->capture_default_str();
    // A rule that hangs, crashes or exits ends the service (exit 2, naming
    // the rule and file), as it ends a command-line run: a thread stuck in
    // plugin code cannot be taken back. The supervisor restarts it
    // (docs/service.md).
    command->add_option("--rule-timeout-s", options->rule_timeout_s,
                        "Seconds one rule may take on one file before the service stops with exit 2 (0: no limit)")
        ->check(CLI::Range(0.0, 86400.0))
        ->capture_default_str();
    command->add_option("--plugin-dir", options->common.plugin_dirs,
                        "Look for plugins in DIR instead of the default (repeatable; also LMACHECK_PLUGIN_PATH)");
    command->add_option("--data-dir", options->common.data_dir, "Where schemas/ and rules/ are (default: next to the program)");
    command->add_option("--log-level", options->common.log_level, "Log level on standard error")
        ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}))
        ->capture_default_str();
    command->add_flag("-v,--verbose", options->common.verbosity, "More log output on standard error (-v info, -vv debug)");
    return Command{command, &options->common, [options] { return serve(*options); }};
}

}  // namespace lmacheck::cli
