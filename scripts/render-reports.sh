#!/usr/bin/env bash
# Renders the Dutch and the English HTML report of the invalid samples
# (samples/invalid) and prints each with headless Chromium to a PNG
# screenshot and an A4 PDF, as a steward would mail or print them.
#
#   scripts/render-reports.sh OUTDIR
#
# Writes OUTDIR/report-nl.html, report-nl.png, report-nl.pdf, report-nl.json
# (the same run as JSON, for checks) and the same for -en. Uses
# $LMACHECK (default build/bin/lmacheck) and $CHROMIUM (default
# /usr/bin/chromium; Debian package chromium). PNG_SIZE (default
# 1280,2400) is the screenshot's window size. Exit 0 when every file was
# written, 2 when something could not run.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
lmacheck="${LMACHECK:-$root/build/bin/lmacheck}"
chromium="${CHROMIUM:-/usr/bin/chromium}"
png_size="${PNG_SIZE:-1280,2400}"

fail() { echo "render-reports: $*" >&2; exit 2; }
[[ $# -eq 1 ]] || fail "usage: scripts/render-reports.sh OUTDIR"
[[ -x "$lmacheck" ]] || fail "$lmacheck not found (build first, or set LMACHECK)"
[[ -x "$chromium" ]] || fail "$chromium not found (apt-get install chromium, or set CHROMIUM)"
mkdir -p "$1"
outdir="$(cd "$1" && pwd)"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT

# Headless Chromium, each run with its own profile so that runs in parallel
# do not share one; --no-sandbox because CI containers run as root.
run_chromium() {
    timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --no-first-run --disable-extensions \
        --user-data-dir="$profile" "$@" >/dev/null 2>&1
}

cd "$root"
for lang in nl en; do
    base="$outdir/report-$lang"
    for format in html json; do
        status=0
        "$lmacheck" validate --quiet --lang "$lang" --format "$format" --output "$base.$format" samples/invalid ||
            status=$?
        # 1: rejected files, as the invalid samples are; 2: the tool failed.
        [[ $status -le 1 ]] || fail "lmacheck validate --lang $lang --format $format exited $status"
    done
    run_chromium --no-pdf-header-footer --print-to-pdf="$base.pdf" "file://$base.html" ||
        fail "chromium could not print $base.html"
    run_chromium --hide-scrollbars --window-size="$png_size" --screenshot="$base.png" "file://$base.html" ||
        fail "chromium could not take a screenshot of $base.html"
    [[ -s "$base.pdf" && -s "$base.png" ]] || fail "chromium wrote no $base.pdf or $base.png"
    echo "render-reports: $base.html $base.png $base.pdf"
done
