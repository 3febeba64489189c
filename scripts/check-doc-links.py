#!/usr/bin/env python3
"""Checks that every relative link in README.md and docs/*.md resolves.

A link `[text](target)` or a reference definition `[label]: target` whose
target has no scheme (not http:, https:, mailto:, ...) must name a file or
directory that exists, relative to the document; a `#fragment` (alone or
after a Markdown file) must be the GitHub anchor of one of that file's
headings. Links inside code spans and fenced blocks are text, not links.

A code span that names a path in the repository (it starts with one of the
repository's top-level directories and holds a `/`, like
`core/src/engine/inputs.cpp` or `docs/rules.md#capacityoccupancy`) must name one
that exists too: the docs point at files that way far more often than with
links, and a renamed file leaves them stale just the same. Placeholders
(`schemas/register-NAME.schema.json`, `plugins/<area>`) and the few paths that
are not in the repository by design (EXEMPT) are left alone.

    check-doc-links.py [--source-dir DIR] [FILE.md ...]

Exit 0 when all resolve, 1 with one line per broken link (FILE:LINE: ...).
"""

import argparse
import re
import sys
from pathlib import Path
from urllib.parse import unquote

INLINE_LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$")
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
FENCE = re.compile(r"^ {0,3}(```+|~~~+)")
CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
PLACEHOLDER = re.compile(r"[A-Z]{3,}|[<>*{}$]|\.\.\.|\s")
# Paths the docs name that are not files of the repository, and why.
EXEMPT = {
    "bench/parse_floor": "a program the build makes (build/bin/parse_floor)",
    "bench/simdjson_floor": "a program the build makes (build/bin/simdjson_floor)",
    "rules/registers/ccaf.json": "a register the steward drops in; none is shipped",
}


def github_anchor(heading):
    """The id GitHub gives a heading: lower case, markup and punctuation other
    than `-` and `_` dropped, spaces as hyphens."""
    text = re.sub(r"`", "", heading.strip())
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # a link keeps its text
    text = text.lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def prose_lines(path):
    """(line number, line) of a Markdown file outside fenced blocks, with code spans blanked."""
    fence = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)
            continue
        if fence is not None:
            if line.strip().startswith(fence):
                fence = None
            continue
        yield number, CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)


def anchors(path, cache={}):
    """The anchors of a Markdown file's headings (outside fenced blocks), as
    GitHub numbers repeats (`a`, `a-1`, ...), and of its `<a name|id>` tags."""
    if path not in cache:
        prose = {number for number, _ in prose_lines(path)}
        text = path.read_text(encoding="utf-8")
        found, seen = set(), {}
        for number, line in enumerate(text.splitlines(), start=1):
            heading = re.match(r"^#{1,6}\s+(.*?)\s*#*\s*$", line)
            if heading and number in prose:
                base = github_anchor(heading.group(1))
                count = seen.get(base, 0)
                found.add(base if count == 0 else f"{base}-{count}")
                seen[base] = count + 1
        found.update(re.findall(r"<a (?:name|id)=\"([^\"]+)\"", text))
        cache[path] = found
    return cache[path]


def repository_paths(raw_line, top_directories):
    """The code spans of a line that name a path in the repository."""
    for match in CODE_SPAN.finditer(raw_line):
        text = match.group(0).strip("`").strip()
        path = re.sub(r"[:#].*$", "", text)  # FILE:LINE, FILE#anchor
        if "/" in path and path.split("/")[0] in top_directories and not PLACEHOLDER.search(path):
            if path.rstrip("/") not in EXEMPT:
                yield path


def broken_links(document, source):
    problems = []
    top_directories = {p.name for p in source.iterdir() if p.is_dir() and not p.name.startswith(".")} - {"build"}
    raw_lines = document.read_text(encoding="utf-8").splitlines()
    shown = document.resolve().relative_to(source.resolve()) if document.resolve().is_relative_to(source.resolve()) else document
    for number, line in prose_lines(document):
        for path in repository_paths(raw_lines[number - 1], top_directories):
            if not (source / path).exists():
                problems.append(f"{shown}:{number}: `{path}` names no file or directory of the repository")
        targets = [m.group(1) for m in INLINE_LINK.finditer(line)]
        definition = REFERENCE_DEFINITION.match(line)
        if definition:
            targets.append(definition.group(1))
        for target in targets:
            if SCHEME.match(target) or target.startswith("//"):
                continue  # not relative: http(s), mailto, ...
            file_part, _, fragment = target.partition("#")
            resolved = (document.parent / unquote(file_part)).resolve() if file_part else document
            if not resolved.exists():
                problems.append(f"{shown}:{number}: link to {target}: {file_part} does not exist")
            elif fragment and resolved.suffix == ".md" and resolved.is_file():
                if unquote(fragment) not in anchors(resolved):
                    problems.append(f"{shown}:{number}: link to {target}: {resolved.name} has no heading "
                                    f"with the anchor #{fragment}")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source-dir", default=str(Path(__file__).resolve().parent.parent))
    parser.add_argument("files", nargs="*", help="default: README.md and docs/*.md")
    args = parser.parse_args()
    source = Path(args.source_dir)
    files = [Path(f) for f in args.files] or [source / "README.md"] + sorted((source / "docs").glob("*.md"))
    problems = [problem for document in files for problem in broken_links(document, source)]
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} broken relative link(s) in {len(files)} file(s)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
