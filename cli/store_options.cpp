#include "cli/store_options.hpp"

namespace lmacheck::cli {

void add_store_read_options(CLI::App& command, StoreReadOptions& options) {
    command.add_option("--store", options.store, "The store of accepted submissions")->required();
    command.add_option("--output", options.common.output, "Write to FILE instead of standard output");
    command.add_option("--log-level", options.common.log_level, "Log level on standard error")
        ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}))
        ->capture_default_str();
    command.add_flag("-v,--verbose", options.common.verbosity, "More log output on standard error (-v info, -vv debug)");
}

}  // namespace lmacheck::cli
