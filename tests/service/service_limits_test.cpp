// The limits of `lmacheck serve` against clients that misbehave: bodies over
// --max-upload-mib (declared, chunked), too many files, a stalled upload,
// requests without a length, and SIGTERM while requests are in flight.
#include "service/service_support.hpp"

#include "support/file_bytes.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <signal.h>

#include <filesystem>
#include <future>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace lmacheck::test;

std::string post_head(const std::string& path, const std::string& length_header) {
    return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" + length_header +
           "\r\n\r\n";
}

class Limits : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new TempDir();
        server_ = new ServerProcess(*dir_ / "store.db", {"--max-upload-mib", "1", "--max-files", "3",
                                                          "--request-timeout-s", "2", "--threads", "4"});
    }
    static void TearDownTestSuite() {
        delete server_;
        delete dir_;
    }
    static TempDir* dir_;
    static ServerProcess* server_;
};
TempDir* Limits::dir_ = nullptr;
ServerProcess* Limits::server_ = nullptr;

// The answer comes while the client has sent 10 bytes of a declared 2 MiB:
// the server does not wait for (or read) the rest.
TEST_F(Limits, ADeclaredBodyOverTheLimitIs413BeforeItIsRead) {
    RawConnection connection(server_->port());
    ASSERT_TRUE(connection.send(post_head("/api/v1/validate", "Content-Length: 2097152") + "{\"kind\": 1"));
    const std::string answer = connection.receive_all(30);
    EXPECT_EQ(status_of(answer), 413) << answer;
    EXPECT_EQ(json::parse(body_of(answer))["error"]["code"], "payload_too_large");
    EXPECT_NE(answer.find("Content-Security-Policy"), std::string::npos);
}

// A client that waits for "100 Continue" gets the 413 instead, before it
// sends anything of the body (the unauthenticated accept likewise its 401).
TEST_F(Limits, ExpectContinueGetsTheRefusalInsteadOfContinue) {
    {
        RawConnection connection(server_->port());
        ASSERT_TRUE(connection.send(post_head("/api/v1/validate", "Content-Length: 2097152\r\nExpect: 100-continue")));
        const std::string answer = connection.receive_all(30);
        EXPECT_EQ(status_of(answer), 413) << answer;
        EXPECT_EQ(json::parse(body_of(answer))["error"]["code"], "payload_too_large");
    }
    {
        RawConnection connection(server_->port());
        ASSERT_TRUE(connection.send(post_head("/api/v1/submissions", "Content-Length: 100\r\nExpect: 100-continue")));
        const std::string answer = connection.receive_all(30);
        EXPECT_EQ(status_of(answer), 401) << answer;
    }
}

// httplib 0.11 does not limit chunked bodies itself.
TEST_F(Limits, AChunkedBodyOverTheLimitIs413) {
    RawConnection connection(server_->port());
    ASSERT_TRUE(connection.send(post_head("/api/v1/validate", "Transfer-Encoding: chunked")));
    const std::string chunk(64 * 1024, ' ');
    char size[16];
    std::snprintf(size, sizeof size, "%zx\r\n", chunk.size());
    for (int i = 0; i < 40; ++i) {  // 2.5 MiB; the server may close before all are sent
        if (!connection.send(size + chunk + "\r\n")) break;
    }
    const std::string answer = connection.receive_all(30);
    EXPECT_EQ(status_of(answer), 413) << answer.substr(0, 200);
}

TEST_F(Limits, AGzipBombCountsItsInflatedBytes) {
    // Content-Encoding: gzip is inflated by httplib; the limit applies to what comes out.
    const std::string inflated(3 * 1024 * 1024, ' ');
    std::string compressed;
    httplib::detail::gzip_compressor gzip;
    ASSERT_TRUE(gzip.compress(inflated.data(), inflated.size(), true, [&](const char* data, std::size_t n) {
        compressed.append(data, n);
        return true;
    }));
    ASSERT_LT(compressed.size(), 1024u * 1024u);
    auto client = server_->client();
    const auto r = client->Post("/api/v1/validate", {{"Content-Encoding", "gzip"}}, compressed, "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 413);
}

TEST_F(Limits, MoreFilesThanAllowedIs413) {
    httplib::MultipartFormDataItems files;
    for (int i = 0; i < 4; ++i) files.push_back({"file", "{}", "f" + std::to_string(i) + ".json", "application/json"});
    const auto r = server_->client()->Post("/api/v1/validate", files);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 413);
    EXPECT_EQ(json::parse(r->body)["error"]["code"], "too_many_files");
    files.pop_back();
    const auto allowed = server_->client()->Post("/api/v1/validate", files);
    ASSERT_TRUE(allowed);
    EXPECT_EQ(allowed->status, 200);
}

// --request-timeout-s 2: a client that stops sending gets 408, and the
// server's thread is free again.
TEST_F(Limits, AStalledUploadIs408) {
    RawConnection connection(server_->port());
    ASSERT_TRUE(connection.send(post_head("/api/v1/validate", "Content-Length: 1000") + "{\"kind\": "));
    const std::string answer = connection.receive_all(30);
    EXPECT_EQ(status_of(answer), 408) << answer;
    EXPECT_EQ(json::parse(body_of(answer))["error"]["code"], "request_timeout");
    const auto after = server_->client()->Get("/healthz");
    ASSERT_TRUE(after);
    EXPECT_EQ(after->status, 200);
}

