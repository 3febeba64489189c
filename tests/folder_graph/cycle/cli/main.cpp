#include "alpha/alpha.hpp"
