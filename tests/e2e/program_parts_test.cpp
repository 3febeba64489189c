// lmacheck keeps the upload service (cpp-httplib, in the program
// lmacheck-serve) and reading and writing workbooks (liborcus and
// libxlsxwriter, in the module lmacheck_workbook_module) out of its own
// start-up: loading those libraries cost a one-file run half of its
// instructions (docs/performance.md, cold start). These tests hold the program to that, to working as one program
// when its parts lie where they are built and installed, and to saying
// clearly which part is missing when one does not.
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"
#include "support/test_paths.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using namespace lmacheck::test;

const fs::path lmacheck_exe = LMACHECK_EXE;
using lmacheck::test_paths::source_dir;
const fs::path data_dir = LMACHECK_DATA_DIR;
using lmacheck::test_paths::plugin_dir;
const fs::path json_sample = source_dir / "samples/valid/institution-2019.json";
const fs::path workbook_sample = source_dir / "samples/workbook/valid/municipality-2019-noncentral.xlsx";

constexpr std::chrono::seconds time_limit{60};

ProcessResult run(const fs::path& program, std::vector<std::string> args) {
    args.insert(args.begin(), program.string());
    return run_process(args, {.cwd = source_dir, .timeout = time_limit});
}

// lmacheck alone in a bin/ of its own: no lmacheck-serve beside it, no lib/lmacheck above it.
fs::path lone_copy(const TempDir& dir) {
    fs::create_directories(dir.path() / "bin");
    const fs::path copy = dir.path() / "bin" / "lmacheck";
    fs::copy_file(lmacheck_exe, copy);
    return copy;
}

TEST(ProgramParts, LmacheckNeedsNeitherTheHttpNorTheWorkbookLibrariesToStart) {
    const ProcessResult elf = run_process({"/usr/bin/readelf", "--dynamic", lmacheck_exe.string()});
    ASSERT_EQ(elf.exit_code, 0) << describe(elf);
    ASSERT_NE(elf.out.find("(NEEDED)"), std::string::npos) << elf.out;
    EXPECT_EQ(elf.out.find("libcpp-httplib"), std::string::npos) << elf.out;
    EXPECT_EQ(elf.out.find("libssl"), std::string::npos) << elf.out;
    EXPECT_EQ(elf.out.find("liborcus"), std::string::npos) << elf.out;
    EXPECT_EQ(elf.out.find("libxlsxwriter"), std::string::npos) << elf.out;
    EXPECT_EQ(elf.out.find("libcrypto"), std::string::npos) << elf.out;
}

TEST(ProgramParts, WorkbooksAreReadAndWrittenThroughTheModuleBesideTheProgram) {
    const ProcessResult result = run(lmacheck_exe, {"validate", "--format", "json", workbook_sample.string()});
    EXPECT_EQ(result.exit_code, 0) << describe(result);
    EXPECT_NE(result.out.find("\"status\": \"accepted\""), std::string::npos) << result.out;

    TempDir dir;
    const fs::path written = dir.path() / "back.xlsx";
    const ProcessResult convert = run(lmacheck_exe, {"convert", json_sample.string(), "--to", "xlsx", "--output",
                                                     written.string()});
    EXPECT_EQ(convert.exit_code, 0) << describe(convert);
    const ProcessResult back = run(lmacheck_exe, {"validate", written.string()});
    EXPECT_EQ(back.exit_code, 0) << describe(back);
}

TEST(ProgramParts, WithoutTheModuleJsonIsCheckedAndAWorkbookStopsTheRunNamingIt) {
    TempDir dir;
    const fs::path lone = lone_copy(dir);
    const std::vector<std::string> where{"--data-dir", data_dir.string(), "--plugin-dir", plugin_dir.string()};

    std::vector<std::string> args{"validate"};
    args.insert(args.end(), where.begin(), where.end());
    args.push_back(json_sample.string());
    const ProcessResult json_run = run(lone, args);
    EXPECT_EQ(json_run.exit_code, 0) << describe(json_run);

    args.back() = workbook_sample.string();
    const ProcessResult workbook_run = run(lone, args);
    EXPECT_EQ(workbook_run.exit_code, 2) << describe(workbook_run);  // the tool failed, not the file
    EXPECT_NE(workbook_run.err.find("cannot load the workbook module"), std::string::npos) << workbook_run.err;
    EXPECT_NE(workbook_run.err.find((dir.path() / "lib/lmacheck/lmacheck_workbook_module.so").string()),
              std::string::npos)
        << workbook_run.err;

    const fs::path written = dir.path() / "t.xlsx";
    const ProcessResult template_run = run(lone, {"template", "--kind", "institution", "--year", "2019", "--data-dir",
                                                  data_dir.string(), "--plugin-dir", plugin_dir.string(), "--output",
                                                  written.string()});
    EXPECT_EQ(template_run.exit_code, 2) << describe(template_run);
    EXPECT_NE(template_run.err.find("cannot load the workbook module"), std::string::npos) << template_run.err;
    EXPECT_FALSE(fs::exists(written));
}

TEST(ProgramParts, ServeRunsTheServiceProgramWithItsOwnOptions) {
    const ProcessResult help = run(lmacheck_exe, {"serve", "--help"});
    EXPECT_EQ(help.exit_code, 0) << describe(help);
    EXPECT_NE(help.out.find("--max-upload-mib"), std::string::npos) << help.out;
    EXPECT_NE(help.out.find("lmacheck serve"), std::string::npos) << help.out;

    const ProcessResult unknown = run(lmacheck_exe, {"serve", "--store", "x.db", "--prot", "8080"});
    EXPECT_EQ(unknown.exit_code, 2) << describe(unknown);
    EXPECT_NE(unknown.err.find("unknown option '--prot'; did you mean '--port'?"), std::string::npos) << unknown.err;
}

TEST(ProgramParts, ServeWithoutTheServiceProgramSaysWhatIsMissing) {
    TempDir dir;
    const fs::path lone = lone_copy(dir);
    const ProcessResult result = run(lone, {"serve", "--store", (dir.path() / "store.db").string()});
    EXPECT_EQ(result.exit_code, 2) << describe(result);
    EXPECT_NE(result.err.find("cannot start " + (dir.path() / "bin/lmacheck-serve").string()), std::string::npos)
        << result.err;
    EXPECT_FALSE(fs::exists(dir.path() / "store.db"));
}

// Both programs allocate with jemalloc when built with it (LMACHECK_ALLOCATOR,
// the default): linked with --as-needed, a library no object names is
// silently left out, and the C library's malloc would run instead. jemalloc
// prints its statistics on exit when MALLOC_CONF asks for them; the C
// library's malloc knows no MALLOC_CONF.
TEST(ProgramParts, BothProgramsAllocateWithTheConfiguredAllocator) {
    for (const fs::path& program : {lmacheck_exe, lmacheck_exe.parent_path() / "lmacheck-serve"}) {
        const ProcessResult result =
            run_process({program.string(), "--help"}, {.extra_env = {"MALLOC_CONF=stats_print:true"}, .timeout = time_limit});
        EXPECT_EQ(result.exit_code, 0) << describe(result);
        const bool jemalloc_statistics = result.err.find("jemalloc statistics") != std::string::npos;
#if LMACHECK_ALLOCATOR_JEMALLOC
        EXPECT_TRUE(jemalloc_statistics) << program << "\n" << result.err;
#else
        EXPECT_FALSE(jemalloc_statistics) << program << "\n" << result.err;
#endif
    }
}

}  // namespace
