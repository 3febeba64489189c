#include "beta/beta.hpp"
#include "gamma/gamma.hpp"
