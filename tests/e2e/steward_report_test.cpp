// End-to-end tests of `--split-by submitter --output DIR` (issue 12): one
// report per submitter and year, so that a steward mails each institution
// its own; a submitter code from a document never writes outside DIR.
#include "support/file_bytes.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"
#include "support/test_paths.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace lmacheck::test;

const fs::path lmacheck_exe = LMACHECK_EXE;
using lmacheck::test_paths::source_dir;
const fs::path occupancy = source_dir / "samples/invalid/capacity.occupancy.json";  // 06290417, 2019
const fs::path valid_2012 = source_dir / "samples/valid/institution-2012.json";      // 06180233, 2012
const fs::path truncated = source_dir / "samples/invalid/document.unreadable-truncated.json";  // no code

ProcessResult run_cli(const std::vector<std::string>& args) {
    std::vector<std::string> argv{lmacheck_exe.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv, {.cwd = source_dir, .timeout = std::chrono::seconds(60)});
}

std::set<std::string> files_in(const fs::path& dir) {
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir)) names.insert(entry.path().filename().string());
    return names;
}

TEST(SplitBySubmitter, OneHtmlReportPerSubmitterAndYear) {
    TempDir tmp;
    const fs::path dir = tmp / "reports";  // made by the run
    const auto run = run_cli({"validate", "--split-by", "submitter", "--output", dir.string(), "--lang", "nl",
                              occupancy.string(), valid_2012.string(), truncated.string()});
    EXPECT_EQ(run.exit_code, 1) << describe(run);  // the truncated file is rejected
    EXPECT_EQ(run.out, "");
    EXPECT_EQ(files_in(dir),
              (std::set<std::string>{"06290417-2019.html", "06180233-2012.html", "unknown-submitter.html"}));
    const std::string lindenhove = read_bytes(dir / "06290417-2019.html");
    EXPECT_NE(lindenhove.find("<p class=\"subject\">Inzender: GGZ Lindenhove (06290417)"), std::string::npos);
    EXPECT_NE(lindenhove.find("<span class=\"seg\">capacity.</span><span class=\"seg\">occupancy.</span><span class=\"seg\">json</span>"), std::string::npos);
    EXPECT_EQ(lindenhove.find("institution-2012"), std::string::npos);  // only its own files
    EXPECT_EQ(lindenhove.find("truncated"), std::string::npos);
    EXPECT_NE(read_bytes(dir / "unknown-submitter.html").find("truncated"), std::string::npos);
}

TEST(SplitBySubmitter, TheFormatOptionNamesTheExtensionAndEachSummaryCountsItsOwn) {
    TempDir tmp;
    const auto run = run_cli({"validate", "--split-by", "submitter", "-o", tmp.path().string(), "--format", "json",
                              occupancy.string(), valid_2012.string()});
    EXPECT_EQ(run.exit_code, 0) << describe(run);
    EXPECT_EQ(files_in(tmp.path()), (std::set<std::string>{"06290417-2019.json", "06180233-2012.json"}));
    const json report = json::parse(read_bytes(tmp / "06290417-2019.json"));
    ASSERT_EQ(report["submissions"].size(), 1u);
    EXPECT_EQ(report["submissions"][0]["submitter_name"], "GGZ Lindenhove");
    EXPECT_EQ(report["summary"]["submissions"], 1);
    EXPECT_EQ(report["summary"]["warnings"], 1);
}

TEST(SplitBySubmitter, ACodeWithSlashesStaysInsideTheDirectory) {
    TempDir tmp;
    json document = json::parse(read_bytes(occupancy));
    document["submitter"]["agb_code"] = "../../evil";
    const fs::path input = tmp / "evil.json";
    std::ofstream(input) << document.dump(2);
    const fs::path dir = tmp / "out";
    const auto run = run_cli({"validate", "--split-by", "submitter", "-o", dir.string(), input.string()});
    EXPECT_EQ(run.exit_code, 1) << describe(run);  // the code breaks the schema's pattern
    EXPECT_EQ(files_in(dir), (std::set<std::string>{"______evil-2019.html"}));
    EXPECT_EQ(files_in(tmp.path()), (std::set<std::string>{"evil.json", "out"}));
}

TEST(SplitBySubmitter, NeedsADirectoryAsOutput) {
    const auto without_output = run_cli({"validate", "--split-by", "submitter", occupancy.string()});
    EXPECT_EQ(without_output.exit_code, 2);
    EXPECT_NE(without_output.err.find("--output"), std::string::npos) << without_output.err;
    TempDir tmp;
    const fs::path file = tmp / "report.html";
    std::ofstream(file) << "old";
    const auto over_file = run_cli({"validate", "--split-by", "submitter", "-o", file.string(), occupancy.string()});
    EXPECT_EQ(over_file.exit_code, 2) << describe(over_file);
    EXPECT_NE(over_file.err.find("is not a directory"), std::string::npos) << over_file.err;
    EXPECT_EQ(read_bytes(file), "old");
    const auto unknown = run_cli({"validate", "--split-by", "kind", "-o", tmp.path().string(), occupancy.string()});
    EXPECT_EQ(unknown.exit_code, 2);
}

}  // namespace
