// The API of `lmacheck serve` as clients use it (docs/service.md): every
// endpoint and its status codes, tokens and roles, the same reports as
// `lmacheck validate`, the audit trail, the year overview, concurrent
// accepts, the page and the security headers.
#include "service/service_support.hpp"

#include "support/file_bytes.hpp"
#include "support/report_contract.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <signal.h>

#include <filesystem>
#include <regex>
#include <thread>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace lmacheck::test;

const std::string institution_2019 = "samples/valid/institution-2019.json";  // AGB 06290417
const std::string institution_agb = "06290417";

httplib::Headers bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

json error_of(const httplib::Result& r) { return json::parse(r->body).at("error"); }

// One server for the suite, with a submitter, another submitter and a steward.
class Service : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new TempDir();
        const fs::path tokens = *dir_ / "tokens.json";
        steward_ = add_token(tokens, "steward", "Data steward");
        submitter_ = add_token(tokens, "submitter", "GGZ Lindenhove", institution_agb);
        other_ = add_token(tokens, "submitter", "Other institution", "06299999");
        server_ = new ServerProcess(*dir_ / "store.db", {"--tokens", tokens.string(), "--request-timeout-s", "5",
                                                          "--threads", "8"});
    }
    static void TearDownTestSuite() {
        delete server_;
        delete dir_;
    }

    static TempDir* dir_;
    static ServerProcess* server_;
    static std::string steward_, submitter_, other_;
};
TempDir* Service::dir_ = nullptr;
ServerProcess* Service::server_ = nullptr;
std::string Service::steward_, Service::submitter_, Service::other_;

TEST_F(Service, FirstLineNamesTheAddressAndHealthzAnswers) {
    EXPECT_EQ(server_->first_line(), "listening on http://127.0.0.1:" + std::to_string(server_->port()));
    const auto r = server_->client()->Get("/healthz");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    const json body = json::parse(r->body);
    EXPECT_EQ(body["status"], "ok");
    EXPECT_EQ(body["store_schema_version"], 3);
}

TEST_F(Service, EveryAnswerCarriesTheSecurityHeaders) {
    auto client = server_->client();
    for (const auto& r : {client->Get("/healthz"), client->Get("/"), client->Get("/no/such/thing"),
                          client->Get("/api/v1/submissions")}) {
        ASSERT_TRUE(r);
        EXPECT_EQ(r->get_header_value("Content-Security-Policy"),
                  "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; object-src 'none'");
        EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff");
        EXPECT_EQ(r->get_header_value("Referrer-Policy"), "no-referrer");
    }
}

TEST_F(Service, ThePageIsTheEmbeddedWebFolder) {
    const auto r = server_->client()->Get("/");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->get_header_value("Content-Type"), "text/html; charset=utf-8");
    EXPECT_EQ(r->get_header_value_count("Cache-Control"), 1u);
    EXPECT_EQ(r->get_header_value("Cache-Control"), "no-cache");
    EXPECT_EQ(r->body, sample("web/index.html"));
    const auto readme = server_->client()->Get("/README.md");  // only the page's own files are served
    ASSERT_TRUE(readme);
    EXPECT_EQ(readme->status, 404);
    for (const auto& entry : fs::directory_iterator(source_dir / "web")) {
        const std::string name = entry.path().filename().string();
        const std::string extension = entry.path().extension().string();
        if (extension != ".html" && extension != ".css" && extension != ".js") continue;
        const auto asset = server_->client()->Get("/" + name);
        ASSERT_TRUE(asset);
        EXPECT_EQ(asset->status, 200) << name;
        EXPECT_EQ(asset->body, read_bytes(entry.path())) << name;
    }
}

TEST_F(Service, RulesAreWhatTheCommandLinePrints) {
    for (const std::string lang : {"en", "nl"}) {
        const auto r = server_->client()->Get("/api/v1/rules?lang=" + lang);
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, 200);
        const ProcessResult cli = run_lmacheck({"rules", "--format", "json", "--lang", lang});
        EXPECT_EQ(r->body, cli.out) << lang;
    }
    const auto bad = server_->client()->Get("/api/v1/rules?lang=de");
    ASSERT_TRUE(bad);
    EXPECT_EQ(bad->status, 400);
    EXPECT_EQ(error_of(bad)["code"], "bad_parameter");
}

