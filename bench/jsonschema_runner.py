#!/usr/bin/env python3
"""Peer on the schema layer for scripts/bench.sh: python3-jsonschema (Debian)
validating every *.json below the given paths against lmacheck's own schemas,
chosen by kind as lmacheck chooses them (envelope otherwise), collecting every
error (iter_errors) and checking `format: date-time` where the installed
jsonschema can.

    python3 jsonschema_runner.py SCHEMA_DIR PATH...   prints one line of JSON
"""
import json
import os
import sys
import time

import jsonschema


def json_files(paths):
    files = []
    for p in paths:
        if not os.path.isdir(p):
            files.append(p)
            continue
        for root, _dirs, names in os.walk(p):
            files.extend(os.path.join(root, n) for n in names if n.endswith(".json"))
    return sorted(files)


def main():
    start = time.perf_counter()
    schema_dir, paths = sys.argv[1], sys.argv[2:]

    def load(name):
        with open(os.path.join(schema_dir, name), encoding="utf-8") as f:
            schema = json.load(f)
        return jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)

    validators = {
        "institution": load("institution-1.0.schema.json"),
        "municipality": load("municipality-1.0.schema.json"),
        "envelope": load("envelope-1.0.schema.json"),
    }
    files = size = valid = errors = unparsable = 0
    for name in json_files(paths):
        with open(name, "rb") as f:
            data = f.read()
        files += 1
        size += len(data)
        try:
            document = json.loads(data)
        except ValueError:
            unparsable += 1
            continue
        kind = document.get("kind") if isinstance(document, dict) and document.get("format_version") == "1.0" else None
        validator = validators[kind if kind in ("institution", "municipality") else "envelope"]
        found = sum(1 for _ in validator.iter_errors(document))
        if found:
            errors += found
        else:
            valid += 1
    seconds = time.perf_counter() - start
    print(json.dumps({"files": files, "bytes": size, "valid": valid, "errors": errors,
                      "unparsable": unparsable, "seconds": round(seconds, 6)}))


if __name__ == "__main__":
    main()
