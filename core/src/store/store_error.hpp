// A store the tool cannot use: a path whose directory does not exist, a file
// that is not an lmacheck store, a schema newer than this program, an I/O
// error. A ConfigError, so the command line turns it into exit status 2.
#pragma once

#include "model/config_error.hpp"

#include <string>

namespace lmacheck {

class StoreError : public ConfigError {
public:
    explicit StoreError(const std::string& message) : ConfigError(message) {}
};

}  // namespace lmacheck
