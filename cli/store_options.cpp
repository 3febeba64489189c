#include "cli/store_options.hpp"

#include "model/config_error.hpp"

#include <filesystem>
#include <system_error>

namespace lmacheck::cli {

std::shared_ptr<SubmissionStore> open_existing_store(const std::string& file, std::string_view command) {
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) {
        throw ConfigError("the store " + file + " does not exist (" + std::string(command) +
                          " reads a store; only `lmacheck accept --store " + file + "` creates one)");
    }
    return SubmissionStore::open(file, SubmissionStore::Access::read_only);
}

void add_store_read_options(CLI::App& command, StoreReadOptions& options) {
    command.add_option("--store", options.store, "The store of accepted submissions")->required();
    command.add_option("-o,--output", options.common.output, "Write to FILE instead of standard output");
    command.add_option("--log-level", options.common.log_level, "Log level on standard error")
        ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}))
        ->capture_default_str();
    command.add_flag("-v,--verbose", options.common.verbosity, "More log output on standard error (-v info, -vv debug)");
}

}  // namespace lmacheck::cli
