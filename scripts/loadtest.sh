#!/usr/bin/env bash
# A bounded load test of `lmacheck serve` on loopback (not part of the test
# suite; its figures go into docs/performance.md).
#
#   scripts/loadtest.sh [BUILD_DIR]      (default: build)
#
# Generates a national year (tools/generate-batch.py, 649 files), starts
# `lmacheck serve` on a free loopback port with a fresh store and a steward's
# token, and runs scripts/loadtest.py: 50 concurrent clients, 2,000
# validations and 500 accepts (25 of them resending a file already accepted).
# Then it checks the store twice: through the API (each accepted submission
# listed once, version 1, its bytes equal to the file sent) and directly with
# sqlite3 (one row per submitter and year, nothing else), and that the server
# stops on SIGTERM with exit code 0. Environment: CLIENTS, VALIDATIONS,
# ACCEPTS, THREADS (the server's --threads; default the server's own),
# CLOSE=1 (a new connection per request instead of keep-alive).
# Figures: stdout and $WORK/figures.json. Exit 0 when everything checked out.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build}"
lmacheck="$build/bin/lmacheck"
[[ -x "$lmacheck" ]] || { echo "loadtest: $lmacheck not found (build first)" >&2; exit 2; }

work="$(mktemp -d /tmp/lmacheck-loadtest.XXXXXX)"
server_pid=""
cleanup() {
    if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then kill -TERM "$server_pid"; wait "$server_pid" || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

year=2019
python3 "$root/tools/generate-batch.py" "$work/batch" --years "$year" >/dev/null
token="$("$lmacheck" token add --tokens "$work/tokens.json" --role steward --name "load test" | tail -n 1)"

threads_option=()
[[ -n "${THREADS:-}" ]] && threads_option=(--threads "$THREADS")
"$lmacheck" serve --store "$work/lma.db" --port 0 --tokens "$work/tokens.json" \
    --data-dir "$work/batch/data" "${threads_option[@]}" >"$work/serve.out" 2>"$work/serve.log" &
server_pid=$!

url=""
for _ in $(seq 1 100); do   # the first stdout line says where it listens
    url="$(sed -n 's/^listening on \(http:\/\/[^ ]*\).*/\1/p' "$work/serve.out" | head -n 1)"
    [[ -n "$url" ]] && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.log" >&2; echo "loadtest: the server exited" >&2; exit 2; }
    sleep 0.1
done
[[ -n "$url" ]] || { echo "loadtest: no 'listening on' line after 10 s" >&2; exit 2; }
echo "server $url (pid $server_pid), $(nproc) cores, $(ls "$work/batch/$year" | wc -l) files of $year"

status=0
timeout 900 python3 "$root/scripts/loadtest.py" --url "$url" --pid "$server_pid" --token "$token" \
    --files "$work/batch/$year" --year "$year" --clients "${CLIENTS:-50}" \
    --validations "${VALIDATIONS:-2000}" --accepts "${ACCEPTS:-500}" --json "$work/figures.json" \
    ${CLOSE:+--close} || status=1

kill -TERM "$server_pid"
server_status=0
wait "$server_pid" || server_status=$?
server_pid=""
if [[ $server_status -ne 0 ]]; then echo "PROBLEM the server exited $server_status on SIGTERM"; status=1; fi

if [[ ! -f "$work/figures.json" ]]; then
    echo "PROBLEM the load test client did not finish"; status=1
elif command -v sqlite3 >/dev/null; then
    # One row (version) per submitter and year: nothing stored twice, no validation stored.
    rows="$(sqlite3 "$work/lma.db" "SELECT COUNT(*) FROM submission_version")"
    distinct="$(sqlite3 "$work/lma.db" "SELECT COUNT(DISTINCT submitter_id || '/' || reporting_year) FROM submission_version")"
    expected="$(python3 -c "import json; print(json.load(open('$work/figures.json'))['distinct_accepted_files'])")"
    echo "sqlite3: $rows rows, $distinct submitter-years, $expected files accepted"
    if [[ "$rows" != "$expected" || "$distinct" != "$expected" ]]; then echo "PROBLEM the store does not hold each accepted file exactly once"; status=1; fi
fi
echo "loadtest: $([[ $status -eq 0 ]] && echo OK || echo FAILED)"
exit $status
