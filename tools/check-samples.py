#!/usr/bin/env python3
"""Developer aid: check the data files that ship with lmacheck against each other.

    python3 tools/check-samples.py [--print] [-v]

It is not part of the build and the engine never runs it. Python 3 standard
library only. It checks, independently of the C++ engine:

  * schemas/*.json use only the JSON Schema keywords the engine walks, every
    $ref resolves, every object schema is closed, and the envelope definitions
    are the same in every submission schema;
  * rules/reference/municipalities.json and rules/lma-v1.json satisfy their
    schemas (and the reference list has no overlapping year ranges);
  * every sample under samples/ gives, in a small re-implementation of the
    level-0 and level-1 checks of the rule catalog with the options of
    rules/lma-v1.json, exactly the outcome tests/e2e/sample-expectations.json
    states for it (status, and the findings' rule, severity, path and
    explained flag, in report order);
  * every sample under samples/valid/ is accepted with no unexplained warning
    and no info finding: all its arithmetic (places, occupancy, totals, DBC
    sums, FACT ratios, client partition, sheltered-housing ratios) holds.

--print writes the outcomes it computed as JSON (the format of
sample-expectations.json) instead of comparing them. Exit status 0 when every
check passed, 1 otherwise. The last line reads "N passed, N failed".
"""

import calendar
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

ALLOWED_KEYWORDS = {
    "$schema", "$id", "$ref", "title", "description", "description_nl", "definitions", "type", "properties",
    "required", "additionalProperties", "items", "minItems", "enum", "const", "minimum",
    "maximum", "minLength", "maxLength", "pattern", "format",
}
FINANCING_SETTING = ["zvw", "awbz_b", "awbz_c", "wlz", "wmo_bw"]
FINE = ["min_0_249", "min_250_799", "min_800_1799", "min_1800_2999", "min_3000_5999",
        "min_6000_11999", "min_12000_17999", "min_18000_27999", "min_28000_plus"]
COARSE = {"min_0_1799": FINE[0:3], "min_1800_5999": FINE[3:5], "min_6000_plus": FINE[5:9]}
EPS = 1e-9
LEVEL0 = ["document.unreadable", "document.duplicate-key", "schema.structure", "engine.rule-failed"]

passed = 0
failed = 0
verbose = False


def ok(what):
    global passed
    passed += 1
    if verbose:
        print("ok   " + what)


def fail(what):
    global failed
    failed += 1
    print("FAIL " + what)


def check(cond, what):
    if cond:
        ok(what)
    else:
        fail(what)
    return cond


def load_json(rel):
    with open(os.path.join(ROOT, rel), encoding="utf-8") as fh:
        return json.load(fh)


def pointer(tokens):
    return "".join("/" + str(t).replace("~", "~0").replace("/", "~1") for t in tokens)


def pointer_key(path):
    tokens = path.split("/")[1:] if path else []
    return [(0, int(t), "") if t.isdigit() else (1, 0, t) for t in tokens]


# --------------------------------------------------------------------------- JSON Schema subset

def is_integer(v):
    return (isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, float) and v.is_integer())


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


TYPE_TEST = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "integer": is_integer,
    "number": is_number,
}

DATE_TIME = re.compile(r"(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|([+-])(\d{2}):(\d{2}))\Z")


def valid_date_time(s):
    """RFC 3339 date-time, strictly: a real calendar date, offset Z or +hh:mm/-hh:mm."""
    m = DATE_TIME.match(s)
    if not m:
        return False
    year, month, day, hour, minute, second = (int(m.group(i)) for i in range(1, 7))
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
        return False
    if hour > 23 or minute > 59 or second > 60:
        return False
    if m.group(9) and (int(m.group(10)) > 23 or int(m.group(11)) > 59):
        return False
    return True


def ecma_search(pattern, s):
    # ECMAScript '$' (no multiline) matches only at the very end; Python's also before a final "\n".
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"
    return re.search(pattern, s) is not None


