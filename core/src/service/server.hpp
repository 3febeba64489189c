// `lmacheck serve` (docs/service.md): the engine, the store and the reports
// behind HTTP. The engines (one per report language) are built once and
// shared by the pool's threads; each request is judged on its own thread
// with its own validation state, exactly as `validate` and `accept` judge
// files (judge_run, accept_year_by_year); accepts are serialised.
#pragma once

#include "engine/engine.hpp"

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace lmacheck::service {

struct ServiceOptions {
    std::filesystem::path store;
    std::string bind = "127.0.0.1";
    int port = 8080;  // 0: any free port
    std::optional<std::filesystem::path> tokens;
    std::size_t max_upload_bytes = std::size_t{64} << 20;
    std::size_t max_files = 500;  // files per request
    unsigned threads = 8;
    std::chrono::seconds request_timeout{30};
    EngineOptions engine;  // data, plugins, rule set, load limits; language and store are the service's
};

class Service {
public:
    // Builds the engines and opens the store (creating or migrating it).
    // Throws ConfigError or StoreError when it cannot.
    explicit Service(ServiceOptions options);
    ~Service();
    Service(const Service&) = delete;
    Service& operator=(const Service&) = delete;

    // Binds the listening socket and returns its port; throws ConfigError
    // when the address cannot be bound.
    int bind();

    // Serves until stop(): returns once every request in flight is answered.
    void serve();

    // Stops accepting connections (safe from any thread, e.g. a signal watcher).
    void stop();

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace lmacheck::service
