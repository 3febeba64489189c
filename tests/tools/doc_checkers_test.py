#!/usr/bin/env python3
"""The doc checkers find what they are for, on hand-made docs in a scratch
directory: scripts/check-doc-links.py a broken link, a missing anchor and a
stale repository path; scripts/report-format-examples.py a stale example
(and --write makes it current), a fenced block without a command, and a
command that fails.

    doc_checkers_test.py SOURCE_DIR LMACHECK
"""

import subprocess
import sys
import tempfile
from pathlib import Path

source_dir, lmacheck = Path(sys.argv[1]).resolve(), str(Path(sys.argv[2]).resolve())
links = source_dir / "scripts/check-doc-links.py"
examples = source_dir / "scripts/report-format-examples.py"
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def run(*args):
    return subprocess.run([sys.executable, *map(str, args)], capture_output=True, text=True, timeout=120)


with tempfile.TemporaryDirectory() as scratch:
    root = Path(scratch)
    (root / "docs").mkdir()
    (root / "core").mkdir()
    (root / "core/real.cpp").write_text("")
    (root / "samples").symlink_to(source_dir / "samples")

    # --- links ---
    (root / "README.md").write_text("# Top\n\n## The `x` part\n\nSee [b](docs/b.md#b-heading), [top](#top), "
                                    "`core/real.cpp`, [web](https://example.org/none).\n")
    (root / "docs/b.md").write_text("# B heading\n\n[back](../README.md#the-x-part)\n\n```\n[not a link](nowhere.md)\n```\n")
    result = run(links, "--source-dir", root)
    check(result.returncode == 0, f"check-doc-links on good docs: exit {result.returncode}\n{result.stdout}")
    (root / "docs/c.md").write_text("[gone](gone.md) [anchor](b.md#no-such-heading) `core/moved.cpp`\n")
    result = run(links, "--source-dir", root)
    check(result.returncode == 1, f"check-doc-links on broken docs: exit {result.returncode}")
    for expected in ("c.md:1: link to gone.md: gone.md does not exist",
                     "c.md:1: link to b.md#no-such-heading: b.md has no heading with the anchor #no-such-heading",
                     "c.md:1: `core/moved.cpp` names no file or directory of the repository"):
        check(expected in result.stdout, f"check-doc-links does not report: {expected}\n{result.stdout}")

    # --- report examples ---
    command = "lmacheck validate samples/invalid/capacity.occupancy.json"
    doc = root / "docs/formats.md"
    stale = f"# Formats\n\n<!-- example: {command} -->\n```text\nan old example\n```\n\n<!-- not-output -->\n```sh\nkept as it is\n```\n"
    doc.write_text(stale)
    base = ["--lmacheck", lmacheck, "--source-dir", root, "--doc", "docs/formats.md"]
    result = run(examples, "--check", *base)
    check(result.returncode == 1, f"a stale example: --check exit {result.returncode}")
    check("-an old example" in result.stdout and "Regenerate with scripts/update-docs.sh" in result.stdout,
          f"a stale example: no diff or no way to regenerate:\n{result.stdout}")
    check(doc.read_text() == stale, "--check changed the doc")
    result = run(examples, "--write", *base)
    check(result.returncode == 0, f"--write: exit {result.returncode}\n{result.stderr}")
    written = doc.read_text()
    check("[capacity.occupancy] at /capacity/1/bed_days\n" in written and "an old example" not in written,
          f"--write did not put the command's output in:\n{written}")
    check("```sh\nkept as it is\n```" in written, "--write changed a not-output block")
    result = run(examples, "--check", *base)
    check(result.returncode == 0, f"after --write, --check: exit {result.returncode}\n{result.stdout}")

    doc.write_text("<!-- example: lmacheck validate --format sarif samples/invalid/capacity.occupancy.json"
                   " | sarif-used-rules -->\n```json\n```\n")
    check(run(examples, "--write", *base).returncode == 0, "the sarif-used-rules filter failed")
    check(doc.read_text().count('"id": "') == 1, "sarif-used-rules kept rules no result names")

    doc.write_text("# Formats\n\n```text\npasted output\n```\n")
    result = run(examples, "--check", *base)
    check(result.returncode == 1 and "needs `<!-- example: lmacheck ... -->`" in result.stderr,
          f"a block without a command: exit {result.returncode}\n{result.stderr}")

    doc.write_text("<!-- example: lmacheck validate samples/no-such-file.json -->\n```text\n```\n")
    result = run(examples, "--check", *base)
    check(result.returncode == 1 and "exited 2" in result.stderr,
          f"a command that fails: exit {result.returncode}\n{result.stderr}")

for failure in failures:
    print("FAIL:", failure)
sys.exit(1 if failures else 0)
