#!/usr/bin/env bash
# Prints the Dutch and English HTML report of the invalid samples to A4 PDF
# with headless Chromium (scripts/render-reports.sh) and checks with
# `pdftotext -layout` (poppler-utils) that the pages are A4 and that every
# finding's message and path is on a page (check-pdf-text.py).
#
#   print-to-pdf.sh LMACHECK OUTDIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
lmacheck=$1 outdir=$2
command -v pdftotext >/dev/null || { echo "print-to-pdf: pdftotext not found (apt-get install poppler-utils)" >&2; exit 1; }
LMACHECK="$lmacheck" "$here/../../scripts/render-reports.sh" "$outdir"
status=0
for lang in nl en; do
    base="$outdir/report-$lang"
    # A4 is 595 x 842 points (Chromium writes 594.96 x 841.92); Letter would be 612 x 792.
    if ! pdfinfo "$base.pdf" | grep -Eq '^Page size: +59[45](\.[0-9]+)? x 84[12](\.[0-9]+)? pts'; then
        echo "print-to-pdf: $base.pdf is not A4:" >&2
        pdfinfo "$base.pdf" | grep '^Page size' >&2
        status=1
    fi
    pdftotext -layout "$base.pdf" "$base.txt"
    python3 "$here/check-pdf-text.py" "$base.json" "$base.txt" "$lang" || status=1
done
exit $status
