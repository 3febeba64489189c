#include "engine/engine.hpp"
#include "model/finding.hpp"
// Not a file of the tree: left out of the graph.
#include "nlohmann/json.hpp"