def same_value(a, b):
    if is_number(a) and is_number(b):
        return a == b
    return type(a) is type(b) and a == b


class SchemaChecker:
    """Validates with the keyword subset above, one finding per violated value:
    a missing key at the object that lacks it, an unknown key at its own path,
    any other failure at the value (and nothing below a value of the wrong type)."""

    def __init__(self, schema):
        self.root = schema

    def resolve(self, node):
        while "$ref" in node:
            ref = node["$ref"]
            assert ref.startswith("#/definitions/"), ref
            node = self.root["definitions"][ref[len("#/definitions/"):]]
        return node

    def validate(self, value):
        out = []
        self._walk(self.root, value, [], out)
        return out

    def _walk(self, node, v, tokens, out):
        node = self.resolve(node)
        path = pointer(tokens)
        if "type" in node and not TYPE_TEST[node["type"]](v):
            out.append(path)
            return
        if "const" in node and not same_value(v, node["const"]):
            out.append(path)
            return
        if "enum" in node and not any(same_value(v, e) for e in node["enum"]):
            out.append(path)
            return
        if is_number(v):
            if ("minimum" in node and v < node["minimum"]) or ("maximum" in node and v > node["maximum"]):
                out.append(path)
            return
        if isinstance(v, str):
            bad = ("minLength" in node and len(v) < node["minLength"]) \
                or ("maxLength" in node and len(v) > node["maxLength"]) \
                or ("pattern" in node and not ecma_search(node["pattern"], v)) \
                or (node.get("format") == "date-time" and not valid_date_time(v))
            if bad:
                out.append(path)
            return
        if isinstance(v, list):
            if "minItems" in node and len(v) < node["minItems"]:
                out.append(path)
            if "items" in node:
                for i, item in enumerate(v):
                    self._walk(node["items"], item, tokens + [i], out)
            return
        if isinstance(v, dict):
            props = node.get("properties", {})
            for key in node.get("required", []):
                if key not in v:
                    out.append(path)
            extra = node.get("additionalProperties", True)
            for key, item in v.items():
                if key in props:
                    self._walk(props[key], item, tokens + [key], out)
                elif extra is False:
                    out.append(pointer(tokens + [key]))
                elif isinstance(extra, dict):
                    self._walk(extra, item, tokens + [key], out)


def lint_schema(rel, schema, open_objects):
    """Only the allowed keywords; every $ref resolves; every object is closed
    unless listed in open_objects (JSON Pointers into the schema file)."""
    problems = []
    definitions = schema.get("definitions", {})

    def walk(node, where):
        if not isinstance(node, dict):
            problems.append(f"{where}: not a schema object")
            return
        for k in node:
            if k not in ALLOWED_KEYWORDS:
                problems.append(f"{where}: keyword {k} is not in the allowed subset")
        if "$ref" in node:
            if set(node) != {"$ref"}:
                problems.append(f"{where}: $ref with siblings")
            name = node["$ref"][len("#/definitions/"):]
            if not node["$ref"].startswith("#/definitions/") or name not in definitions:
                problems.append(f"{where}: unresolved $ref {node['$ref']}")
            return
        if not any(k in node for k in ("type", "const", "enum")):
            problems.append(f"{where}: neither type, const nor enum (null would pass)")
        if node.get("type") == "object" and node.get("additionalProperties") is not False \
                and where not in open_objects:
            problems.append(f"{where}: object without additionalProperties false")
        for key, sub in node.get("properties", {}).items():
            walk(sub, f"{where}/properties/{key}")
        if isinstance(node.get("additionalProperties"), dict):
            walk(node["additionalProperties"], f"{where}/additionalProperties")
        if "items" in node:
            walk(node["items"], f"{where}/items")
        for key, sub in node.get("definitions", {}).items():
            walk(sub, f"{where}/definitions/{key}")
        if "description" in node and not node["description"].strip():
            problems.append(f"{where}: empty description")

    walk(schema, "")
    for name, d in definitions.items():
        if "$ref" not in d and "description" not in d:
            problems.append(f"/definitions/{name}: no description")
    check(not problems, f"{rel}: schema uses the engine's keyword subset" +
          ("".join("\n       " + p for p in problems)))


