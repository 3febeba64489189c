#!/usr/bin/env python3
"""How well the plausibility rules find planted outliers and jumps, and how
often they flag submitters nobody planted anything in.

    python3 tools/plausibility-benchmark.py [--lmacheck build/bin/lmacheck]
        [--institutions 300] [--municipalities 350] [--years 2018 2019]
        [--outliers 0.03] [--jumps 0.03] [--seed 1] [--work DIR]

Writes two national batches with tools/generate-batch.py, the same but for the
planted figures: one with --outliers/--jumps, one without. Validates each
(all years in one run, so plausibility.change compares with the previous
year in the run, no store needed) and prints:

- per rule, how many planted figures were found (a finding of that rule on
  that file whose message starts with the planted indicator) of how many
  were planted;
- on the batch without planted figures, how many submissions the rules
  flagged (false alarms), of how many they judged: a submission counts in a
  rule's denominator only where the rule judged it, not where the report
  lists the rule under skipped_rules (plausibility.change judges only the
  years whose year before is in the run: of 2018 and 2019, only 2019).

A measurement, not a test: it asserts nothing (exit 0 whenever it could
measure). Python 3 standard library only.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RULES = ("plausibility.outlier", "plausibility.change")


def generate(out, args, planted):
    command = [sys.executable, os.path.join(ROOT, "tools", "generate-batch.py"), out, "--force",
               "--seed", str(args.seed), "--institutions", str(args.institutions),
               "--municipalities", str(args.municipalities), "--years"] + [str(y) for y in args.years]
    if planted:
        command += ["--outliers", str(args.outliers), "--jumps", str(args.jumps)]
    subprocess.run(command, check=True, stderr=subprocess.DEVNULL)


def validate(out, args):
    command = [args.lmacheck, "validate", "--format", "json", "--jobs", "2", "--data-dir",
               os.path.join(out, "data")] + [os.path.join(out, str(y)) for y in args.years]
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if result.returncode not in (0, 1):
        sys.exit("lmacheck failed (exit %d): %s" % (result.returncode, result.stderr.strip()))
    return json.loads(result.stdout)


def plausibility_findings(report, out):
    """(file relative to out, rule, message) of every plausibility finding."""
    found = []
    for submission in report["submissions"]:
        relative = os.path.relpath(submission["file"], out)
        for finding in submission["findings"]:
            if finding["rule"] in RULES:
                found.append((relative, finding["rule"], finding["message"]))
    return found


def judged_by(report, out, rule):
    """The files (relative to out) the rule judged: not listed as skipped."""
    judged = set()
    for submission in report["submissions"]:
        skipped = {s["rule"] for s in submission.get("skipped_rules", [])}
        if rule not in skipped:
            judged.add(os.path.relpath(submission["file"], out))
    return judged


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lmacheck", default=os.path.join(ROOT, "build", "bin", "lmacheck"))
    parser.add_argument("--institutions", type=int, default=300)
    parser.add_argument("--municipalities", type=int, default=350)
    parser.add_argument("--years", type=int, nargs="+", default=[2018, 2019])
    parser.add_argument("--outliers", type=float, default=0.03)
    parser.add_argument("--jumps", type=float, default=0.03)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", help="directory for the batches (default: a temporary one)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as scratch:
        work = args.work or scratch
        planted_dir, clean_dir = os.path.join(work, "planted"), os.path.join(work, "unplanted")
        generate(planted_dir, args, True)
        generate(clean_dir, args, False)
        with open(os.path.join(planted_dir, "plausibility.json"), encoding="utf-8") as fh:
            planted = json.load(fh)["planted"]

        found_in_planted = plausibility_findings(validate(planted_dir, args), planted_dir)
        clean_report = validate(clean_dir, args)
        found_in_clean = plausibility_findings(clean_report, clean_dir)

    print("batch: %d institutions, %d municipalities, years %s, seed %d"
          % (args.institutions, args.municipalities, " ".join(map(str, args.years)), args.seed))
    for rule in RULES:
        mine = [p for p in planted if p["rule"] == rule]
        hit = [p for p in mine if any(f == p["file"] and r == rule and m.startswith(p["indicator"] + " ")
                                      for f, r, m in found_in_planted)]
        print("%-22s found %d of %d planted" % (rule, len(hit), len(mine)))
        for p in mine:
            if p not in hit:
                print("  missed: %s (%s)" % (p["file"], p["kind"]))
    planted_files = {p["file"] for p in planted}
    extra = sorted({f for f, _, _ in found_in_planted if f not in planted_files})
    print("planted batch: %d other submitter(s) flagged" % len(extra))
    judged_any = set()
    for rule in RULES:
        judged = judged_by(clean_report, clean_dir, rule)
        judged_any |= judged
        flagged = {f for f, r, _ in found_in_clean if r == rule}
        print("unplanted batch, %-22s %d of %d judged submissions flagged (%.1f %%, %d findings)"
              % (rule + ":", len(flagged), len(judged), 100.0 * len(flagged) / max(1, len(judged)),
                 sum(1 for _, r, _ in found_in_clean if r == rule)))
    flagged_any = {f for f, _, _ in found_in_clean}
    print("unplanted batch, any plausibility rule: %d of %d judged submissions flagged (%.1f %%)"
          % (len(flagged_any), len(judged_any), 100.0 * len(flagged_any) / max(1, len(judged_any))))
    for f, r, m in sorted(found_in_clean):
        print("  %s [%s] %s" % (f, r, m))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
