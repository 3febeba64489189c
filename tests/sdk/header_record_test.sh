#!/usr/bin/env bash
# The header record's own test: on a copy of the SDK headers and the record,
# a changed header without a version bump fails the check (and recording
# refuses it), a bump without re-recording fails the check, and bump plus
# re-record passes. Usage: header_record_test.sh <source dir> <scratch dir>
set -euo pipefail
source_dir=$1
work=$2
script=$source_dir/scripts/record-sdk-headers.sh

rm -rf "$work"
mkdir -p "$work/core/include" "$work/tests/sdk"
cp -r "$source_dir/core/include/lmacheck" "$work/core/include/"
cp "$source_dir/tests/sdk/sdk-headers.sha256" "$work/tests/sdk/"
export SDK_ROOT=$work
# The version the tree is at, so that the expectations below follow its bumps.
major=$(sed -n 's/^#define LMACHECK_SDK_VERSION_MAJOR \([0-9]*\)$/\1/p' "$work/core/include/lmacheck/version.hpp")
minor=$(sed -n 's/^#define LMACHECK_SDK_VERSION_MINOR \([0-9]*\)$/\1/p' "$work/core/include/lmacheck/version.hpp")

fail() { echo "FAILED: $*" >&2; exit 1; }

# expect_failure <words> <command...>: the command fails and says <words>.
expect_failure() {
  local words=$1 output
  shift
  if output=$("$@" 2>&1); then fail "'$*' passed; expected it to fail saying '$words'"; fi
  grep -qF -- "$words" <<<"$output" || fail "'$*' did not say '$words'; it said: $output"
}

"$script" --check >/dev/null || fail "the copy of the headers does not match the record"

# The version the copy starts from (the test holds for any SDK version).
version_part() { sed -n "s/^#define LMACHECK_SDK_VERSION_$1 \([0-9]*\)$/\1/p" "$work/core/include/lmacheck/version.hpp"; }
major=$(version_part MAJOR)
minor=$(version_part MINOR)

echo "// a change" >>"$work/core/include/lmacheck/rule.hpp"
expect_failure "Bump LMACHECK_SDK_VERSION" "$script" --check
expect_failure "rule.hpp" "$script" --check
expect_failure "re-record with scripts/record-sdk-headers.sh" "$script"

# A new header is a change too.
rm "$work/core/include/lmacheck/rule.hpp"
cp "$source_dir/core/include/lmacheck/rule.hpp" "$work/core/include/lmacheck/"
echo "#pragma once" >"$work/core/include/lmacheck/added.hpp"
expect_failure "added.hpp" "$script" --check

sed -i 's/^#define LMACHECK_SDK_VERSION_PATCH \([0-9]*\)$/#define LMACHECK_SDK_VERSION_PATCH 99/' \
  "$work/core/include/lmacheck/version.hpp"
expect_failure "Re-record with scripts/record-sdk-headers.sh" "$script" --check
"$script" >/dev/null || fail "recording after the bump failed"
"$script" --check >/dev/null || fail "the check failed after bump and re-record"
grep -qx "version $major.$minor.99" "$work/tests/sdk/sdk-headers.sha256" || fail "the record does not hold the bumped version"

# --bump does both in one command: a new header, then one call.
echo "#pragma once" >"$work/core/include/lmacheck/another.hpp"
expect_failure "--bump major|minor|patch" "$script" --check
"$script" --bump minor >/dev/null || fail "--bump minor failed"
grep -qx "#define LMACHECK_SDK_VERSION_MINOR $((minor + 1))" "$work/core/include/lmacheck/version.hpp" || fail "--bump minor did not raise MINOR"
grep -qx "#define LMACHECK_SDK_VERSION_PATCH 0" "$work/core/include/lmacheck/version.hpp" || fail "--bump minor did not reset PATCH"
grep -qx "version $major.$((minor + 1)).0" "$work/tests/sdk/sdk-headers.sha256" ||
  fail "--bump minor did not record $major.$((minor + 1)).0"
"$script" --check >/dev/null || fail "the check failed after --bump"
echo "header record test passed"
