#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ with clang, AddressSanitizer and
# UndefinedBehaviorSanitizer in their own build directory, seeds each with the
# samples and runs it for a bounded time. Exits non-zero on any crash, leak,
# sanitizer report, timeout or out-of-memory; the input that caused it is left
# in <build dir>/fuzz-artifacts/ (replay: <build dir>/bin/TARGET FILE).
#   FUZZ_BUILD_DIR  build directory (default: build-fuzz)
#   FUZZ_SECONDS    run time of each target (default: 60) but fuzz_differential
#   FUZZ_DIFFERENTIAL_SECONDS  run time of fuzz_differential (default: 30; a
#                   parser pair on small inputs covers its ground quickly)
#   FUZZ_ISSUE8_SECONDS  run time of each of issue 8's targets (default: 30)
#   JOBS            parallel build jobs (default: cores)
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${FUZZ_BUILD_DIR:-build-fuzz}
seconds=${FUZZ_SECONDS:-60}
jobs=${JOBS:-$(nproc)}

CXX=${FUZZ_CXX:-clang++} cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_UNITY_BUILD="${UNITY_BUILD:-ON}" \
  -DLMACHECK_FUZZ=ON -DLMACHECK_BUILD_TESTS=OFF -DLMACHECK_WARNINGS_AS_ERRORS=ON
cmake --build "$build_dir" -j "$jobs" --target lmacheck_fuzzers

