#!/usr/bin/env bash
# Configures and builds lmacheck into build/ (build/bin/lmacheck, build/plugins/).
# Extra arguments go to CMake's configure step, e.g. -DLMACHECK_BUILD_TESTS=OFF.
#   BUILD_DIR    build directory (default: build)
#   BUILD_TYPE   CMake build type (default: RelWithDebInfo)
#   UNITY_BUILD  ON (default): each target's sources are compiled several to a
#                file, which takes half the time of a clean build (the same
#                headers and templates are compiled once per batch, not once
#                per source); OFF for a developer's build, where a change
#                recompiles only its own file
#   JOBS         parallel build jobs (default: cores)
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BUILD_DIR:-build}
jobs=${JOBS:-$(nproc)}
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}" \
  -DCMAKE_UNITY_BUILD="${UNITY_BUILD:-ON}" "$@"
cmake --build "$build_dir" -j "$jobs"
