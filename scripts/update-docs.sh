#!/usr/bin/env bash
# Regenerates docs/rules.md, the rule reference, from the rules the built
# program loads (`lmacheck rules --format markdown`). Builds the program first.
# The test RuleReference.DocsRulesMdIsTheProgramsOutput fails until the file
# is current.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BUILD_DIR:-build}
[ -f "$build_dir/build.ninja" ] || [ -f "$build_dir/Makefile" ] || scripts/build.sh
cmake --build "$build_dir" --target update-docs
echo "update-docs: wrote docs/rules.md"
