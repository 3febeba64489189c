#!/usr/bin/env bash
# First look at lmacheck on a fresh Debian 12 machine: install, build, and
# validate the shipped samples. The valid samples must pass (exit 0); the
# invalid ones show every check firing (exit 1 is their expected outcome).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-debian.sh
scripts/build.sh -DLMACHECK_BUILD_TESTS=OFF

echo
echo "== lmacheck validate samples/valid (expect: all accepted, exit 0)"
build/bin/lmacheck validate samples/valid

echo
echo "== lmacheck validate samples/invalid (expect: findings for every check, exit 1)"
status=0
build/bin/lmacheck validate samples/invalid || status=$?
if [ "$status" -ne 1 ]; then
  echo "quickstart: expected exit 1 for samples/invalid, got $status" >&2
  exit 1
fi
echo
echo "quickstart: done (samples/invalid exited 1, as it should)"
