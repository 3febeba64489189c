#!/usr/bin/env bash
# Installs, builds and runs every test (unit, plugin, end-to-end) with CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-debian.sh
# -g1: line tables and function names, enough for a backtrace of a failing
# test, in less compile time than -g (as in scripts/sanitize.sh).
scripts/build.sh -DLMACHECK_BUILD_TESTS=ON -DLMACHECK_WARNINGS_AS_ERRORS=ON \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG"
# The layers: no folder of the sources may include a folder that includes it
# back (prints the folder graph; exits 1 naming each cycle).
scripts/folder-graph.py
ctest --test-dir "${BUILD_DIR:-build}" --output-on-failure -j "${JOBS:-$(nproc)}"
python3 tools/check-samples.py
# The upload page in a real browser (headless Chromium): drop, read, hand in.
tests/browser/run.sh "${BUILD_DIR:-build}"

# The same suite under AddressSanitizer and UBSan, then each fuzzer for about
# a minute, each in its own build directory (docs/robustness.md).
scripts/sanitize.sh
scripts/fuzz.sh