artifacts=$build_dir/fuzz-artifacts
mkdir -p "$artifacts"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A dictionary of JSON tokens and the schemas' keys and enum values, made from
# schemas/ at run time like the corpus: mutations then produce documents that
# get past the schema into the rules far more often.
python3 - schemas/*-1.0.schema.json > "$work/lmacheck.dict" <<'PY'
import json, sys
words = {"{", "}", "[", "]", ":", ",", "true", "false", "null", "-0", "1e400", "0.5", "\\u0000", "\\ud800"}
def walk(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                words.update('"%s"' % k for k in value)
            if key == "enum" and isinstance(value, list):
                words.update('"%s"' % v for v in value if isinstance(v, str))
            walk(value)
    elif isinstance(node, list):
        for item in node:
            walk(item)
for name in sys.argv[1:]:
    with open(name) as f:
        walk(json.load(f))
for word in sorted(words):
    print(json.dumps(word))
PY

export ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
for target in fuzz_document fuzz_validate fuzz_schema fuzz_differential; do
  target_seconds=$seconds
  if [ "$target" = fuzz_differential ]; then
    target_seconds=${FUZZ_DIFFERENTIAL_SECONDS:-30}
  fi
  # The seed corpus is copied from samples/ at run time, so it never goes
  # stale; what the run adds to it is thrown away.
  corpus=$work/$target
  mkdir -p "$corpus"
  cp samples/valid/*.json samples/invalid/*.json "$corpus"/
  if [ "$target" = fuzz_schema ]; then
    find rules -name '*.json' -exec cp {} "$corpus"/ \;  # rule sets and reference lists have schemas too
  fi
  echo "== $target: ${target_seconds}s"
  "$build_dir/bin/$target" -max_total_time="$target_seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -dict="$work/lmacheck.dict" -artifact_prefix="$artifacts/$target-" "$corpus"
done
# Issue 8's targets: configuration files, a damaged store, the level-3 pass
# and the report formats. Each gets its own seeds (see the target's header
# for its input format) and input size limit.
issue8_seconds=${FUZZ_ISSUE8_SECONDS:-30}
seed_issue8() {
  local target=$1 corpus=$2 f
  case $target in
    fuzz_config)  # a letter saying which file, then the file
      { printf r; cat rules/lma-v1.json; } > "$corpus/ruleset"
      { printf m; cat rules/reference/municipalities.json; } > "$corpus/reference"
      { printf i; cat schemas/institution-1.0.schema.json; } > "$corpus/institution-schema"
      { printf u; cat schemas/municipality-1.0.schema.json; } > "$corpus/municipality-schema"
      { printf e; cat schemas/envelope-1.0.schema.json; } > "$corpus/envelope-schema"
      printf 'i{"$ref": "#"}' > "$corpus/ref-cycle" ;;  # issue 8 item 11: was a stack overflow
    fuzz_store)  # edits of a store the target makes itself; one seed per flag
      for f in 0 1 2 3; do printf "\\x0$f" > "$corpus/flags-$f"; done ;;
    fuzz_cross)  # an engine flag, then documents separated by 0x1E
      for f in samples/valid/*.json samples/history/2019/*.json; do
        { printf 1; cat "$f"; printf '\036'; cat samples/valid/institution-2019.json; } > "$corpus/pair-$(basename "$f")"
      done
      { printf 0; cat samples/history/2019/institution-2019.json; printf '\036';
        cat samples/history/2019/institution-2019.json; } > "$corpus/twice" ;;
    fuzz_reports)
      cp samples/valid/*.json samples/invalid/*.json "$corpus"/ ;;
    fuzz_expression)  # each example expression rule on each valid sample, separated by 0x1E
      python3 - "$corpus" <<'SEED'
import glob, json, os, sys
rules = json.load(open("rules/examples/extra-checks.json"))["expressions"]
rules += json.load(open("tests/data/parity-expressions.json"))
for i, rule in enumerate(rules):
    for sample in sorted(glob.glob("samples/valid/*.json")):
        name = "%s-%d-%s" % (rule["id"], i, os.path.basename(sample))
        with open(os.path.join(sys.argv[1], name), "wb") as out:
            out.write(json.dumps(rule).encode() + b"\x1e" + open(sample, "rb").read())
SEED
      ;;
  esac
}
printf '"\\x1e"\n"\\x1f"\n' >> "$work/lmacheck.dict"  # the separators of fuzz_cross and fuzz_reports
for target in fuzz_config fuzz_store fuzz_cross fuzz_reports fuzz_expression; do
  corpus=$work/$target
  mkdir -p "$corpus"
  seed_issue8 "$target" "$corpus"
  len_control=100  # libFuzzer's default: inputs grow slowly
  case $target in
    fuzz_config) max_len=20000 ;;
    fuzz_store) max_len=512 len_control=0 ;;  # up to 170 byte edits at once; SQLite on a damaged file can be slow
    *) max_len=65536 ;;
  esac
  echo "== $target: ${issue8_seconds}s"
  "$build_dir/bin/$target" -max_total_time="$issue8_seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" -len_control="$len_control" \
    -print_final_stats=1 -dict="$work/lmacheck.dict" -artifact_prefix="$artifacts/$target-" "$corpus"
done
# The workbook reader, seeded with the committed sample workbooks.
corpus=$work/fuzz_workbook
mkdir -p "$corpus"
find samples/workbook \( -name '*.xlsx' -o -name '*.ods' \) -exec cp {} "$corpus"/ \;
echo "== fuzz_workbook: ${issue8_seconds}s"
"$build_dir/bin/fuzz_workbook" -max_total_time="$issue8_seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
  -print_final_stats=1 -artifact_prefix="$artifacts/fuzz_workbook-" "$corpus"
# Behind the zip: the same workbooks' parts (name 0x1F text, separated by
# 0x1E), which the target zips with sound checksums so that mutations reach
# the XML check, liborcus and the mapping instead of failing the checksums.
corpus=$work/fuzz_workbook_parts
mkdir -p "$corpus"
# The .ods seeds are LibreOffice's own files from the reader's tests (no
# sample is an .ods).
python3 - "$corpus" samples/workbook/*/*.xlsx tests/data/workbook/*.ods <<'PARTS'
import os, sys, zipfile
for name in sys.argv[2:]:
    try:
        with zipfile.ZipFile(name) as book:
            parts = b"\x1e".join(n.encode() + b"\x1f" + book.read(n) for n in book.namelist())
    except Exception:  # a damaged test workbook is no seed
        continue
    with open(os.path.join(sys.argv[1], os.path.basename(name)), "wb") as out:
        out.write(parts)
PARTS
echo "== fuzz_workbook_parts: ${issue8_seconds}s"
"$build_dir/bin/fuzz_workbook_parts" -max_total_time="$issue8_seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
  -print_final_stats=1 -artifact_prefix="$artifacts/fuzz_workbook_parts-" "$corpus"
echo "fuzz: no findings"
