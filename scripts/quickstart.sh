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
echo "== lmacheck validate samples/invalid/FILE, one file at a time (expect: the check each file is named after)"
# One at a time: most invalid samples are variants of one submitter's file for
# one year, and validated together they would also be duplicates
# (cross.duplicate-submission).
rejected=0
for f in samples/invalid/*.json; do
  status=0
  build/bin/lmacheck validate "$f" | grep -v '^1 submission:' || status=${PIPESTATUS[0]}
  case "$status" in
    0) ;;
    1) rejected=$((rejected + 1)) ;;
    *) echo "quickstart: lmacheck failed on $f (exit $status)" >&2; exit 1 ;;
  esac
done
echo
echo "quickstart: done ($rejected invalid samples rejected, the others accepted with warnings or info)"
