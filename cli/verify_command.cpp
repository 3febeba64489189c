// `lmacheck verify --store DB`: checks the whole store (docs/store.md,
// "Verifying a store") and prints every problem it finds, one a line.
// Exit 0: no problem; 1: at least one problem; 2: it could not check (no
// such store, not an lmacheck store, a schema newer than this program).
// Reads only, so it works on a backup on read-only media too.
#include "cli/commands.hpp"
#include "cli/report_output.hpp"
#include "cli/store_options.hpp"

#include "store/store_error.hpp"
#include "store/submission_store.hpp"

#include <filesystem>
#include <memory>

namespace lmacheck::cli {
namespace {

int verify(const StoreReadOptions& options) {
    refuse_output_over(options.common.output, store_files(options.store));
    std::error_code ec;
    if (!std::filesystem::exists(options.store, ec)) {
        throw StoreError("no store to verify: " + options.store + " does not exist");
    }
    const auto store = SubmissionStore::open(options.store, SubmissionStore::Access::read_only);
    const StoreVerification result = store->verify();
    std::string out;
    for (const std::string& note : result.notes) out += options.store + ": note: " + note + "\n";
    for (const std::string& problem : result.problems) out += options.store + ": problem: " + problem + "\n";
    out += options.store + ": " + std::to_string(result.versions) + " version(s) of " +
           std::to_string(result.submissions) + " submission(s) verified, " +
           (result.problems.empty() ? std::string("no problems")
                                    : std::to_string(result.problems.size()) + " problem(s)") +
           "\n";
    if (!emit(out, options.common.output)) return exit_usage;
    return result.problems.empty() ? exit_accepted : exit_rejected;
}

}  // namespace

Command add_verify_command(CLI::App& app) {
    auto options = std::make_shared<StoreReadOptions>();
    CLI::App* command = app.add_subcommand(
        "verify", "Check the store: SQLite integrity, every version's SHA-256, one current version per submitter "
                  "and year, and the chain of versions");
    add_store_read_options(*command, *options);
    return Command{command, &options->common, [options] { return verify(*options); }};
}

}  // namespace lmacheck::cli