# --------------------------------------------------------------------------- reference data

class Reference:
    def __init__(self, entries):
        self.entries = entries

    def get(self, code, year):
        for e in self.entries:
            if e["code"] == code and e["valid_from"] <= year <= e["valid_to"]:
                return e
        return None


# --------------------------------------------------------------------------- level-1 rules

def level1(doc, ref, rules):
    """Returns (findings, rules that ran); a finding is [rule, severity, path, explained]."""
    year = doc["reporting_year"]
    days = 366 if calendar.isleap(year) else 365
    found = []
    ran = set()
    institution = doc["kind"] == "institution"

    def run(rule_id, for_institution):
        cfg = rules[rule_id]
        if for_institution is not None and for_institution != institution:
            return None
        if not cfg.get("enabled", True):
            return None
        ran.add(rule_id)
        return cfg.get("options", {})

    def report(rule_id, path):
        found.append([rule_id, rules[rule_id]["severity"], path, False])

    def out_of(x, lo, hi):
        return x < lo - EPS or x > hi + EPS

    if institution:
        locations = doc["locations"]
        capacity = doc["capacity"]
        loc_ids = {loc["location_id"] for loc in locations}
        if run("location.duplicate-id", True) is not None:
            seen = set()
            for i, loc in enumerate(locations):
                if loc["location_id"] in seen:
                    report("location.duplicate-id", f"/locations/{i}/location_id")
                seen.add(loc["location_id"])
        if run("capacity.unknown-location", True) is not None:
            for i, rec in enumerate(capacity):
                if rec["location_id"] not in loc_ids:
                    report("capacity.unknown-location", f"/capacity/{i}/location_id")
        if run("capacity.duplicate-record", True) is not None:
            seen = set()
            for i, rec in enumerate(capacity):
                key = (rec["location_id"], rec["financing"])
                if key in seen:
                    report("capacity.duplicate-record", f"/capacity/{i}")
                seen.add(key)
        o = run("capacity.places-from-bed-days", True)
        if o is not None:
            for i, rec in enumerate(capacity):
                if abs(rec["places"] - rec["bed_days"] / o["days_per_place"]) > o["abs_tolerance"] + EPS:
                    report("capacity.places-from-bed-days", f"/capacity/{i}/places")
        o = run("capacity.occupancy", True)
        if o is not None:
            for i, rec in enumerate(capacity):
                if rec["beds_year_end"] == 0:
                    continue
                occupancy = rec["bed_days"] / (rec["beds_year_end"] * days)
                if out_of(occupancy, o["min_occupancy"], o["max_occupancy"]):
                    report("capacity.occupancy", f"/capacity/{i}/bed_days")
        o = run("capacity.totals-match-locations", True)
        if o is not None:
            sums = {}
            for rec in capacity:
                s = sums.setdefault(rec["financing"], {"beds_year_end": 0, "bed_days": 0, "places": 0.0, "clients": 0})
                for k in s:
                    s[k] += rec[k]
            totals = doc["capacity_totals"]
            for stream in sums:
                if stream not in totals:
                    report("capacity.totals-match-locations", "/capacity_totals")
            for stream, t in totals.items():
                if stream not in sums:
                    report("capacity.totals-match-locations", f"/capacity_totals/{stream}")
                    continue
                s = sums[stream]
                base = f"/capacity_totals/{stream}"
                if t["beds_year_end"] != s["beds_year_end"]:
                    report("capacity.totals-match-locations", base + "/beds_year_end")
                if t["bed_days"] != s["bed_days"]:
                    report("capacity.totals-match-locations", base + "/bed_days")
                if abs(t["places"] - s["places"]) > o["abs_tolerance"] + EPS:
                    report("capacity.totals-match-locations", base + "/places")
                if t["clients"] > s["clients"]:
                    report("capacity.totals-match-locations", base + "/clients")
        o = run("financing.valid-for-year", True)
        if o is not None:
            for i, rec in enumerate(capacity):
                old = rec["financing"] in ("awbz_b", "awbz_c")
                new = rec["financing"] in ("wlz", "wmo_bw")
                if (old and year > o["awbz_last_year"]) or (new and year <= o["awbz_last_year"]):
                    report("financing.valid-for-year", f"/capacity/{i}/financing")
        if run("dbc.category-sum", True) is not None:
            dbc = doc["ambulatory"]["dbc_trajectories"]
            for coarse, fine in COARSE.items():
                if dbc["subtotals"][coarse] != sum(dbc["minute_categories"][k] for k in fine):
                    report("dbc.category-sum", f"/ambulatory/dbc_trajectories/subtotals/{coarse}")
            if dbc["total"] != sum(dbc["subtotals"].values()):
                report("dbc.category-sum", "/ambulatory/dbc_trajectories/total")
        o = run("ambulatory.basis-ggz-from-2014", True)
        if o is not None:
            if year < o["first_year"] and doc["ambulatory"].get("basis_ggz_trajectories", 0) != 0:
                report("ambulatory.basis-ggz-from-2014", "/ambulatory/basis_ggz_trajectories")
        fact = doc["fact"]
        if run("fact.certified-within-teams", True) is not None:
            if fact["certified_teams"] > fact["teams"]:
                report("fact.certified-within-teams", "/fact/certified_teams")
        if run("fact.empty-teams", True) is not None and fact["teams"] == 0:
            if fact["fte"] != 0:
                report("fact.empty-teams", "/fact/fte")
            if fact["clients"] != 0:
                report("fact.empty-teams", "/fact/clients")
        o = run("fact.team-size", True)
        if o is not None and fact["teams"] > 0:
            if out_of(fact["fte"] / fact["teams"], o["min_fte_per_team"], o["max_fte_per_team"]):
                report("fact.team-size", "/fact/fte")
            if out_of(fact["clients"] / fact["teams"], o["min_clients_per_team"], o["max_clients_per_team"]):
                report("fact.team-size", "/fact/clients")
        if run("clients.partition", True) is not None:
            c = doc["clients"]
            if c["total"] != c["ambulatory_only"] + c["clinical"]:
                report("clients.partition", "/clients/total")
            if c["epa"] > c["total"]:
                report("clients.partition", "/clients/epa")
        check_codes = run("reference.municipality-code", None) is not None
        check_provinces = run("reference.province-matches", True) is not None
        for i, loc in enumerate(locations):
            m = ref.get(loc["municipality_code"], year)
            if m is None:
                if check_codes:
                    report("reference.municipality-code", f"/locations/{i}/municipality_code")
            elif check_provinces and m["province"] != loc["province"]:
                report("reference.province-matches", f"/locations/{i}/province")
    else:
        sub = doc["submitter"]
        m = ref.get(sub["municipality_code"], year)
        if run("reference.municipality-code", None) is not None and m is None:
            report("reference.municipality-code", "/submitter/municipality_code")
        if run("reference.central-municipality", False) is not None and m is not None:
            if m["central"] != sub["central_municipality"]:
                report("reference.central-municipality", "/submitter/central_municipality")
        if run("municipality.sheltered-housing-required", False) is not None:
            central = m["central"] if m is not None else sub["central_municipality"]
            if central and "sheltered_housing" not in doc:
                report("municipality.sheltered-housing-required", "")
        sh = doc.get("sheltered_housing")
        o = run("municipality.budget-per-place", False)
        if o is not None and sh is not None and sh["places"] != 0:
            if out_of(sh["budget_eur"] / sh["places"], o["min_eur"], o["max_eur"]):
                report("municipality.budget-per-place", "/sheltered_housing/budget_eur")
        o = run("municipality.clients-per-place", False)
        if o is not None and sh is not None and sh["places"] != 0:
            if out_of(sh["clients"] / sh["places"], o["min"], o["max"]):
                report("municipality.clients-per-place", "/sheltered_housing/clients")

    # Explanations: the engine's part, after every rule ran.
    explanations = doc.get("explanations", [])
    for f in found:
        if f[1] == "warning" and any(e["rule"] == f[0] and e["path"] == f[2] for e in explanations):
            f[3] = True
    unused = run("explanation.unused", None) is not None
    on_error = run("explanation.on-error", None) is not None
    extra = []
    for i, e in enumerate(explanations):
        matches = [f for f in found if f[0] == e["rule"] and f[2] == e["path"]]
        if any(f[1] == "error" for f in matches):
            if on_error:
                extra.append(["explanation.on-error", rules["explanation.on-error"]["severity"], f"/explanations/{i}", False])
        elif not matches and unused and e["rule"] in ran:
            extra.append(["explanation.unused", rules["explanation.unused"]["severity"], f"/explanations/{i}", False])
    return found + extra


