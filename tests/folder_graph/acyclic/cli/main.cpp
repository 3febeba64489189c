#include "cli/options.hpp"
#include "engine/engine.hpp"
