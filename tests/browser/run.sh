#!/usr/bin/env bash
# The browser end-to-end test of the `lmacheck serve` page.
#
#   tests/browser/run.sh [BUILD_DIR]          (default: build)
#
# Needs: Debian's Chromium (`apt-get install chromium`, /usr/bin/chromium,
# major version 156 to match playwright-core 1.64.1), Node.js 20 or newer with
# npm (playwright-core refuses older Node), and BUILD_DIR/bin/lmacheck with
# `serve`. Installs playwright-core from the committed lock file (`npm ci`,
# no browser download). Screenshots: BUILD_DIR/browser-screenshots/*.png.
# Exit 0 when every check passed, 1 when one failed, 2 when the test could
# not run; the last line is "N passed, N failed".
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="$(cd "${1:-$root/build}" && pwd)"
chromium="${CHROMIUM:-/usr/bin/chromium}"

fail_setup() { echo "browser test: $*" >&2; echo "0 passed, 1 failed"; exit 2; }

[[ -x "$build/bin/lmacheck" ]] || fail_setup "$build/bin/lmacheck not found (build first)"
[[ -x "$chromium" ]] || fail_setup "$chromium not found (apt-get install chromium)"
command -v node >/dev/null && command -v npm >/dev/null || fail_setup "node and npm not found (Node.js 20 or newer)"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
# Debian 12's own nodejs is 18: then install Node 20 (e.g. NodeSource), or pin playwright-core 1.61.1
# in package.json (Node 18; its bundled Chromium is 148, but it drives Debian's 156 through every check).
[[ "$node_major" -ge 20 ]] || fail_setup "Node.js $(node --version) is too old: playwright-core 1.64 needs 20 or newer"

# playwright-core exactly as locked; reinstalled only when the lock file changed.
if [[ ! -f "$here/node_modules/.package-lock.json" || "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]]; then
    (cd "$here" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 timeout 300 npm ci --no-audit --no-fund --loglevel=error) ||
        fail_setup "npm ci failed in $here"
fi

echo "browser test: $("$chromium" --version 2>/dev/null | head -n 1), Node $(node --version)"
cd "$root"
exec timeout 170 env CHROMIUM="$chromium" node "$here/e2e.js" \
    --lmacheck "$build/bin/lmacheck" --samples "$root/samples" --screenshots "$build/browser-screenshots"