// Every sample gets over HTTP the bytes `lmacheck validate --format json`
// prints for it with the same store.
TEST_F(Service, ValidateGivesTheCommandLinesReportForEverySample) {
    auto client = server_->client();
    int compared = 0;
    for (const std::string folder : {"samples/valid", "samples/invalid"}) {
        for (const auto& entry : fs::directory_iterator(source_dir / folder)) {
            const std::string name = folder + "/" + entry.path().filename().string();
            const auto r = client->Post("/api/v1/validate", one_file(sample(name), name));
            ASSERT_TRUE(r) << name;
            EXPECT_EQ(r->status, 200) << name;
            const ProcessResult cli = run_lmacheck(
                {"validate", "--format", "json", "--store", (*dir_ / "store.db").string(), "--jobs", "1", name});
            EXPECT_EQ(r->body, cli.out) << name;
            ++compared;
        }
    }
    EXPECT_GE(compared, 40);
}

TEST_F(Service, ValidateRendersEveryFormatAndLanguageLikeTheCommandLine) {
    const std::string name = "samples/invalid/capacity.occupancy.json";
    for (const std::string format : {"text", "json", "junit", "sarif", "html", "markdown"}) {
        for (const std::string lang : {"en", "nl"}) {
            const auto r = server_->client()->Post("/api/v1/validate?format=" + format + "&lang=" + lang,
                                                   one_file(sample(name), name));
            ASSERT_TRUE(r);
            EXPECT_EQ(r->status, 200);
            const ProcessResult cli = run_lmacheck({"validate", "--format", format, "--lang", lang, "--store",
                                                    (*dir_ / "store.db").string(), name});
            EXPECT_EQ(r->body, cli.out) << format << " " << lang;
        }
    }
    const auto bad = server_->client()->Post("/api/v1/validate?format=pdf", one_file("{}", "x.json"));
    ASSERT_TRUE(bad);
    EXPECT_EQ(bad->status, 400);
}

TEST_F(Service, AWorkbookUploadGivesTheCommandLinesReportWithCells) {
    const fs::path workbook = *dir_ / "jaaropgave-2020.xlsx";
    ASSERT_EQ(run_lmacheck({"convert", (source_dir / "samples/invalid/capacity.places-from-bed-days.json").string(),
                            "--to", "xlsx", "--output", workbook.string()})
                  .exit_code,
              0);
    auto client = server_->client();
    const auto r = client->Post("/api/v1/validate", one_file(read_bytes(workbook), "jaaropgave-2020.xlsx"));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    const json report = json::parse(r->body);
    EXPECT_EQ(report["submissions"][0]["findings"][0]["cell"], "capacity!E2");
    EXPECT_EQ(report["submissions"][0]["findings"][0]["rule"], "capacity.places-from-bed-days");
}

TEST_F(Service, SeveralFilesInOneRequestAreOneRunSortedByName) {
    httplib::MultipartFormDataItems files{
        {"file", sample("samples/valid/municipality-2019-central.json"), "b.json", "application/json"},
        {"file", sample(institution_2019), "a.json", "application/json"}};
    const auto r = server_->client()->Post("/api/v1/validate", files);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    const json report = json::parse(r->body);
    check_report_shape(report);
    ASSERT_EQ(report["submissions"].size(), 2u);
    EXPECT_EQ(report["submissions"][0]["file"], "a.json");
    EXPECT_EQ(report["submissions"][1]["file"], "b.json");
}

TEST_F(Service, ABodyThatIsNotJsonIsAReportNotAnError) {
    auto client = server_->client();
    const auto r = client->Post("/api/v1/validate?name=notes.txt", "this is not JSON", "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    const json report = json::parse(r->body);
    check_report_shape(report);
    EXPECT_EQ(report["submissions"][0]["file"], "notes.txt");
    EXPECT_EQ(report["submissions"][0]["status"], "rejected");
    EXPECT_EQ(report["submissions"][0]["findings"][0]["rule"], "document.unreadable");

    const auto empty = client->Post("/api/v1/validate", "", "application/json");
    ASSERT_TRUE(empty);
    EXPECT_EQ(empty->status, 200);
    EXPECT_EQ(json::parse(empty->body)["submissions"][0]["findings"][0]["rule"], "document.unreadable");

    const auto accept = client->Post("/api/v1/submissions", bearer(steward_), "{\"kind\": ", "application/json");
    ASSERT_TRUE(accept);
    EXPECT_EQ(accept->status, 422);
    EXPECT_EQ(json::parse(accept->body)["submissions"][0]["findings"][0]["rule"], "document.unreadable");
}

TEST_F(Service, AnUploadedFileNameIsEscapedText) {
    const std::string name = "<img src=x onerror=alert(1)>\x1b[31m../../etc/passwd.json";
    const auto r = server_->client()->Post("/api/v1/validate?format=html",
                                           one_file(sample(institution_2019), name));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->body.find("<img src=x"), std::string::npos);
    // File names break into pieces after '/' and '.' (<span class="seg">) for printing.
    const std::string page = std::regex_replace(r->body, std::regex("<span class=\"seg\">([^<]*)</span>"), "$1");
    EXPECT_NE(page.find("&lt;img src=x onerror=alert(1)&gt;?[31m../../etc/passwd.json"), std::string::npos);
    const auto text = server_->client()->Post("/api/v1/validate?format=text", one_file("{}", name));
    ASSERT_TRUE(text);
    EXPECT_EQ(text->body.find('\x1b'), std::string::npos);  // control characters never reach a terminal
}

