// The tool failing while it judges a file is exit 2 with what failed, not a
// finding against the file: here a store row whose bytes are not JSON (read
// by the level-2 rules while the next year is validated). Before, the file
// was reported as document.unreadable "internal error" and the run exited 1,
// blaming the submitter for the store's fault (engine/batch.cpp).
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"
#include "support/test_paths.hpp"

#include <gtest/gtest.h>

#include <sqlite3.h>

#include <filesystem>
#include <string>

namespace {

namespace fs = std::filesystem;
using namespace lmacheck::test;

const fs::path lmacheck_exe = LMACHECK_EXE;
using lmacheck::test_paths::source_dir;

ProcessResult run_cli(const std::vector<std::string>& args) {
    std::vector<std::string> argv{lmacheck_exe.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv, {.cwd = source_dir, .timeout = std::chrono::seconds(120)});
}

void overwrite_stored_bytes(const fs::path& store, const std::string& bytes) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(store.c_str(), &db), SQLITE_OK);
    const std::string sql = "UPDATE submission_version SET bytes = CAST('" + bytes + "' AS BLOB)";
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    sqlite3_close(db);
}

TEST(InternalError, AStoreRowThatIsNotJsonIsExitTwoNamingTheStoreNotAFindingAgainstTheFile) {
    TempDir dir;
    const fs::path store = dir / "lma.db";
    const ProcessResult first = run_cli({"accept", "--store", store.string(), "samples/history/2018/institution-2018.json"});
    ASSERT_EQ(first.exit_code, 0) << describe(first);
    overwrite_stored_bytes(store, "not json");

    for (const char* command : {"validate", "accept"}) {
        const ProcessResult r = run_cli({command, "--store", store.string(), "--format", "json",
                                         "samples/history/2019/institution-2019.json"});
        EXPECT_EQ(r.exit_code, 2) << command << "\n" << describe(r);
        EXPECT_NE(r.err.find(store.string()), std::string::npos) << command << ": the store is not named\n"
                                                                 << describe(r);
        EXPECT_EQ(r.out.find("document.unreadable"), std::string::npos)
            << command << ": the store's fault is reported against the file\n" << describe(r);
    }
}

}  // namespace
