#!/usr/bin/env bash
# The performance benchmark (docs/performance.md). Builds lmacheck and the
# two floors (Release) in their own build directory, installs ajv for the
# Node peer from bench/ajv/package-lock.json, then runs bench/run_bench.py:
# a national batch validated by lmacheck (--jobs 1 and all cores), the
# floors (nlohmann/json parse; read + SHA-256 + simdjson parse), ajv and
# python3-jsonschema on the same files, interleaved; the ratios against the
# targets; scaling over files; peak memory of 20 years against one; cold
# start; scaling within a file. Prints the results and writes them to
# <build dir>/bench-results.json.
#
#   scripts/bench.sh --instructions
# counts instead, with callgrind, the instructions per file of
# `lmacheck validate --jobs 1` over one national year (fixed seed): a figure
# that a busy machine does not disturb. Needs valgrind, not the peers; the
# count is merged into the same results file.
#
#   BENCH_BUILD_DIR  build directory (default: build-bench)
#   JOBS             parallel build jobs (default: cores)
# Extra arguments go to bench/run_bench.py, e.g. --years 2019-2020 --repeat 3
# (bench/run_bench.py --help lists them).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BENCH_BUILD_DIR:-build-bench}
jobs=${JOBS:-$(nproc)}
instructions=false
for arg in "$@"; do
  [ "$arg" = "--instructions" ] && instructions=true
done

scripts/setup-debian.sh --bench
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DLMACHECK_BUILD_TESTS=OFF
if $instructions; then
  cmake --build "$build_dir" -j "$jobs" --target lmacheck lmacheck_all_plugins lmacheck_data
else
  cmake --build "$build_dir" -j "$jobs" --target lmacheck lmacheck_all_plugins lmacheck_data parse_floor simdjson_floor
  (cd bench/ajv && npm ci --no-audit --no-fund --loglevel=error)
fi
python3 bench/run_bench.py --build-dir "$build_dir" --output "$build_dir/bench-results.json" "$@"