TEST_F(Service, CallsThatNeedATokenAre401WithoutAValidOne) {
    auto client = server_->client();
    for (const auto& r : {client->Get("/api/v1/submissions"), client->Get("/api/v1/submissions", bearer("lma_wrong")),
                          client->Get("/api/v1/years/2019/overview", {{"Authorization", "Basic " + steward_}}),
                          client->Post("/api/v1/submissions", one_file(sample(institution_2019), "x.json"))}) {
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, 401);
        EXPECT_EQ(error_of(r)["code"], "unauthorized");
    }
    // The token is never accepted from the URL.
    const auto in_url = client->Get("/api/v1/submissions?token=" + steward_);
    ASSERT_TRUE(in_url);
    EXPECT_EQ(in_url->status, 401);
}

TEST_F(Service, ASubmitterHandsInAndReadsItsOwnSubmissionsOnly) {
    auto client = server_->client();
    const std::string bytes = sample(institution_2019);
    // REMOTE_ADDR sent by the client must not end up in the audit trail.
    httplib::Headers headers = bearer(submitter_);
    headers.emplace("REMOTE_ADDR", "203.0.113.66");
    const auto stored = client->Post("/api/v1/submissions", headers, one_file(bytes, "lindenhove-2019.json"));
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->status, 201) << stored->body;
    EXPECT_EQ(json::parse(stored->body)["submissions"][0]["status"], "accepted");

    const std::string own = "/api/v1/submissions/" + institution_agb + "/2019";
    const auto got = client->Get(own, bearer(submitter_));
    ASSERT_TRUE(got);
    EXPECT_EQ(got->status, 200);
    EXPECT_EQ(got->get_header_value("Content-Type"), "application/json");
    EXPECT_EQ(got->body, bytes);

    const auto history = client->Get(own + "/history", bearer(submitter_));
    ASSERT_TRUE(history);
    EXPECT_EQ(history->status, 200);
    const json versions = json::parse(history->body)["versions"];
    ASSERT_GE(versions.size(), 1u);
    EXPECT_EQ(versions.back()["submitted_by"], "GGZ Lindenhove");
    EXPECT_EQ(versions.back()["submitted_role"], "submitter");
    EXPECT_EQ(versions.back()["remote_addr"], "127.0.0.1");
    EXPECT_EQ(versions.back()["file"], "lindenhove-2019.json");

    const auto list = client->Get("/api/v1/submissions?year=2019", bearer(submitter_));
    ASSERT_TRUE(list);
    EXPECT_EQ(list->status, 200);
    const json listed = json::parse(list->body);  // kept: the loop reads into it
    for (const json& s : listed.at("submissions")) EXPECT_EQ(s["submitter_id"], institution_agb);

    // Another submitter's token: 403 for reading, for the history and for handing in.
    for (const auto& r : {client->Get(own, bearer(other_)), client->Get(own + "/history", bearer(other_)),
                          client->Get("/api/v1/submissions?submitter=" + institution_agb, bearer(other_)),
                          client->Post("/api/v1/submissions", bearer(other_), one_file(bytes, "x.json"))}) {
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, 403);
        EXPECT_EQ(error_of(r)["code"], "forbidden");
    }
    // The steward reads everything.
    const auto by_steward = client->Get(own, bearer(steward_));
    ASSERT_TRUE(by_steward);
    EXPECT_EQ(by_steward->status, 200);
}