# --------------------------------------------------------------------------- one sample

class DuplicateKeys(dict):
    pass


def pairs_hook(pairs):
    d = DuplicateKeys()
    d.duplicates = []
    for k, v in pairs:
        if k in d:
            d.duplicates.append(k)
        d[k] = v
    return d


def find_duplicates(v, tokens, out):
    if isinstance(v, DuplicateKeys):
        for _ in v.duplicates:
            out.append(pointer(tokens))
        for k, item in v.items():
            find_duplicates(item, tokens + [k], out)
    elif isinstance(v, list):
        for i, item in enumerate(v):
            find_duplicates(item, tokens + [i], out)


def reject_constant(name):
    raise ValueError("not JSON: " + name)


def validate_file(path, schemas, ref, rules):
    findings = []
    with open(path, "rb") as fh:
        data = fh.read()
    try:
        text = data.decode("utf-8")
        if text.startswith("\ufeff"):
            text = text[1:]
        doc = json.loads(text, object_pairs_hook=pairs_hook, parse_constant=reject_constant)
    except (UnicodeDecodeError, ValueError):
        return [["document.unreadable", "error", "", False]]
    dups = []
    find_duplicates(doc, [], dups)
    findings += [["document.duplicate-key", "error", p, False] for p in dups]
    if isinstance(doc, dict) and doc.get("format_version") == "1.0" and doc.get("kind") in ("institution", "municipality"):
        schema = schemas[doc["kind"]]
    else:
        schema = schemas["envelope"]
    findings += [["schema.structure", "error", p, False] for p in schema.validate(doc)]
    if not findings:
        findings = level1(doc, ref, rules)
    return findings