TEST_F(Limits, APostWithoutLengthIs411AndMalformedBodiesAre400) {
    {
        RawConnection connection(server_->port());
        ASSERT_TRUE(connection.send("POST /api/v1/validate HTTP/1.1\r\nHost: x\r\n\r\n"));
        EXPECT_EQ(status_of(connection.receive_all(30)), 411);
    }
    {
        RawConnection connection(server_->port());
        ASSERT_TRUE(connection.send(post_head("/api/v1/validate", "Content-Length: 12abc")));
        EXPECT_EQ(status_of(connection.receive_all(30)), 400);
    }
    {
        const std::string body = "--xyz\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nno end";
        RawConnection connection(server_->port());
        ASSERT_TRUE(connection.send("POST /api/v1/validate HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; "
                                    "boundary=xyz\r\nContent-Length: " +
                                    std::to_string(body.size()) + "\r\n\r\n" + body));
        const std::string answer = connection.receive_all(30);
        EXPECT_EQ(status_of(answer), 400) << answer;
    }
    {
        RawConnection connection(server_->port());
        ASSERT_TRUE(connection.send("GARBAGE\r\n\r\n"));
        const std::string answer = connection.receive_until("}}", 30);  // the connection stays open
        EXPECT_EQ(status_of(answer), 400) << answer;
        EXPECT_EQ(json::parse(body_of(answer))["error"]["code"], "bad_request");
    }
}

// SIGTERM while an upload is half sent: the server stops accepting, the
// request in flight is answered in full, and the program exits 0.
TEST(Shutdown, SigtermFinishesTheRequestsInFlightAndExitsZero) {
    TempDir dir;
    ServerProcess server(dir / "store.db", {"--request-timeout-s", "20"});
    const std::string body = sample("samples/valid/institution-2019.json");
    RawConnection connection(server.port());
    // "100 Continue" comes once the server has read the request's head: the
    // request is then in flight, on one of the server's threads.
    ASSERT_TRUE(connection.send("POST /api/v1/validate?name=a.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                                "Expect: 100-continue\r\nContent-Type: application/json\r\nContent-Length: " +
                                std::to_string(body.size()) + "\r\n\r\n"));
    const std::string interim = connection.receive_until("\r\n\r\n", 30);
    ASSERT_EQ(status_of(interim), 100) << interim;
    ASSERT_EQ(kill(server.pid(), SIGTERM), 0);
    ASSERT_TRUE(connection.send(body));
    const std::string answer = connection.receive_all(30);
    EXPECT_EQ(status_of(answer), 200) << answer.substr(0, 300);
    EXPECT_EQ(json::parse(body_of(answer))["submissions"][0]["status"], "accepted");
    EXPECT_EQ(server.stop(0), 0);  // signal 0: only waits for the exit
    // It accepts no new connection.
}

// SIGTERM during an accept: the submission is stored completely (the next
// service on the store serves its bytes), and the program exits 0.
TEST(Shutdown, AnAcceptInFlightAtSigtermIsStoredWhole) {
    TempDir dir;
    const fs::path tokens = dir / "tokens.json";
    const std::string token = add_token(tokens, "steward", "Steward");
    const std::string body = sample("samples/valid/institution-2019.json");
    {
        ServerProcess server(dir / "store.db", {"--tokens", tokens.string(), "--request-timeout-s", "20"});
        RawConnection connection(server.port());
        ASSERT_TRUE(connection.send("POST /api/v1/submissions HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                                    "Authorization: Bearer " + token + "\r\nExpect: 100-continue\r\n"
                                    "Content-Type: application/json\r\nContent-Length: " +
                                    std::to_string(body.size()) + "\r\n\r\n"));
        const std::string interim = connection.receive_until("\r\n\r\n", 30);
        ASSERT_EQ(status_of(interim), 100) << interim;
        ASSERT_EQ(kill(server.pid(), SIGTERM), 0);
        ASSERT_TRUE(connection.send(body));
        const std::string answer = connection.receive_all(30);
        EXPECT_EQ(status_of(answer), 201) << answer.substr(0, 300);
        EXPECT_EQ(server.stop(0), 0);
    }
    ServerProcess again(dir / "store.db", {"--tokens", tokens.string()});
    const auto stored = again.client()->Get("/api/v1/submissions/06290417/2019",
                                            {{"Authorization", "Bearer " + token}});
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->status, 200);
    EXPECT_EQ(stored->body, body);
}

TEST(Shutdown, SigintExitsZeroAndAPortInUseIsExit2) {
    TempDir dir;
    ServerProcess server(dir / "store.db", {});
    const ProcessResult second = run_lmacheck({"serve", "--store", (dir / "other.db").string(), "--port",
                                               std::to_string(server.port())});
    EXPECT_EQ(second.exit_code, 2) << describe(second);
    EXPECT_NE(second.err.find("cannot listen"), std::string::npos);
    EXPECT_EQ(server.stop(SIGINT), 0);
}

}  // namespace
