#!/usr/bin/env python3
"""Times lmacheck on a generated national batch (docs/batch.md).

    python3 tools/time-batch.py [--lmacheck build/bin/lmacheck] [--years 2019]
        [--runs 7] [--jobs 1 2] [--keep DIR] [generator options...]

Generates a national batch with tools/generate-batch.py (default: the year
2019, 300 institutions, 350 municipalities; other options go to the
generator), times the generator, then runs `lmacheck validate --format json
--output /dev/null --jobs N` on the year directories --runs times for each N
and prints the minimum and median wall-clock time. A measurement, not
a test: it asserts nothing about speed. Python 3 standard library only.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def timed(argv):
    start = time.perf_counter()
    result = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit("%s failed (exit %d): %s" % (argv[0], result.returncode, result.stderr.decode(errors="replace")))
    return elapsed


def summary(times):
    return "min %.3f s, median %.3f s (%d runs)" % (min(times), statistics.median(times), len(times))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lmacheck", default=os.path.join(ROOT, "build", "bin", "lmacheck"))
    parser.add_argument("--years", nargs="+", default=["2019"])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--keep", help="write the batch here (and keep it) instead of a temporary directory")
    args, generator_options = parser.parse_known_args()

    with tempfile.TemporaryDirectory() as temp:
        out = args.keep or os.path.join(temp, "batch")
        generate = [sys.executable, os.path.join(ROOT, "tools", "generate-batch.py"), out, "--force",
                    "--years"] + args.years + generator_options
        generator_times = [timed(generate) for _ in range(3)]
        year_dirs = [os.path.join(out, year) for year in args.years]
        files = [os.path.join(d, f) for d in year_dirs for f in sorted(os.listdir(d))]
        size = sum(os.path.getsize(f) for f in files)
        print("batch: %d files, %.1f MB (%d institutions, %d municipalities)" % (
            len(files), size / 1e6, sum(os.path.basename(f).startswith("institution-") for f in files),
            sum(os.path.basename(f).startswith("municipality-") for f in files)))
        print("generator: " + summary(generator_times))
        for jobs in args.jobs:
            validate = [args.lmacheck, "validate", "--quiet", "--data-dir", os.path.join(out, "data"),
                        "--format", "json", "--output", "/dev/null", "--jobs", str(jobs)] + year_dirs
            timed(validate)  # warm the page cache
            print("validate --jobs %d: %s" % (jobs, summary([timed(validate) for _ in range(args.runs)])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
