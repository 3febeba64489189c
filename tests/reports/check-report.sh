#!/usr/bin/env bash
# Runs `lmacheck validate` with a report format and checks the report with
# xmllint (libxml2-utils), as a CI system or a browser would read it.
#
#   check-report.sh LMACHECK REPORT CHECK [validate arguments...]
#
# CHECK: schema=FILE.xsd  valid against an XML Schema (JUnit)
#        xml              well-formed XML (the HTML page is XHTML too)
#        html             parsed by libxml2's HTML parser without errors
#        json             parses as JSON (python3)
#        markdown         starts with the report's heading
set -euo pipefail
lmacheck=$1 report=$2 check=$3
shift 3

status=0
"$lmacheck" validate --output "$report" "$@" || status=$?
if [ "$status" -gt 1 ]; then
  echo "check-report: lmacheck exited $status" >&2
  exit 1
fi
if [ ! -s "$report" ]; then
  echo "check-report: empty report $report" >&2
  exit 1
fi

case $check in
  schema=*) xmllint --noout --schema "${check#schema=}" "$report" ;;
  xml) xmllint --noout "$report" ;;
  html)
    errors=$(xmllint --html --noout "$report" 2>&1) || true
    if [ -n "$errors" ]; then
      echo "$errors" >&2
      exit 1
    fi
    ;;
  json) python3 -m json.tool "$report" > /dev/null ;;
  markdown)
    if ! head -n 1 "$report" | grep -Eq '^## lmacheck(-rapport| report)$'; then
      echo "check-report: no report heading in $report" >&2
      exit 1
    fi
    ;;
  *) echo "check-report: unknown check $check" >&2; exit 2 ;;
esac
echo "check-report: $report passes $check"
