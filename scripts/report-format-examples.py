#!/usr/bin/env python3
"""Keeps the examples of docs/report-formats.md equal to what the program prints.

Every fenced block of the doc is either an example, preceded by the line

    <!-- example: lmacheck ARGS... [| FILTER] -->

and then holding exactly what that command prints (after the filter and the
normalisation below), or marked `<!-- not-output -->` (snippets of CI files,
fragments of a report). A block with neither is an error, so no output can be
pasted into the doc without a command that makes it.

    report-format-examples.py --lmacheck build/bin/lmacheck --write   # rewrite the doc
    report-format-examples.py --lmacheck build/bin/lmacheck --check   # the test: exit 1 when stale

Commands run in the source directory (the paths in them are relative to it),
without LMACHECK_PLUGIN_PATH, so they load the build's own plugins. Filters
keep an example short without changing what it shows:

    sarif-used-rules   SARIF with only the rules some result names (ruleIndex
                       still counts in the full list)
    html-body          the page's <body> without its script

Normalised, so that a release or a machine does not make the doc stale: the
program's version becomes VERSION and an RFC 3339 time 2025-03-01T09:30:00.125Z.
"""

import argparse
import difflib
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

MARKER = re.compile(r"^<!-- example: (?P<command>.+?) -->$")
NOT_OUTPUT = "<!-- not-output -->"
FENCE = re.compile(r"^(```+)(\S*)$")
TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z")
REGENERATE = "scripts/update-docs.sh (or: cmake --build build --target update-docs)"


def sarif_used_rules(output):
    sarif = json.loads(output)
    for run in sarif["runs"]:
        used = {result["ruleId"] for result in run.get("results", [])}
        driver = run["tool"]["driver"]
        driver["rules"] = [rule for rule in driver["rules"] if rule["id"] in used]
    return json.dumps(sarif, indent=2, ensure_ascii=False) + "\n"


def html_body(output):
    match = re.search(r"<body[^>]*>(.*)</body>", output, flags=re.S)
    if not match:
        raise ValueError("html-body: the output has no <body> element")
    body = match.group(1)
    body = re.sub(r"<script>.*?</script>\n?", "", body, flags=re.S)
    return body.strip("\n") + "\n"


FILTERS = {"sarif-used-rules": sarif_used_rules, "html-body": html_body}


def program_version(lmacheck):
    out = subprocess.run([lmacheck, "--version"], capture_output=True, text=True, check=True).stdout
    match = re.search(r"\d+\.\d+\.\d+\S*", out)
    if not match:
        sys.exit(f"report-format-examples: cannot read the version from `{lmacheck} --version`: {out!r}")
    return match.group(0)


def run_example(command, lmacheck, source_dir, version):
    program, _, filter_name = command.partition(" | ")
    words = shlex.split(program)
    if not words or words[0] != "lmacheck":
        raise ValueError(f"an example command must start with `lmacheck`: {command}")
    env = {k: v for k, v in os.environ.items() if k != "LMACHECK_PLUGIN_PATH"}
    env.pop("NO_COLOR", None)
    result = subprocess.run([lmacheck] + words[1:], cwd=source_dir, env=env, capture_output=True, text=True)
    if result.returncode not in (0, 1):  # 1 is a rejected submission, which examples show
        raise ValueError(f"`{program}` exited {result.returncode}: {result.stderr.strip()}")
    output = result.stdout
    if filter_name:
        if filter_name.strip() not in FILTERS:
            raise ValueError(f"unknown filter `{filter_name}` in: {command}")
        output = FILTERS[filter_name.strip()](output)
    output = output.replace(version, "VERSION")
    output = TIMESTAMP.sub("2025-03-01T09:30:00.125Z", output)
    output = output.replace(str(Path(source_dir).resolve()) + "/", "")
    return output


def regenerate(doc, lmacheck, source_dir):
    """The doc with every example block replaced by its command's output."""
    version = program_version(lmacheck)
    lines = doc.splitlines(keepends=True)
    out, i, examples = [], 0, 0
    while i < len(lines):
        line = lines[i]
        fence = FENCE.match(line.rstrip("\n"))
        if not fence:
            out.append(line)
            i += 1
            continue
        # The end of this block.
        end = i + 1
        while end < len(lines) and lines[end].rstrip("\n") != fence.group(1):
            end += 1
        if end == len(lines):
            raise ValueError(f"line {i + 1}: the fenced block is not closed")
        previous = next((l.strip() for l in reversed(out) if l.strip()), "")
        marker = MARKER.match(previous)
        if marker:
            output = run_example(marker.group("command"), lmacheck, source_dir, version)
            if fence.group(1) in output:
                raise ValueError(f"line {i + 1}: the output holds the fence {fence.group(1)}; use a longer one")
            out.append(line)
            out.append(output if output.endswith("\n") or not output else output + "\n")
            examples += 1
        elif previous == NOT_OUTPUT:
            out.append(line)
            out.extend(lines[i + 1:end])
        else:
            raise ValueError(f"line {i + 1}: a fenced block needs `<!-- example: lmacheck ... -->` "
                             f"(its output is generated) or `{NOT_OUTPUT}` on a line before it")
        out.append(lines[end])
        i = end + 1
    if examples == 0:
        raise ValueError("no `<!-- example: ... -->` block found")
    return "".join(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lmacheck", required=True, help="the built program")
    parser.add_argument("--source-dir", default=str(Path(__file__).resolve().parent.parent))
    parser.add_argument("--doc", default="docs/report-formats.md", help="relative to --source-dir")
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true", help="rewrite the doc's examples")
    mode.add_argument("--check", action="store_true", help="exit 1 (with a diff) when the doc is stale")
    args = parser.parse_args()

    doc_path = Path(args.source_dir) / args.doc
    doc = doc_path.read_text(encoding="utf-8")
    try:
        current = regenerate(doc, str(Path(args.lmacheck).resolve()), args.source_dir)
    except (ValueError, json.JSONDecodeError) as error:
        sys.exit(f"{args.doc}: {error}")
    if args.write:
        if current != doc:
            doc_path.write_text(current, encoding="utf-8")
            print(f"report-format-examples: rewrote the examples of {args.doc}")
        else:
            print(f"report-format-examples: the examples of {args.doc} were current already")
        return 0
    if current == doc:
        return 0
    sys.stdout.writelines(difflib.unified_diff(doc.splitlines(keepends=True), current.splitlines(keepends=True),
                                               f"{args.doc} (as written)", f"{args.doc} (what the program prints)"))
    print(f"\n{args.doc} is stale: its examples differ from what the commands print (diff above). "
          f"Regenerate with {REGENERATE}.")
    return 1


if __name__ == "__main__":
    sys.exit(main())
