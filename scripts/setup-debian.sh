#!/usr/bin/env bash
# Installs what lmacheck needs to build and test on Debian 12 (bookworm).
# Only Debian packages: no downloads from anywhere else.
set -euo pipefail

packages=(
  cmake ninja-build g++ pkg-config
  libboost-dev libboost-filesystem-dev  # Boost.DLL (plugins), filesystem
  nlohmann-json3-dev                    # JSON documents
  libsimdjson-dev                       # the fast parse path of submissions (core/src/document/fast_parse.*)
  libvalijson-dev                       # JSON Schema draft 7
  libspdlog-dev libfmt-dev              # logs on stderr
  libcli11-dev                          # command line
  libjemalloc-dev                       # the programs' memory allocator (LMACHECK_ALLOCATOR, docs/decisions.md)
  nettle-dev                            # SHA-256 of submissions and tokens (small to load: docs/performance.md)
  libssl-dev                            # tests: an independent SHA-256 (OpenSSL EVP); cpp-httplib's TLS parts
  libsqlite3-dev sqlite3                # the store of accepted submissions; sqlite3 for backups (docs/store.md)
  libcpp-httplib-dev                    # lmacheck serve: HTTP server (and the tests' client), docs/service.md
  libmuparser-dev                       # expression rules in rule sets (muparser 2.3), docs/rules.md
  libgtest-dev googletest               # tests
  json-schema-test-suite                # tests/core/schema_truth_test.cpp: draft 7 cases for both schema judges
  python3                               # tools/check-samples.py, tools/generate-batch.py (batch tests)
  help2man                              # the man page (build/share/man/man1/lmacheck.1), made at build time
  python3-yaml                          # tests/tools: the pre-commit hook definition (.pre-commit-hooks.yaml) is read
  clang libclang-rt-14-dev              # scripts/fuzz.sh: libFuzzer, ASan and UBSan runtimes for clang
  libxml2-utils                         # xmllint: report tests (JUnit schema, HTML)
  libxml2-dev                           # scripts/fuzz.sh: fuzz_reports checks JUnit and XHTML with libxml2
  chromium                              # tests/browser/run.sh, scripts/render-reports.sh: pages in headless Chromium
  poppler-utils                         # tests/reports/print-to-pdf.sh: pdftotext, pdfinfo read the printed report
  liborcus-dev                          # workbooks (.xlsx, .ods) as submissions: the reader (docs/spreadsheets.md)
  libexpat1-dev                         # workbooks: every XML part is checked (well-formed) before orcus reads it
  libxlsxwriter-dev                     # workbooks: lmacheck convert --to xlsx
  zlib1g-dev                            # workbooks: every part is inflated and checked before orcus; tests: hand-built zips
  libreoffice-calc-nogui                # tests/workbook: the template opens in LibreOffice (soffice --headless; ~260 MB)
)
# tests/browser/run.sh drives Chromium with playwright-core from npm (the
# committed lock file). A Node already installed (from anywhere) is used as
# is; otherwise Debian's.
{ command -v node && command -v npm; } >/dev/null || packages+=(nodejs npm)

# scripts/bench.sh also needs the peers, Node with npm (ajv) and
# python3-jsonschema, GNU time for peak memory, and valgrind for the
# instruction count (scripts/bench.sh --instructions). A Node already
# installed (from anywhere) is used as is.
if [ "${1:-}" = "--bench" ]; then
  packages+=(python3-jsonschema time valgrind)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all Debian packages present"
  exit 0
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "setup: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  sudo_cmd=(sudo)
fi
echo "setup: installing ${missing[*]}"
"${sudo_cmd[@]}" apt-get update -q
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
