#pragma once
// Runs backwards: gamma is below alpha, and this makes alpha -> beta -> gamma -> alpha.
#include "alpha/alpha.hpp"
