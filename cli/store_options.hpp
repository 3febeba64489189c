// What the commands that only read the store (`history`, `export`) share:
// the store path, --output and the log options, without the validating
// options of add_common_options().
#pragma once

#include "cli/common_options.hpp"
#include "store/submission_store.hpp"

#include <memory>
#include <string_view>

#include <string>

namespace lmacheck::cli {

struct StoreReadOptions {
    CommonOptions common;
    std::string store;
};

// Adds --store (required), --output, --log-level and -v to `command`.
void add_store_read_options(CLI::App& command, StoreReadOptions& options);

// Opens the store `file` names for reading. Only `accept` creates a store: a
// path that names nothing is a mistyped path, not an empty store, and
// throws ConfigError (exit 2) saying so; `command` names who asked.
std::shared_ptr<SubmissionStore> open_existing_store(const std::string& file, std::string_view command);

}  // namespace lmacheck::cli
