#include "service/server.hpp"

#include "model/config_error.hpp"
#include "report/rules_listing.hpp"
#include "service/service_state.hpp"
#include "service/uploads.hpp"
#include "service/web_assets.hpp"
#include "store/store_schema.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <regex>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

namespace lmacheck::service {
namespace {

using Clock = std::chrono::steady_clock;

// Every answer: nothing but this origin may be loaded, nothing may frame
// the page, no referrer leaves it, and no type is guessed from content.
const httplib::Headers security_headers = {
    {"Content-Security-Policy",
     "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; object-src 'none'"},
    {"X-Content-Type-Options", "nosniff"},
    {"Referrer-Policy", "no-referrer"},
    {"X-Frame-Options", "DENY"},
    {"Cache-Control", "no-store"},
};

enum class Access { anyone, token };

struct Route {
    std::regex path;
    std::vector<std::string> methods;
    Access access;
};

const std::vector<Route>& routes() {
    static const std::vector<Route> table = {
        {std::regex("/healthz"), {"GET", "HEAD"}, Access::anyone},
        {std::regex("/api/v1/rules"), {"GET", "HEAD"}, Access::anyone},
        {std::regex("/api/v1/validate"), {"POST"}, Access::anyone},
        {std::regex("/api/v1/submissions"), {"GET", "HEAD", "POST"}, Access::token},
        {std::regex("/api/v1/submissions/[^/]+/[^/]+"), {"GET", "HEAD"}, Access::token},
        {std::regex("/api/v1/submissions/[^/]+/[^/]+/history"), {"GET", "HEAD"}, Access::token},
        {std::regex("/api/v1/years/[^/]+/overview"), {"GET", "HEAD"}, Access::token},
        {std::regex("/|/[A-Za-z0-9_.-]+\\.(html|css|js)"), {"GET", "HEAD"}, Access::anyone},
    };
    return table;
}

bool has_body(const httplib::Request& req) {
    return req.has_header("Transfer-Encoding") || (req.has_header("Content-Length") &&
                                                   req.get_header_value("Content-Length") != "0");
}

// Text for the log: control characters could forge log lines.
std::string loggable(std::string_view text) { return safe_file_name(text, "-"); }

std::string join(const std::vector<std::string>& parts) {
    std::string out;
    for (const std::string& p : parts) out += (out.empty() ? "" : ", ") + p;
    return out;
}

// Before any body is read: the path and method exist, the body's declared
// size fits, and a call that needs a token has a valid one.
httplib::Server::HandlerResponse pre_route(ServiceContext& context, const httplib::Request& req,
                                           httplib::Response& res) {
    RequestInfo& info = current_request();
    info = RequestInfo{Clock::now(), std::nullopt, 0};
    const auto answer = [&](int status, const std::string& code, const std::string& message) {
        if (has_body(req)) {
            error_answer_and_close(res, status, code, message);
        } else {
            error_answer(res, status, code, message);
        }
        return httplib::Server::HandlerResponse::Handled;
    };
    const auto route = std::find_if(routes().begin(), routes().end(),
                                    [&](const Route& r) { return std::regex_match(req.path, r.path); });
    if (route == routes().end()) return answer(404, "not_found", "no such resource");
    if (std::find(route->methods.begin(), route->methods.end(), req.method) == route->methods.end()) {
        res.set_header("Allow", join(route->methods));
        return answer(405, "method_not_allowed", "use " + join(route->methods));
    }
    if (req.method == "POST") {
        if (!req.has_header("Content-Length") && !req.has_header("Transfer-Encoding")) {
            // Whatever follows is a body of unknown length: close after the answer.
            error_answer_and_close(res, 411, "length_required", "send a Content-Length (or a chunked body)");
            return httplib::Server::HandlerResponse::Handled;
        }
        if (req.has_header("Content-Length")) {
            const std::string& declared = req.get_header_value("Content-Length");
            const bool digits = !declared.empty() && declared.size() <= 19 &&
                                declared.find_first_not_of("0123456789") == std::string::npos;
            if (!digits) return answer(400, "bad_request", "Content-Length is not a number");
            if (std::stoull(declared) > context.options.max_upload_bytes) {
                return answer(413, "payload_too_large",
                              "the body is larger than " + std::to_string(context.options.max_upload_bytes >> 20) +
                                  " MiB (--max-upload-mib)");
            }
        }
    }
    if (route->access == Access::token) {
        info.caller = context.tokens->authenticate(req.get_header_value("Authorization"));
        if (!info.caller) {
            res.set_header("WWW-Authenticate", "Bearer");
            return answer(401, "unauthorized", "this call needs a valid token in 'Authorization: Bearer TOKEN'");
        }
    }
    return httplib::Server::HandlerResponse::Unhandled;
}

void log_request(const httplib::Request& req, const httplib::Response& res) {
    RequestInfo& info = current_request();
    const double ms = info.started == Clock::time_point{}
                          ? 0.0
                          : std::chrono::duration<double, std::milli>(Clock::now() - info.started).count();
    const std::size_t bytes = res.body.empty() ? info.bytes_out : res.body.size();
    spdlog::info("{} {} {} {} bytes {:.1f} ms token={} from {}", loggable(req.method), loggable(req.path), res.status,
                 bytes, ms, info.caller ? loggable(info.caller->name) : "-", req.remote_addr);
    info = RequestInfo{};
}

// Answers that httplib makes itself (a request line it cannot parse, ...)
// get the service's JSON error body too.
httplib::Server::HandlerResponse fill_error(const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty() || res.has_header("Content-Type")) return httplib::Server::HandlerResponse::Unhandled;
    const int status = res.status;
    const char* code = status == 404 ? "not_found" : status == 413 ? "payload_too_large" : "bad_request";
    const char* message = status == 404   ? "no such resource"
                          : status == 413 ? "the request is too large"
                          : status == 414 ? "the request line is too long"
                                          : "the request could not be read";
    error_answer(res, status, code, message);
    return httplib::Server::HandlerResponse::Handled;
}

std::string content_type_of(std::string_view name) {
    if (name.ends_with(".html")) return "text/html; charset=utf-8";
    if (name.ends_with(".css")) return "text/css; charset=utf-8";
    return "text/javascript; charset=utf-8";
}

void add_page_routes(httplib::Server& server) {
    server.Get("/|/[A-Za-z0-9_.-]+\\.(html|css|js)", [](const httplib::Request& req, httplib::Response& res) {
        const std::string_view name = req.path == "/" ? std::string_view("index.html") : std::string_view(req.path).substr(1);
        for (const WebAsset& asset : web_assets()) {
            if (asset.name != name) continue;
            res.set_content(std::string(asset.bytes), content_type_of(name).c_str());
            res.headers.erase("Cache-Control");  // the default no-store: the page may be cached, if revalidated
            res.set_header("Cache-Control", "no-cache");
            return;
        }
        error_answer(res, 404, "not_found", "no such resource");
    });
}

void add_service_routes(httplib::Server& server, ServiceContext& context) {
    server.Get("/healthz", [](const httplib::Request&, httplib::Response& res) {
        const nlohmann::ordered_json body{{"status", "ok"},
                                          {"version", LMACHECK_VERSION},
                                          {"store_schema_version", store_schema::current_version()}};
        json_answer(res, 200, body.dump());
    });
    server.Get("/api/v1/rules", [&context](const httplib::Request& req, httplib::Response& res) {
        const std::string lang = req.has_param("lang") ? req.get_param_value("lang") : "en";
        if (lang != "en" && lang != "nl") {
            error_answer(res, 400, "bad_parameter", "lang must be en or nl");
            return;
        }
        json_answer(res, 200, rules_as_json(context.engine(lang == "nl" ? Language::nl : Language::en).catalog()));
    });
}

void configure(httplib::Server& server, ServiceContext& context) {
    const ServiceOptions& o = context.options;
    const unsigned threads = std::max(1u, o.threads);
    server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    server.set_payload_max_length(o.max_upload_bytes);
    server.set_read_timeout(o.request_timeout);
    server.set_write_timeout(o.request_timeout);
    // A kept-alive idle connection holds a pool thread; keep the wait short
    // (it also bounds how long a shutdown waits for idle connections).
    server.set_keep_alive_timeout(2);
    // A connection holds its pool thread for all the requests it sends: with
    // many, 16 kept-alive clients would keep every thread while the others
    // wait in the queue for the whole run (the load test saw 30 s waits).
    // After a few requests the connection is closed and queued ones get a turn.
    server.set_keep_alive_max_count(5);
    // httplib's default also sets SO_REUSEPORT, with which a second service
    // on the same port would start and silently take half the connections.
    // TCP_NODELAY (inherited by accepted sockets): httplib writes an
    // answer's head and body separately, and Nagle's algorithm would hold
    // the body until the client's delayed ACK (about 40 ms per request).
    server.set_socket_options([](socket_t socket) {
        int yes = 1;
        setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        setsockopt(socket, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
    });
    server.set_default_headers(security_headers);
    server.set_pre_routing_handler(
        [&context](const httplib::Request& req, httplib::Response& res) { return pre_route(context, req, res); });
    // A client that asks before sending its body (curl does for large
    // uploads) gets the refusal instead of "100 Continue", and never sends it.
    server.set_expect_100_continue_handler([&context](const httplib::Request& req, httplib::Response& res) {
        return pre_route(context, req, res) == httplib::Server::HandlerResponse::Handled ? res.status : 100;
    });
    server.set_error_handler(httplib::Server::HandlerWithResponse(fill_error));
    server.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr e) {
        std::string what = "unknown";
        try {
            if (e) std::rethrow_exception(e);
        } catch (const std::exception& ex) {
            what = ex.what();
        } catch (...) {
        }
        spdlog::error("{} {}: internal error: {}", loggable(req.method), loggable(req.path), what);
        error_answer_and_close(res, 500, "internal_error", "the service failed on this request; see its log");
    });
    server.set_logger(log_request);
    add_page_routes(server);
    add_service_routes(server, context);
    add_upload_routes(server, context);
    add_read_routes(server, context);
}

}  // namespace

