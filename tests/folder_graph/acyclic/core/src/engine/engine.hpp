#pragma once
#include "model/finding.hpp"