def outcome(findings):
    findings = sorted(findings, key=lambda f: (pointer_key(f[2]), f[0]))
    return {
        "status": "rejected" if any(f[1] == "error" for f in findings) else "accepted",
        "findings": [{"rule": r, "severity": s, "path": p, "explained": e} for r, s, p, e in findings],
    }


# --------------------------------------------------------------------------- main

def main():
    global verbose
    args = sys.argv[1:]
    verbose = "-v" in args
    printing = "--print" in args

    raw = {name: load_json(f"schemas/{name}.schema.json") for name in
           ("institution-1.0", "municipality-1.0", "envelope-1.0", "ruleset", "municipalities")}
    lint_schema("schemas/institution-1.0.schema.json", raw["institution-1.0"], set())
    lint_schema("schemas/municipality-1.0.schema.json", raw["municipality-1.0"], set())
    lint_schema("schemas/envelope-1.0.schema.json", raw["envelope-1.0"],
                {"", "/properties/submitter"})
    # An expression rule is checked in full by the expression loader, which
    # names the rule, the key and the character (docs/rules.md).
    lint_schema("schemas/ruleset.schema.json", raw["ruleset"],
                {"/definitions/options", "/definitions/rule_map", "/definitions/expressions/items"})
    lint_schema("schemas/municipalities.schema.json", raw["municipalities"], set())
    env_defs = raw["envelope-1.0"]["definitions"]
    for name in ("institution-1.0", "municipality-1.0"):
        same = all(raw[name]["definitions"].get(k) == v for k, v in env_defs.items())
        check(same, f"schemas/{name}.schema.json: envelope definitions equal envelope-1.0's")
        env_props = {k: v for k, v in raw["envelope-1.0"]["properties"].items() if k not in ("kind", "submitter")}
        check(all(raw[name]["properties"].get(k) == v for k, v in env_props.items()),
              f"schemas/{name}.schema.json: envelope properties equal envelope-1.0's")
    check(raw["institution-1.0"]["definitions"]["municipality_code"] == raw["municipality-1.0"]["definitions"]["municipality_code"]
          == raw["municipalities"]["definitions"]["municipality_code"], "municipality_code defined alike everywhere")

    entries = load_json("rules/reference/municipalities.json")
    check(not SchemaChecker(raw["municipalities"]).validate(entries),
          "rules/reference/municipalities.json satisfies its schema")
    overlaps = []
    for i, a in enumerate(entries):
        if a["valid_from"] > a["valid_to"]:
            overlaps.append(f"{a['code']}: valid_from after valid_to")
        for b in entries[i + 1:]:
            if a["code"] == b["code"] and a["valid_from"] <= b["valid_to"] and b["valid_from"] <= a["valid_to"]:
                overlaps.append(f"{a['code']}: overlapping year ranges")
    check(not overlaps, "reference entries have ordered, non-overlapping year ranges" + "".join("\n       " + p for p in overlaps))
    ref = Reference(entries)

    ruleset = load_json("rules/lma-v1.json")
    check(not SchemaChecker(raw["ruleset"]).validate(ruleset), "rules/lma-v1.json satisfies schemas/ruleset.schema.json")
    check(not ruleset.get("overrides"), "rules/lma-v1.json has no behaviour-changing overrides")
    rules = ruleset["rules"]

    schemas = {"institution": SchemaChecker(raw["institution-1.0"]),
               "municipality": SchemaChecker(raw["municipality-1.0"]),
               "envelope": SchemaChecker(raw["envelope-1.0"])}
    samples = []
    for base, _, files in os.walk(os.path.join(ROOT, "samples")):
        for name in files:
            if name.endswith(".json"):
                samples.append(os.path.relpath(os.path.join(base, name), ROOT).replace(os.sep, "/"))
    samples.sort(key=lambda s: s.encode("utf-8"))

    computed = {s: outcome(validate_file(os.path.join(ROOT, s), schemas, ref, rules)) for s in samples}
    if printing:
        print(json.dumps(computed, indent=2, ensure_ascii=False))
        return 0

    for s, o in computed.items():
        if s.startswith("samples/valid/"):
            bad = [f for f in o["findings"] if f["severity"] == "error" or f["severity"] == "info"
                   or (f["severity"] == "warning" and not f["explained"])]
            check(o["status"] == "accepted" and not bad, f"{s}: valid sample is clean" +
                  "".join(f"\n       {f['rule']} {f['severity']} at {f['path']!r}" for f in bad))
        if s.startswith("samples/invalid/"):
            check(bool(o["findings"]), f"{s}: invalid sample has findings")
            stem = os.path.basename(s)[:-len(".json")]
            rule = next((r for r in LEVEL0 if stem == r or stem.startswith(r + "-")), stem)
            check(any(f["rule"] == rule for f in o["findings"]), f"{s}: shows the rule it is named after ({rule})")

    expected = load_json("tests/e2e/sample-expectations.json")
    for s in samples:
        if s not in expected:
            fail(f"{s}: missing from tests/e2e/sample-expectations.json")
        elif expected[s] != computed[s]:
            fail(f"{s}: expectation differs\n       expected {json.dumps(expected[s])}\n       computed {json.dumps(computed[s])}")
        else:
            ok(f"{s}: matches its expectation")
    for s in expected:
        if s not in computed:
            fail(f"{s}: in sample-expectations.json but no such sample")

    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
