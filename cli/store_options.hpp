// What the commands that only read the store (`history`, `export`) share:
// the store path, --output and the log options, without the validating
// options of add_common_options().
#pragma once

#include "cli/common_options.hpp"

#include <string>

namespace lmacheck::cli {

struct StoreReadOptions {
    CommonOptions common;
    std::string store;
};

// Adds --store (required), --output, --log-level and -v to `command`.
void add_store_read_options(CLI::App& command, StoreReadOptions& options);

}  // namespace lmacheck::cli
