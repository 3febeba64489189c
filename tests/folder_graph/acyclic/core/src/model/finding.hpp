#pragma once
#include "lmacheck/api.hpp"
