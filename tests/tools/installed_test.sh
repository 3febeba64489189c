#!/usr/bin/env bash
# The bash completion and the man page as `cmake --install` lays them out:
#   installed_test.sh BUILD_DIR WORK_DIR
# Installs BUILD_DIR into WORK_DIR/prefix, then completes command lines with
# the installed completion file and the installed program (as bash-completion
# would, after loading the file on demand), and reads the installed man page.
set -euo pipefail
build_dir=$1
work_dir=$2
prefix=$work_dir/prefix
rm -rf "$work_dir"
mkdir -p "$work_dir"
unset LMACHECK_PLUGIN_PATH
cmake --install "$build_dir" --prefix "$prefix" >"$work_dir/install.log"

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

completion=$prefix/share/bash-completion/completions/lmacheck
man_page=$prefix/share/man/man1/lmacheck.1
program=$prefix/bin/lmacheck
[ -f "$completion" ] || { echo "FAIL: the install lacks $completion"; exit 1; }
[ -f "$man_page" ] || { echo "FAIL: the install lacks $man_page"; exit 1; }

# --- bash completion ---------------------------------------------------------
# shellcheck source=/dev/null
source "$completion"
complete -p lmacheck | grep -q -- '-F _lmacheck' || fail "the file does not register _lmacheck for lmacheck"

# expect_completion "WANTED WORDS" WORD... : completing the last WORD offers
# exactly WANTED (sorted, space separated).
expect_completion() {
    local wanted=$1
    shift
    COMP_WORDS=("$program" "$@")
    COMP_CWORD=$#
    COMPREPLY=()
    _lmacheck
    local got
    got=$(printf '%s\n' "${COMPREPLY[@]}" | sed '/^$/d' | sort | tr '\n' ' ' | sed 's/ $//')
    wanted=$(tr ' ' '\n' <<<"$wanted" | sed '/^$/d' | sort | tr '\n' ' ' | sed 's/ $//')
    [ "$got" = "$wanted" ] || fail "lmacheck $*<TAB>: expected [$wanted], got [$got]"
}

# Every command the program lists, and nothing else.
commands=$("$program" --help | awk '/^Subcommands:/ {on = 1; next} /^[^ ]/ {on = 0} on && /^  [a-z]/ {print $1}' | tr '\n' ' ')
[ -n "$commands" ] || fail "no commands in lmacheck --help"
expect_completion "$commands" ""
expect_completion "validate" "val"
# Every option of validate (from its help) completes from its own prefix.
for option in $("$program" validate --help | awk '/^  -/ {split($1, n, ","); for (i in n) print n[i]}'); do
    COMP_WORDS=("$program" validate "$option"); COMP_CWORD=2; COMPREPLY=(); _lmacheck
    printf '%s\n' "${COMPREPLY[@]}" | grep -qxF -- "$option" || fail "lmacheck validate $option<TAB> does not offer $option"
done
expect_completion "--format" validate --form
expect_completion "text json junit sarif html markdown" validate --format ""
expect_completion "json junit" validate -f j
expect_completion "" validate --jobs ""            # a number: nothing to offer
expect_completion "add list revoke" token ""       # a command's own subcommands
expect_completion "capacity.occupancy" rules capacity.occ
expect_completion "--print-ruleset" rules --print-r
# Paths: files after validate and --ruleset, directories after --plugin-dir.
mkdir -p "$work_dir/files/uploads"
touch "$work_dir/files/rules.json" "$work_dir/files/upload.json"
cd "$work_dir/files"
expect_completion "rules.json" validate --ruleset "ru"
expect_completion "uploads" validate --plugin-dir ""
expect_completion "upload.json uploads" validate "up"
cd - >/dev/null

# --- man page ----------------------------------------------------------------
grep -q '^\.TH LMACHECK "1"' "$man_page" || fail "the man page has no .TH LMACHECK \"1\" header"
for section in NAME SYNOPSIS DESCRIPTION COMMANDS '"EXIT STATUS"' FILES; do
    grep -q "^\.SH $section" "$man_page" || fail "the man page has no section $section"
done
for command in $commands; do
    grep -qF ".SS \"lmacheck $command\"" "$man_page" || fail "the man page does not describe lmacheck $command"
done
grep -qF '.SS "lmacheck token add"' "$man_page" || fail "the man page does not describe lmacheck token add"
grep -qF "$("$program" --version | awk '{print $2}')" "$man_page" || fail "the man page does not give the version"
if command -v man >/dev/null; then
    # man-db renders it without a warning from groff.
    warnings=$(MANWIDTH=100 man --warnings -l "$man_page" 2>&1 >/dev/null || true)
    [ -z "$warnings" ] || fail "man -l warns: $warnings"
    MANWIDTH=100 man -l "$man_page" 2>/dev/null | grep -q -- "--print-ruleset" || fail "the rendered page lacks --print-ruleset"
fi

if [ "$failures" -ne 0 ]; then
    echo "$failures failure(s)"
    exit 1
fi
echo "bash completion and man page as installed: all checks passed"
