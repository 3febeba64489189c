#!/usr/bin/env bash
# The performance benchmark (docs/performance.md). Builds lmacheck and the
# parse floor (Release) in their own build directory, installs ajv for the
# Node peer from bench/ajv/package-lock.json, then runs bench/run_bench.py:
# a national batch validated by lmacheck (--jobs 1 and all cores), the parse
# floor, ajv and python3-jsonschema on the same files, the ratios, cold start
# and scaling. Prints the results and writes them to
# <build dir>/bench-results.json.
#   BENCH_BUILD_DIR  build directory (default: build-bench)
#   JOBS             parallel build jobs (default: cores)
# Extra arguments go to bench/run_bench.py, e.g. --years 2019-2020 --repeat 1
# (bench/run_bench.py --help lists them).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BENCH_BUILD_DIR:-build-bench}
jobs=${JOBS:-$(nproc)}

scripts/setup-debian.sh --bench
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DLMACHECK_BUILD_TESTS=OFF
cmake --build "$build_dir" -j "$jobs" --target lmacheck lmacheck_all_plugins lmacheck_data parse_floor
(cd bench/ajv && npm ci --no-audit --no-fund --loglevel=error)
python3 bench/run_bench.py --build-dir "$build_dir" --output "$build_dir/bench-results.json" "$@"
