#!/usr/bin/env bash
# Writes the man page lmacheck(1) from the program's own help, with Debian's
# help2man: the top-level --help (synopsis, commands), then a COMMANDS section
# with every command's --help (and its subcommands', e.g. `token add`), and
# the exit status and files. The build runs it (target lmacheck_man), so the
# page is never older than the program.
#
#   scripts/make-man-page.sh PROGRAM OUTPUT
set -euo pipefail
program=$1
output=$2
include=$(mktemp)
trap 'rm -f "$include"' EXIT

# Text for roff: a backslash is written \e; a line must not start with a
# control character (. or ').
roff_text() { sed -e 's/\\/\\e/g' -e "s/^\([.']\)/\\\\\&\1/"; }

subcommands() {
    "$program" "$@" --help | awk '/^Subcommands:/ {on = 1; next} /^[^ ]/ {on = 0} on && /^  [a-z]/ {print $1}'
}

# One command's help as a preformatted block under its own heading; then its
# subcommands'.
describe_command() {
    printf '.SS "lmacheck %s"\n.nf\n' "$*"
    "$program" "$@" --help | roff_text
    printf '.fi\n'
    local sub
    for sub in $(subcommands "$@"); do describe_command "$@" "$sub"; done
}

{
    printf '[DESCRIPTION]\n'
    printf 'lmacheck checks submissions of the Dutch mental-health monitor (LMA) against their JSON Schemas\n'
    printf 'and a rule set, reports what it finds in text, JSON, JUnit, SARIF, HTML or Markdown, and keeps\n'
    printf 'accepted submissions in a store. Each command below has its own options; \\fBlmacheck\n'
    printf 'COMMAND \\-\\-help\\fR prints them too.\n'
    printf '[COMMANDS]\n'
    for command in $(subcommands); do describe_command "$command"; done
    printf '[EXIT STATUS]\n'
    printf '.TP\n0\nEvery submission accepted (no errors; warnings within \\fB\\-\\-max\\-warnings\\fR).\n'
    printf '.TP\n1\nAt least one submission rejected, or too many unexplained warnings.\n'
    printf '.TP\n2\nThe tool could not do its job: bad arguments, a path that does not exist, an invalid rule set,\n'
    printf 'a plugin that fails to load, a report that could not be written.\n'
    printf '[ENVIRONMENT]\n'
    printf '.TP\n\\fBLMACHECK_PLUGIN_PATH\\fR\nDirectories to load plugins from, separated by colons (as \\fB\\-\\-plugin\\-dir\\fR).\n'
    printf '.TP\n\\fBNO_COLOR\\fR\nWhen set, the text report has no colours on a terminal.\n'
    printf '[FILES]\n'
    printf '.TP\n\\fIPREFIX/share/lmacheck/\\fR\nThe schemas and the shipped rule sets (\\fBrules/lma\\-v1.json\\fR).\n'
    printf '.TP\n\\fIPREFIX/lib/lmacheck/plugins/\\fR\nThe rule plugins loaded by default.\n'
    printf '[SEE ALSO]\n'
    printf 'README.md and docs/ of the source: report formats (docs/report\\-formats.md), rules (docs/rules.md),\n'
    printf 'CI (docs/ci.md).\n'
} >"$include"

mkdir -p "$(dirname "$output")"
help2man --no-info --section=1 --manual="User Commands" \
    --name="check LMA mental-health monitor submissions against schemas and rule sets" \
    --include="$include" --output="$output.tmp" "$program"
mv "$output.tmp" "$output"
