// An error that stops the run before any file is judged: a bad rule set, a
// plugin that cannot be loaded, a missing schema. The CLI turns it into exit 2.
#pragma once

#include <stdexcept>
#include <string>

namespace lmacheck {

class ConfigError : public std::runtime_error {
public:
    explicit ConfigError(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace lmacheck
