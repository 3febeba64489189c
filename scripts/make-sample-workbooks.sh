#!/usr/bin/env bash
# Writes samples/workbook/: the workbook forms of some JSON samples, made by
# the program itself (`lmacheck convert --to xlsx`). Run it after changing
# one of those samples or the converter; tests/workbook checks that the
# committed workbooks give the findings a fresh conversion gives.
#   LMACHECK  the program (default: build/bin/lmacheck)
set -euo pipefail
cd "$(dirname "$0")/.."
lmacheck=${LMACHECK:-build/bin/lmacheck}
while read -r sample; do
  [ -n "$sample" ] || continue
  out=samples/workbook/${sample%.json}.xlsx
  mkdir -p "$(dirname "$out")"
  "$lmacheck" convert "samples/$sample" --to xlsx --output "$out"
done < samples/workbook/SOURCES
