#!/usr/bin/env bash
# Configures and builds lmacheck into build/ (build/bin/lmacheck, build/plugins/).
# Extra arguments go to CMake's configure step, e.g. -DLMACHECK_BUILD_TESTS=OFF.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BUILD_DIR:-build}
jobs=${JOBS:-$(nproc)}
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}" "$@"
cmake --build "$build_dir" -j "$jobs"