TEST_F(Service, RejectedSubmissionsAre422AndNotStored) {
    auto client = server_->client();
    const std::string name = "samples/invalid/capacity.totals-match-locations.json";
    const auto r = client->Post("/api/v1/submissions", bearer(steward_), one_file(sample(name), name));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 422);
    const json report = json::parse(r->body);
    check_report_shape(report);
    EXPECT_EQ(report["submissions"][0]["status"], "rejected");
    const std::string submitter = report["submissions"][0]["submitter_id"];
    const int year = report["submissions"][0]["reporting_year"];
    const auto missing = client->Get("/api/v1/submissions/" + submitter + "/" + std::to_string(year), bearer(steward_));
    ASSERT_TRUE(missing);
    // Another test may have stored a valid file of this submitter and year;
    // this one was not stored either way.
    if (missing->status == 200) {
        EXPECT_NE(missing->body, sample(name));
    } else {
        EXPECT_EQ(missing->status, 404);
        EXPECT_EQ(error_of(missing)["code"], "not_found");
    }
}

TEST_F(Service, UnknownPathsMethodsAndParametersAreJsonErrors) {
    auto client = server_->client();
    const auto none = client->Get("/api/v1/nothing");
    ASSERT_TRUE(none);
    EXPECT_EQ(none->status, 404);
    EXPECT_EQ(error_of(none)["code"], "not_found");
    const auto method = client->Get("/api/v1/validate");
    ASSERT_TRUE(method);
    EXPECT_EQ(method->status, 405);
    EXPECT_EQ(error_of(method)["code"], "method_not_allowed");
    const auto year = client->Get("/api/v1/submissions?year=twenty", bearer(steward_));
    ASSERT_TRUE(year);
    EXPECT_EQ(year->status, 400);
    const auto no_version = client->Get("/api/v1/submissions/06290101/2011", bearer(steward_));
    ASSERT_TRUE(no_version);
    EXPECT_EQ(no_version->status, 404);
    const auto no_history = client->Get("/api/v1/submissions/06290101/2011/history", bearer(steward_));
    ASSERT_TRUE(no_history);
    EXPECT_EQ(no_history->status, 404);
    const auto traversal = client->Get("/../../etc/passwd");
    ASSERT_TRUE(traversal);
    EXPECT_GE(traversal->status, 400);
    EXPECT_LT(traversal->status, 500);
}

TEST_F(Service, TheYearOverviewIsForStewardsAndShowsEveryExpectedSubmitter) {
    auto client = server_->client();
    // A municipality hands in a rejected file: "rejected" until it hands in a good one.
    std::string bad = sample("samples/valid/municipality-2019-central.json");
    bad.replace(bad.find("\"reporting_year\": 2019"), 22, "\"reporting_year\": 2019, \"unknown_key\": 1");
    const auto rejected = client->Post("/api/v1/submissions", bearer(steward_), one_file(bad, "gm0599.json"));
    ASSERT_TRUE(rejected);
    EXPECT_EQ(rejected->status, 422);

    const auto forbidden = client->Get("/api/v1/years/2019/overview", bearer(submitter_));
    ASSERT_TRUE(forbidden);
    EXPECT_EQ(forbidden->status, 403);

    const auto r = client->Get("/api/v1/years/2019/overview", bearer(steward_));
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200);
    const json overview = json::parse(r->body);
    EXPECT_EQ(overview["year"], 2019);
    std::map<std::string, json> by_id;
    for (const json& s : overview["submitters"]) by_id[s["submitter_id"]] = s;
    // Every municipality of the reference list valid in 2019.
    int municipalities = 0;
    for (const json& m : json::parse(sample("rules/reference/municipalities.json"))) {
        if (m["valid_from"] > 2019 || m["valid_to"] < 2019) continue;
        ++municipalities;
        const std::string code = m["code"];
        ASSERT_TRUE(by_id.count(code)) << code;
        EXPECT_EQ(by_id[code]["kind"], "municipality");
        EXPECT_EQ(by_id[code]["name"], m["name"]);
    }
    EXPECT_GT(municipalities, 10);
    ASSERT_TRUE(by_id.count("GM0599"));
    EXPECT_EQ(by_id["GM0599"]["status"], "rejected");
    EXPECT_EQ(by_id["GM0599"]["last_attempt"]["outcome"], "rejected");
    ASSERT_TRUE(by_id.count("GM0363"));
    EXPECT_EQ(by_id["GM0363"]["status"], "missing");
    EXPECT_TRUE(by_id["GM0363"]["counts"].is_null());
    EXPECT_EQ(overview["totals"]["rejected"], 1);

    const auto good = client->Post("/api/v1/submissions", bearer(steward_),
                                   one_file(sample("samples/valid/municipality-2019-central.json"), "gm0599.json"));
    ASSERT_TRUE(good);
    EXPECT_EQ(good->status, 201);
    const json after = json::parse(client->Get("/api/v1/years/2019/overview", bearer(steward_))->body);
    for (const json& s : after["submitters"]) {
        if (s["submitter_id"] != "GM0599") continue;
        EXPECT_EQ(s["status"], "accepted");
        EXPECT_EQ(s["counts"]["error"], 0);
        EXPECT_EQ(s["last_attempt"]["outcome"], "accepted");
    }
    const auto bad_year = client->Get("/api/v1/years/19/overview", bearer(steward_));
    ASSERT_TRUE(bad_year);
    EXPECT_EQ(bad_year->status, 400);
}

