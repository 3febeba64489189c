#!/usr/bin/env bash
# Records the SDK headers (core/include/lmacheck/*.hpp) with the SDK version
# they belong to, in tests/sdk/sdk-headers.sha256: the version, a SHA-256 over
# all headers (of their sha256sum listing, sorted by name) and one line per
# header. A plugin binary runs only with the SDK version it was built against
# (lmacheck/version.hpp), so headers must never change under one version.
#
#   scripts/record-sdk-headers.sh --bump major|minor|patch   bump the version in version.hpp, then record
#   scripts/record-sdk-headers.sh           after bumping LMACHECK_SDK_VERSION_* by hand: re-record
#   scripts/record-sdk-headers.sh --check   the test: fails when the headers differ from the record
#
# Recording refuses when the headers changed but the version did not.
# SDK_ROOT (default: this repository) is the tree to work on; the script's own
# test points it at a copy.
set -euo pipefail
root=${SDK_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
headers_dir=$root/core/include/lmacheck
record=$root/tests/sdk/sdk-headers.sha256
mode=record
bump=""
case "${1:-}" in
  --check) mode=check ;;
  --bump)
    bump=${2:-}
    [[ $bump == major || $bump == minor || $bump == patch ]] || { echo "usage: $0 --bump major|minor|patch" >&2; exit 2; }
    ;;
  "") ;;
  *) echo "usage: $0 [--check | --bump major|minor|patch]" >&2; exit 2 ;;
esac

sdk_version() {
  local part value version=""
  for part in MAJOR MINOR PATCH; do
    value=$(sed -n "s/^#define LMACHECK_SDK_VERSION_${part} \([0-9][0-9]*\)\$/\1/p" "$headers_dir/version.hpp")
    if [[ -z $value ]]; then
      echo "error: no '#define LMACHECK_SDK_VERSION_${part} <number>' in $headers_dir/version.hpp" >&2
      exit 2
    fi
    version+=${version:+.}$value
  done
  echo "$version"
}

# sha256sum's listing of every header, sorted by name (bytes, not locale).
header_listing() {
  (cd "$headers_dir" && find . -maxdepth 1 -type f -name '*.hpp' -printf '%f\n' | LC_ALL=C sort |
    while IFS= read -r name; do sha256sum -- "$name"; done)
}

# Semantic versioning: a bump resets the parts after it.
if [[ -n $bump ]]; then
  IFS=. read -r major minor patch <<<"$(sdk_version)"
  case $bump in
    major) major=$((major + 1)) minor=0 patch=0 ;;
    minor) minor=$((minor + 1)) patch=0 ;;
    patch) patch=$((patch + 1)) ;;
  esac
  sed -i -e "s/^#define LMACHECK_SDK_VERSION_MAJOR [0-9]*\$/#define LMACHECK_SDK_VERSION_MAJOR $major/" \
    -e "s/^#define LMACHECK_SDK_VERSION_MINOR [0-9]*\$/#define LMACHECK_SDK_VERSION_MINOR $minor/" \
    -e "s/^#define LMACHECK_SDK_VERSION_PATCH [0-9]*\$/#define LMACHECK_SDK_VERSION_PATCH $patch/" \
    "$headers_dir/version.hpp"
  echo "bumped LMACHECK_SDK_VERSION to $major.$minor.$patch in $headers_dir/version.hpp"
fi

version=$(sdk_version)
listing=$(header_listing)
all=$(printf '%s\n' "$listing" | sha256sum | cut -d' ' -f1)

recorded_version=""
recorded_all=""
recorded_listing=""
if [[ -f $record ]]; then
  recorded_version=$(sed -n 's/^version //p' "$record")
  recorded_all=$(sed -n 's/^all //p' "$record")
  recorded_listing=$(grep -E '^[0-9a-f]{64}  ' "$record" || true)
fi

# Which headers were added, removed or changed since the record, one per line.
changes() {
  { diff <(printf '%s\n' "$recorded_listing") <(printf '%s\n' "$listing") || true; } |
    sed -n 's/^[<>] [0-9a-f]*  //p' | LC_ALL=C sort -u | sed 's/^/  /'
}

if [[ $all == "$recorded_all" && $version == "$recorded_version" ]]; then
  [[ $mode == check ]] && echo "SDK headers match the record of SDK version $version"
  [[ $mode == record ]] && echo "$record is up to date (SDK version $version)"
  exit 0
fi

if [[ $version == "$recorded_version" ]]; then
  {
    echo "error: the SDK headers in core/include/lmacheck changed, but LMACHECK_SDK_VERSION is still $version."
    echo "Changed, added or removed since the record:"
    changes
    echo "A plugin built against the old headers would pass the build-fingerprint check and run with the new ones."
    echo "Bump LMACHECK_SDK_VERSION (LMACHECK_SDK_VERSION_MAJOR/MINOR/PATCH in core/include/lmacheck/version.hpp)"
    echo "and re-record with scripts/record-sdk-headers.sh: both at once with"
    echo "  scripts/record-sdk-headers.sh --bump major|minor|patch"
    echo "(major when a plugin's source must change, minor for additions, patch otherwise)."
  } >&2
  exit 1
fi

if [[ $mode == check ]]; then
  {
    echo "error: LMACHECK_SDK_VERSION is $version, but tests/sdk/sdk-headers.sha256 records the headers of version ${recorded_version:-(none)}."
    echo "Re-record with scripts/record-sdk-headers.sh."
  } >&2
  exit 1
fi

tmp=$(mktemp "$record.XXXXXX")
{
  echo "# The SDK headers (core/include/lmacheck/*.hpp) of one SDK version, written by"
  echo "# scripts/record-sdk-headers.sh; tests/sdk checks them. Do not edit by hand."
  echo "version $version"
  echo "all $all"
  printf '%s\n' "$listing"
} >"$tmp"
mv "$tmp" "$record"
echo "recorded the SDK headers of version $version in $record"
