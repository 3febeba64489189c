#pragma once
#include "lmacheck/api.hpp"
#include "beta/beta.hpp"