struct Service::State {
    ServiceContext context;
    httplib::Server server;
};

RequestInfo& current_request() {
    thread_local RequestInfo info;
    return info;
}

void json_answer(httplib::Response& res, int status, const std::string& json) {
    res.status = status;
    res.set_content(json, "application/json");
}

namespace {
std::string error_json(const std::string& code, const std::string& message) {
    return nlohmann::json{{"error", {{"code", code}, {"message", message}}}}.dump(-1, ' ', false,
                                                                                nlohmann::json::error_handler_t::replace);
}
}  // namespace

void error_answer(httplib::Response& res, int status, const std::string& code, const std::string& message) {
    json_answer(res, status, error_json(code, message));
}

void error_answer_and_close(httplib::Response& res, int status, const std::string& code, const std::string& message) {
    auto body = std::make_shared<const std::string>(error_json(code, message));
    res.status = status;
    res.body.clear();
    res.set_header("Connection", "close");
    current_request().bytes_out = body->size();
    // The provider sends the whole body, then says it failed: httplib then
    // closes the connection instead of reading what is left of the request.
    res.set_content_provider(body->size(), "application/json",
                             [body](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
                                 sink.write(body->data() + offset, length);
                                 return false;
                             });
}

Service::Service(ServiceOptions options) : state_(std::make_unique<State>()) {
    ServiceContext& c = state_->context;
    c.options = std::move(options);
    c.store = SubmissionStore::open(c.options.store, SubmissionStore::Access::read_write);
    c.ledger = std::make_unique<UploadLedger>(c.options.store);
    EngineOptions engine = c.options.engine;
    engine.store = c.store;
    engine.language = Language::en;
    c.engine_en = std::make_unique<const Engine>(engine);
    engine.language = Language::nl;
    c.engine_nl = std::make_unique<const Engine>(engine);
    c.tokens = std::make_unique<TokenRegistry>(c.options.tokens);
    c.municipalities = load_municipalities(c.options.engine.data_dir);
    configure(state_->server, c);
}

Service::~Service() = default;

int Service::bind() {
    const ServiceOptions& o = state_->context.options;
    const int port = o.port == 0 ? state_->server.bind_to_any_port(o.bind)
                                 : (state_->server.bind_to_port(o.bind, o.port) ? o.port : -1);
    if (port <= 0) {
        throw ConfigError("cannot listen on " + o.bind + " port " + std::to_string(o.port) +
                          " (address in use, not an address of this machine, or not allowed)");
    }
    return port;
}

void Service::serve() { state_->server.listen_after_bind(); }

void Service::stop() { state_->server.stop(); }

}  // namespace lmacheck::service