// An institution seen in an earlier year is expected in the next one.
TEST_F(Service, TheOverviewExpectsInstitutionsOfEarlierYears) {
    auto client = server_->client();
    const auto stored = client->Post("/api/v1/submissions", bearer(steward_),
                                     one_file(sample("samples/valid/institution-2019.json"), "i.json"));
    ASSERT_TRUE(stored);
    ASSERT_TRUE(stored->status == 201) << stored->body;
    const json overview = json::parse(client->Get("/api/v1/years/2020/overview", bearer(steward_))->body);
    bool found = false;
    for (const json& s : overview["submitters"]) {
        if (s["submitter_id"] == institution_agb) {
            found = true;
            EXPECT_EQ(s["kind"], "institution");
        }
    }
    EXPECT_TRUE(found);
}

// Two uploads of one submitter and year at once: both stored, one current
// version and the other in the audit trail, never a lost or a double one.
TEST_F(Service, ConcurrentAcceptsOfOneSubmitterAndYearKeepEveryVersion) {
    const std::string base = sample("samples/valid/municipality-2019-noncentral.json");
    const std::string submitter = json::parse(base)["submitter"]["municipality_code"];
    const auto before = server_->client()->Get("/api/v1/submissions/" + submitter + "/2019/history", bearer(steward_));
    const std::size_t versions_before = before->status == 200 ? json::parse(before->body)["versions"].size() : 0;

    constexpr int uploads = 6;
    std::vector<int> status(uploads, 0);
    std::vector<std::thread> threads;
    for (int i = 0; i < uploads; ++i) {
        threads.emplace_back([&, i] {
            // Different bytes (trailing spaces), same submission.
            const auto r = server_->client()->Post("/api/v1/submissions", bearer(steward_),
                                                   one_file(base + std::string(static_cast<std::size_t>(i + 1), ' '),
                                                            "upload-" + std::to_string(i) + ".json"));
            status[static_cast<std::size_t>(i)] = r ? r->status : -1;
        });
    }
    for (std::thread& t : threads) t.join();
    for (int s : status) EXPECT_EQ(s, 201);
    const auto history = server_->client()->Get("/api/v1/submissions/" + submitter + "/2019/history", bearer(steward_));
    ASSERT_TRUE(history);
    const json body = json::parse(history->body);
    ASSERT_EQ(body["versions"].size(), versions_before + uploads);
    int current = 0;
    for (const json& v : body["versions"]) current += v["superseded_at"].is_null() ? 1 : 0;
    EXPECT_EQ(current, 1);
    EXPECT_EQ(body["current_version"], static_cast<int>(versions_before + uploads));
}

TEST_F(Service, ARevokedTokenStopsWorkingWithoutARestart) {
    const fs::path tokens = *dir_ / "tokens.json";
    const std::string token = add_token(tokens, "submitter", "Short-lived", "06290101");
    auto client = server_->client();
    const auto allowed = client->Get("/api/v1/submissions", bearer(token));
    ASSERT_TRUE(allowed);
    EXPECT_EQ(allowed->status, 200);
    const ProcessResult revoked = run_lmacheck({"token", "revoke", "--tokens", tokens.string(), "--name", "Short-lived"});
    ASSERT_EQ(revoked.exit_code, 0) << describe(revoked);
    const auto refused = client->Get("/api/v1/submissions", bearer(token));
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 401);
}

