// What the request handlers of the service share (internal to service/).
#pragma once

#include "engine/engine.hpp"
#include "service/server.hpp"
#include "service/tokens.hpp"
#include "store/submission_store.hpp"
#include "store/upload_ledger.hpp"

#include <httplib.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace lmacheck::service {

// A municipality of the reference list with the years it is valid.
struct ReferenceMunicipality {
    std::string code;
    std::string name;
    int from = 0;
    int to = 0;
};

struct ServiceContext {
    ServiceOptions options;
    std::shared_ptr<SubmissionStore> store;
    std::unique_ptr<UploadLedger> ledger;
    std::unique_ptr<const Engine> engine_en;
    std::unique_ptr<const Engine> engine_nl;
    std::unique_ptr<TokenRegistry> tokens;
    std::vector<ReferenceMunicipality> municipalities;
    // Accepts run one at a time, as separate `lmacheck accept` runs would:
    // each is judged against the store as the one before it left it.
    std::mutex accept_mutex;

    const Engine& engine(Language language) const { return language == Language::nl ? *engine_nl : *engine_en; }
};

// What pre-routing learned about the request, for its handler and the log
// line (httplib handles a request on one thread from start to end).
struct RequestInfo {
    std::chrono::steady_clock::time_point started{};
    std::optional<TokenEntry> caller;
    std::size_t bytes_out = 0;  // of an answer sent by a content provider
};
RequestInfo& current_request();

// Answers {"error": {"code", "message"}} with `status`.
void error_answer(httplib::Response& res, int status, const std::string& code, const std::string& message);

// The same, then closes the connection: for answers given before the body
// was read whole (httplib 0.11 would otherwise read the rest of the body as
// the next request on a kept-alive connection).
void error_answer_and_close(httplib::Response& res, int status, const std::string& code, const std::string& message);

void json_answer(httplib::Response& res, int status, const std::string& json);

void add_upload_routes(httplib::Server& server, ServiceContext& context);
void add_read_routes(httplib::Server& server, ServiceContext& context);

// The reference list's municipalities, read from the data directory.
std::vector<ReferenceMunicipality> load_municipalities(const std::filesystem::path& data_dir);

}  // namespace lmacheck::service
