// The directory walk of collect_inputs (engine/inputs.hpp): which files it
// picks up, how reports name them whatever the spelling of the directory on
// the command line, and which names are one file. The end-to-end tests
// (tests/e2e/cli_safety_test.cpp, cli_test.cpp) cover links, FIFOs and loops
// through the command line; these pin the walk's own contract.
#include "engine/input_selection.hpp"
#include "engine/inputs.hpp"
#include "model/config_error.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include <climits>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace lmacheck {
namespace {

namespace fs = std::filesystem;

// Each test runs in a fresh directory of its own, as its current directory:
// display names are relative, as a user types them.
class InputWalk : public ::testing::Test {
protected:
    void SetUp() override {
        fs::create_directories(temp_ / "tree" / "sub" / "deeper");
        previous_ = fs::current_path();
        fs::current_path(temp_.path());
    }
    void TearDown() override { fs::current_path(previous_); }
    void write(const fs::path& file, const std::string& text = "{}") const { temp_.write(file, text); }

    static std::vector<std::string> names(const std::vector<InputFile>& inputs) {
        std::vector<std::string> out;
        for (const InputFile& input : inputs) out.push_back(input.display_name);
        return out;
    }

    test::TempDir temp_;
    fs::path previous_;
};

TEST_F(InputWalk, PicksUpJsonAndWorkbooksBelowEveryLevelButNotHiddenEntriesOrOtherFiles) {
    write("tree/a.json");
    write("tree/b.xlsx");
    write("tree/c.ods");
    write("tree/notes.txt");
    write("tree/~$b.xlsx");  // Excel's lock file
    write("tree/.hidden.json");
    write("tree/sub/d.json");
    write("tree/sub/deeper/e.json");
    fs::create_directories("tree/.git");
    write("tree/.git/f.json");
    fs::create_directories("tree/node_modules/pkg");
    write("tree/node_modules/pkg/g.json");
    fs::create_directories("tree/dir.json");  // a directory, whatever its name

    EXPECT_EQ(names(collect_inputs({"tree"})),
              (std::vector<std::string>{"tree/a.json", "tree/b.xlsx", "tree/c.ods", "tree/sub/d.json",
                                        "tree/sub/deeper/e.json"}));
}

TEST_F(InputWalk, NamesFilesAfterTheDirectoryAsTheCommandLineSpelledIt) {
    write("tree/a.json");
    write("tree/sub/b.json");
    const std::vector<std::pair<std::string, std::vector<std::string>>> cases{
        {"tree", {"tree/a.json", "tree/sub/b.json"}},
        {"tree/", {"tree/a.json", "tree/sub/b.json"}},
        {"./tree", {"./tree/a.json", "./tree/sub/b.json"}},
        {"tree/sub/..", {"tree/sub/../a.json", "tree/sub/../sub/b.json"}},
        {"tree/sub", {"tree/sub/b.json"}},
    };
    for (const auto& [spelling, expected] : cases) {
        EXPECT_EQ(names(collect_inputs({spelling})), expected) << spelling;
    }
    fs::current_path("tree");
    EXPECT_EQ(names(collect_inputs({"."})), (std::vector<std::string>{"./a.json", "./sub/b.json"}));
    const std::string absolute = (temp_ / "tree").string();
    EXPECT_EQ(names(collect_inputs({absolute})),
              (std::vector<std::string>{absolute + "/a.json", absolute + "/sub/b.json"}));
}

TEST_F(InputWalk, GivesEveryFileItsIdentitySoThatAFileUnderTwoNamesIsJudgedOnce) {
    write("tree/a.json");
    write("tree/b.json");
    fs::create_hard_link("tree/a.json", "tree/sub/hard.json");
    fs::create_symlink("../b.json", "tree/sub/link.json");

    const std::vector<InputFile> inputs = collect_inputs({"tree", "tree/a.json"});
    EXPECT_EQ(names(inputs), (std::vector<std::string>{"tree/a.json", "tree/b.json"}));
    for (const InputFile& input : inputs) {
        struct stat info {};
        ASSERT_EQ(::stat(input.path.c_str(), &info), 0) << input.path;
        ASSERT_TRUE(input.id.has_value()) << input.display_name;
        EXPECT_EQ(input.id->device, static_cast<std::uintmax_t>(info.st_dev)) << input.display_name;
        EXPECT_EQ(input.id->inode, static_cast<std::uintmax_t>(info.st_ino)) << input.display_name;
    }
}

TEST_F(InputWalk, FollowsLinksToFilesButNotToDirectories) {
    write("tree/a.json");
    fs::create_directories("elsewhere");
    write("elsewhere/outside.json");
    write("elsewhere/target.json");
    fs::create_symlink(temp_ / "elsewhere", "tree/linked-dir");
    fs::create_symlink(temp_ / "elsewhere" / "target.json", "tree/linked.json");
    fs::create_symlink("missing.json", "tree/broken.json");

    const std::vector<InputFile> inputs = collect_inputs({"tree"});
    EXPECT_EQ(names(inputs), (std::vector<std::string>{"tree/a.json", "tree/broken.json", "tree/linked.json"}));
    // A broken link stays an input, reported as unreadable when it is loaded.
    EXPECT_EQ(inputs[1].unreadable, "");
    EXPECT_FALSE(inputs[1].id.has_value());
    EXPECT_TRUE(inputs[2].id.has_value());
}

TEST_F(InputWalk, ReportsAFifoWithoutOpeningIt) {
    ASSERT_EQ(::mkfifo("tree/pipe.json", 0600), 0);
    const std::vector<InputFile> inputs = collect_inputs({"tree"});
    ASSERT_EQ(names(inputs), (std::vector<std::string>{"tree/pipe.json"}));
    EXPECT_EQ(inputs[0].unreadable, "not a regular file");
}

TEST_F(InputWalk, ADirectoryItCannotListIsAnInputNamedAfterIt) {
    if (::geteuid() == 0) GTEST_SKIP() << "root lists every directory";
    write("tree/a.json");
    write("tree/sub/b.json");
    fs::permissions("tree/sub", fs::perms::none);
    const std::vector<InputFile> inputs = collect_inputs({"tree"});
    fs::permissions("tree/sub", fs::perms::owner_all);
    ASSERT_EQ(names(inputs), (std::vector<std::string>{"tree/a.json", "tree/sub"}));
    EXPECT_EQ(inputs[1].unreadable, "cannot list directory: Permission denied");
}

TEST_F(InputWalk, ExcludeAndIncludeMatchNamesAndPathsBelowTheDirectory) {
    write("tree/a.json");
    write("tree/draft-a.json");
    write("tree/sub/b.json");
    write("tree/sub/deeper/c.json");
    EXPECT_EQ(names(collect_inputs({"tree"}, InputSelection{{"draft-*"}, {}, {}})),
              (std::vector<std::string>{"tree/a.json", "tree/sub/b.json", "tree/sub/deeper/c.json"}));
    EXPECT_EQ(names(collect_inputs({"tree"}, InputSelection{{"deeper"}, {}, {}})),
              (std::vector<std::string>{"tree/a.json", "tree/draft-a.json", "tree/sub/b.json"}));
    EXPECT_EQ(names(collect_inputs({"tree"}, InputSelection{{"sub/*"}, {}, {}})),
              (std::vector<std::string>{"tree/a.json", "tree/draft-a.json"}));
    EXPECT_EQ(names(collect_inputs({"tree"}, InputSelection{{}, {"tree/sub/*"}, {}})),
              (std::vector<std::string>{"tree/sub/b.json", "tree/sub/deeper/c.json"}));
}

TEST_F(InputWalk, GlobsSeeTheShownPathWithRepeatedSeparatorsCollapsed) {
    write("tree/a.json");
    write("tree/sub/b.json");
    // Reports show "tree//sub/b.json"; globs have always matched the
    // generic form, "tree/sub/b.json".
    EXPECT_EQ(names(collect_inputs({"tree//"}, InputSelection{{"tree/sub/*"}, {}, {}})),
              (std::vector<std::string>{"tree//a.json"}));
    EXPECT_EQ(names(collect_inputs({"tree//"}, InputSelection{{}, {"tree/sub/*"}, {}})),
              (std::vector<std::string>{"tree//sub/b.json"}));
}

TEST_F(InputWalk, AFileWhosePathIsTooLongToOpenDoesNotStandInForAReadableName) {
    write("tree/a.json");
    const int tree = ::open("tree", O_RDONLY | O_DIRECTORY);
    ASSERT_GE(tree, 0);
    // A directory whose path is just short enough to list (4,080 bytes),
    // holding a hard link to a.json whose path is too long to open. Made
    // one level at a time, each relative to the last. "M" sorts before
    // "a", so the long name comes first.
    int dir = ::dup(tree);
    std::string below = "tree";
    for (int level = 0; level < 20; ++level) {
        const std::string name(200, 'M');
        ASSERT_EQ(::mkdirat(dir, name.c_str(), 0755), 0);
        const int next = ::openat(dir, name.c_str(), O_RDONLY | O_DIRECTORY);
        ::close(dir);
        ASSERT_GE(next, 0);
        dir = next;
        below += "/" + name;
    }
    const std::string last(4080 - below.size() - 1, 'M');
    ASSERT_EQ(::mkdirat(dir, last.c_str(), 0755), 0);
    const int deepest = ::openat(dir, last.c_str(), O_RDONLY | O_DIRECTORY);
    ::close(dir);
    ASSERT_GE(deepest, 0);
    below += "/" + last;
    ASSERT_EQ(below.size(), 4080u);
    const std::string link = "a-hard-link-with-a-long-name.json";
    ASSERT_EQ(::linkat(tree, "a.json", deepest, link.c_str(), 0), 0);
    ::close(deepest);
    ::close(tree);
    ASSERT_GE(below.size() + 1 + link.size(), static_cast<std::size_t>(PATH_MAX));

    const std::vector<InputFile> inputs = collect_inputs({"tree"});
    ASSERT_EQ(inputs.size(), 2u);
    EXPECT_EQ(inputs[0].display_name, below + "/" + link);  // reported unreadable when loaded
    EXPECT_EQ(inputs[1].display_name, "tree/a.json");
}

TEST_F(InputWalk, LeavesOutTheRunsOwnEarlierReportButNotASubmissionInItsPlace) {
    write("tree/a.json");
    write("tree/report.json", "{\n  \"report_version\": \"1.0\"}");
    write("tree/other.json", "{\"format\": \"lma-submission\"}");
    std::vector<FileId> skip{*file_id("tree/report.json"), *file_id("tree/other.json")};
    EXPECT_EQ(names(collect_inputs({"tree"}, InputSelection{{}, {}, skip})),
              (std::vector<std::string>{"tree/a.json", "tree/other.json"}));
}

TEST_F(InputWalk, ADirectoryWithNothingToJudgeIsAUsageError) {
    write("tree/notes.txt");
    EXPECT_THROW(collect_inputs({"tree"}), ConfigError);
    EXPECT_THROW(collect_inputs({"no-such-dir"}), ConfigError);
}

}  // namespace
}  // namespace lmacheck