TEST_F(Service, TheLogHasOneLinePerRequestWithoutTheToken) {
    const auto r = server_->client()->Get("/api/v1/submissions?year=2019", bearer(steward_));
    ASSERT_TRUE(r);
    // httplib writes the log line just after the answer: wait for it.
    std::string log = server_->log();
    for (int i = 0; i < 500 && log.find("GET /api/v1/submissions 200") == std::string::npos; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        log = server_->log();
    }
    EXPECT_NE(log.find("GET /api/v1/submissions 200"), std::string::npos) << log;
    EXPECT_NE(log.find("token=Data steward"), std::string::npos);
    EXPECT_EQ(log.find(steward_), std::string::npos);
    EXPECT_EQ(log.find(submitter_), std::string::npos);
}

// ---------------------------------------------------------------------------
// Tokens on the command line

TEST(TokenCommand, AddPrintsTheTokenOnceAndTheFileHoldsOnlyItsHash) {
    TempDir dir;
    const fs::path tokens = dir / "tokens.json";
    const std::string token = add_token(tokens, "submitter", "GGZ Lindenhove", "06290101");
    EXPECT_EQ(token.rfind("lma_", 0), 0u);
    EXPECT_GE(token.size(), 40u);
    const std::string file = read_bytes(tokens);
    EXPECT_EQ(file.find(token), std::string::npos);
    EXPECT_EQ(file.find(token.substr(4)), std::string::npos);
    const json parsed = json::parse(file);
    EXPECT_EQ(parsed["tokens"][0]["name"], "GGZ Lindenhove");
    EXPECT_EQ(parsed["tokens"][0]["submitter"], "06290101");
    EXPECT_EQ(parsed["tokens"][0]["sha256"].get<std::string>().size(), 64u);
    EXPECT_NE(add_token(tokens, "steward", "Steward"), token);

    const ProcessResult list = run_lmacheck({"token", "list", "--tokens", tokens.string()});
    EXPECT_EQ(list.exit_code, 0);
    EXPECT_NE(list.out.find("GGZ Lindenhove"), std::string::npos);
    EXPECT_EQ(list.out.find(token), std::string::npos);
}

TEST(TokenCommand, RefusesDuplicateNamesAndMissingOrBadSubmitters) {
    TempDir dir;
    const std::string tokens = (dir / "tokens.json").string();
    add_token(tokens, "steward", "Steward");
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"--role", "steward", "--name", "Steward"},
          std::vector<std::string>{"--role", "submitter", "--name", "No id"},
          std::vector<std::string>{"--role", "submitter", "--submitter", "12", "--name", "Bad id"},
          std::vector<std::string>{"--role", "steward", "--submitter", "06290101", "--name", "Bound steward"},
          std::vector<std::string>{"--role", "admin", "--name", "Admin"}}) {
        std::vector<std::string> argv{"token", "add", "--tokens", tokens};
        argv.insert(argv.end(), args.begin(), args.end());
        const ProcessResult r = run_lmacheck(argv);
        EXPECT_EQ(r.exit_code, 2) << describe(r);
    }
    const ProcessResult revoke = run_lmacheck({"token", "revoke", "--tokens", tokens, "--name", "Nobody"});
    EXPECT_EQ(revoke.exit_code, 2);
}

}  // namespace

namespace {

// Bytes altered behind the store's back are a store fault, never a download:
// the listing would show one SHA-256 and the file another.
TEST(ServiceStore, AlteredStoredBytesAreAnErrorNotADownload) {
    const TempDir dir;
    const fs::path tokens = dir / "tokens.json";
    const std::string steward = add_token(tokens, "steward", "Data steward");
    const fs::path store = dir / "store.db";
    const ProcessResult accepted = run_lmacheck({"accept", "--store", store.string(), (source_dir / institution_2019).string()});
    ASSERT_EQ(accepted.exit_code, 0) << describe(accepted);
    const ProcessResult altered = run_process(
        {"/usr/bin/sqlite3", store.string(),
         "UPDATE submission_version SET bytes = CAST(replace(CAST(bytes AS TEXT), '2019', '2019 ') AS BLOB)"});
    ASSERT_EQ(altered.exit_code, 0) << describe(altered);

    ServerProcess server(store, {"--tokens", tokens.string()});
    const auto got = server.client()->Get("/api/v1/submissions/" + institution_agb + "/2019", bearer(steward));
    ASSERT_TRUE(got);
    EXPECT_EQ(got->status, 500) << got->body;
    EXPECT_EQ(error_of(got)["code"], "internal_error");  // the details are for the steward's log
    EXPECT_EQ(got->body.find("\"submitter\""), std::string::npos) << "the altered document was handed out";
    EXPECT_NE(server.log().find("do not match their SHA-256"), std::string::npos) << server.log();
}

}  // namespace
