#!/usr/bin/env python3
"""The pre-commit hook definitions (.pre-commit-hooks.yaml) work as pre-commit
runs them: each hook has the keys pre-commit requires, its file pattern
selects the submissions it is for, and its entry (with the built program for
`lmacheck`, and the selected files appended, as pre-commit does) exits 0 on
valid samples and 1 on an invalid one.

    pre_commit_hooks_test.py SOURCE_DIR LMACHECK
"""

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import yaml

source_dir, lmacheck = Path(sys.argv[1]).resolve(), str(Path(sys.argv[2]).resolve())
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def run_entry(hook, files):
    words = shlex.split(hook["entry"])
    env = {k: v for k, v in os.environ.items() if k != "LMACHECK_PLUGIN_PATH"}
    result = subprocess.run([lmacheck] + words[1:] + list(hook.get("args", [])) + files, cwd=source_dir,
                            env=env, capture_output=True, text=True, timeout=120)
    return result


def selected(hook, path):
    """Whether pre-commit would pass `path` to the hook (files regex; types json)."""
    if "files" in hook and not re.search(hook["files"], path):
        return False
    if "json" in hook.get("types", []) and not path.endswith(".json"):
        return False
    return True


hooks = yaml.safe_load((source_dir / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
check(isinstance(hooks, list) and hooks, ".pre-commit-hooks.yaml is not a list of hooks")
by_id = {hook["id"]: hook for hook in hooks}
check(set(by_id) == {"lmacheck", "lmacheck-workbooks"}, f"hook ids: {sorted(by_id)}")
for hook in hooks:
    for key in ("id", "name", "entry", "language"):
        check(key in hook, f"hook {hook.get('id')}: no {key}")
    check(hook.get("language") == "system", f"hook {hook['id']}: language {hook.get('language')}")
    check(shlex.split(hook["entry"])[:2] == ["lmacheck", "validate"], f"hook {hook['id']}: entry {hook['entry']}")

cases = {
    "lmacheck": (["samples/valid/institution-2019.json", "samples/valid/municipality-2019-central.json"],
                 ["samples/invalid/fact.certified-within-teams.json"],
                 ["samples/workbook/valid/institution-2019.xlsx", "rules/lma-v1.yaml"]),
    "lmacheck-workbooks": (["samples/workbook/valid/institution-2019.xlsx"], None,
                           ["samples/valid/institution-2019.json"]),
}
for hook_id, (valid, invalid, not_selected) in cases.items():
    hook = by_id.get(hook_id)
    if hook is None:
        continue
    for path in valid + (invalid or []):
        check(selected(hook, path), f"hook {hook_id} does not select {path}")
    for path in not_selected:
        check(not selected(hook, path), f"hook {hook_id} selects {path}")
    result = run_entry(hook, valid)
    check(result.returncode == 0, f"hook {hook_id} on {valid}: exit {result.returncode}\n{result.stdout}{result.stderr}")
    if invalid:
        result = run_entry(hook, invalid)
        check(result.returncode == 1, f"hook {hook_id} on {invalid}: exit {result.returncode}, expected 1")
        check("error: certified_teams 7 is more than teams 6 [fact.certified-within-teams]" in result.stdout,
              f"hook {hook_id}: the finding is not on standard output:\n{result.stdout}")

for failure in failures:
    print("FAIL:", failure)
sys.exit(1 if failures else 0)
