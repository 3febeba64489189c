#!/usr/bin/env bash
# Regenerates docs/rules.md, the rule reference, from the rules the built
# program loads (`lmacheck rules --format markdown`), and the examples in
# docs/report-formats.md from the commands above them
# (scripts/report-format-examples.py). Builds the program first. The tests
# RuleReference.DocsRulesMdIsTheProgramsOutput and
# docs.report-formats-examples fail until the files are current.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BUILD_DIR:-build}
[ -f "$build_dir/build.ninja" ] || [ -f "$build_dir/Makefile" ] || scripts/build.sh
cmake --build "$build_dir" --target update-docs
echo "update-docs: wrote docs/rules.md and the examples of docs/report-formats.md"
