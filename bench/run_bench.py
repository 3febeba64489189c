#!/usr/bin/env python3
"""The benchmark behind scripts/bench.sh (see docs/performance.md).

In one run, on the same files:
  1. a national batch (several years of every institution and municipality,
     made by tools/generate-batch.py) validated by lmacheck end to end with
     --jobs 1 and --jobs <cores>;
  2. two floors on the same bytes: bench/parse_floor (read and parse with
     nlohmann/json, nothing else) and bench/simdjson_floor (read, SHA-256
     with OpenSSL EVP, parse into simdjson's DOM);
  3. peers on the schema layer, with lmacheck's own schemas: ajv (Node) and
     python3-jsonschema (Debian's /usr/bin/python3);
then the ratios against the targets of issue 15 (CPU time, --jobs 1), each
with PASS or MISS; scaling over files (one year against the batch); peak
memory of a 20-year batch against one year; cold start (one file, process
start to exit) and --jobs <cores> against --jobs 1; scaling within a file
(one institution with 100, 1,000 and 10,000 locations).

The runners of a comparison are interleaved: each round runs every command
once (after one unmeasured warm-up round), so a change in the machine's load
hits all of them alike; wall and CPU time are the medians over the rounds
(--repeat, 7; the slow python3-jsonschema peer runs --python-repeat times, 3),
the minima are kept too. Every time is the whole process, start to exit, so
every tool pays for its own start-up, schema loading and file reading. CPU
time is user + system from wait4(), less what GNU time itself costs
(measured at the start). Peak memory is the process's maximum resident set
(GNU time's %M). The machine's load average is printed at the start and end
of each measured section. Results are printed and written as JSON.

With --instructions only the instruction count is taken: callgrind over
`lmacheck validate --jobs 1` of one national year (fixed seed), instructions
per file and in total, a figure that does not move with the machine's load.
It needs valgrind, not the peers, and is merged into the results JSON.
"""
import argparse
import contextlib
import copy
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GNU_TIME = "/usr/bin/time"  # Debian package "time"
MIB = 2**20

# CPU seconds GNU time itself costs (its exec and start-up), measured once by
# calibrate_wrapper() and taken off every wrapped run's CPU time.
wrapper_cpu_seconds = 0.0


def run_once(command, with_peak=True):
    """One run: wall seconds, CPU seconds (user + system of the process and
    its children, from wait4: microseconds, not the 10 ms of GNU time's %U),
    peak RSS (KiB) and stdout. The peak comes from GNU time (%M): the rusage
    of a child forked from this Python process would count the interpreter's
    pages the child had before exec. Without `with_peak` the program runs
    directly (cold start: not even time's exec)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile(mode="r") as peak:
        wrapper = [GNU_TIME, "-f", "%M", "-o", peak.name] if with_peak else []
        start = time.perf_counter()
        process = subprocess.Popen(wrapper + command, cwd=ROOT, stdout=out, stderr=err)
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        text, errors = out.read().decode(errors="replace"), err.read().decode(errors="replace")
        rss = peak.read().strip().splitlines()
    if process.returncode not in (0, 1):  # lmacheck: 1 is "some submission rejected", a result
        sys.exit("bench: %s exited %d\n%s" % (" ".join(command), process.returncode, errors[-2000:]))
    cpu = usage.ru_utime + usage.ru_stime - (wrapper_cpu_seconds if with_peak else 0.0)
    result = {"seconds": seconds, "cpu_seconds": max(cpu, 0.0), "stdout": text}
    if with_peak and rss:
        result["peak_rss_kib"] = int(rss[-1].split()[0])
    return result


def calibrate_wrapper(runs=21):
    """What GNU time adds to a run's CPU time: /bin/true under time against
    /bin/true alone (medians)."""
    global wrapper_cpu_seconds
    wrapped = statistics.median(run_once(["/bin/true"])["cpu_seconds"] for _ in range(runs))
    alone = statistics.median(run_once(["/bin/true"], False)["cpu_seconds"] for _ in range(runs))
    wrapper_cpu_seconds = max(wrapped - alone, 0.0)
    return round(wrapper_cpu_seconds, 6)


def summarize(runs):
    """Medians and minima of wall and CPU time, the largest peak."""
    walls = [r["seconds"] for r in runs]
    cpus = [r["cpu_seconds"] for r in runs]
    summary = {"runs": len(runs), "seconds": round(statistics.median(walls), 6), "min_seconds": round(min(walls), 6),
               "cpu_seconds": round(statistics.median(cpus), 6), "min_cpu_seconds": round(min(cpus), 6)}
    peaks = [r["peak_rss_kib"] for r in runs if "peak_rss_kib" in r]
    if peaks:
        summary["peak_rss_kib"] = max(peaks)
    return summary


def measure_interleaved(commands, warm_up=True):
    """commands: name -> (command, runs). Round robin: every round runs each
    command once, in the given order, until each has had its runs; one
    unmeasured round first (files in the page cache, binaries loaded).
    Returns name -> summary, and name -> the last run's stdout."""
    if warm_up:
        for command, _runs in commands.values():
            run_once(command)
    runs = {name: [] for name in commands}
    for round_number in range(max(count for _command, count in commands.values())):
        for name, (command, count) in commands.items():
            if round_number < count:
                runs[name].append(run_once(command))
    return ({name: summarize(done) for name, done in runs.items()},
            {name: done[-1]["stdout"] for name, done in runs.items()})


def measure(command, repeat):
    """One command, `repeat` runs: its summary and the last run's stdout."""
    summaries, outputs = measure_interleaved({"command": (command, repeat)}, warm_up=False)
    return summaries["command"], outputs["command"]


def load_average():
    return [round(x, 2) for x in os.getloadavg()]


@contextlib.contextmanager
def section(title, record):
    """Prints the title and the machine's load average (1, 5, 15 minutes) at
    the start and the end of a measured section, and keeps both in `record`."""
    record["load_average"] = {"start": load_average()}
    print("%s  [load average %s]" % (title, " ".join("%.2f" % x for x in record["load_average"]["start"])),
          flush=True)
    yield record
    record["load_average"]["end"] = load_average()
    print("  [load average at the end %s]" % " ".join("%.2f" % x for x in record["load_average"]["end"]), flush=True)


def check(name, value, target, comparison, note=""):
    """A ratio against its target: the printed line and a record."""
    if value is None or target is None:
        verdict = "-"
    else:
        verdict = "PASS" if (value <= target if comparison == "<=" else value >= target) else "MISS"
    target_text = "target %s %s" % (comparison, target) if target is not None else "(no target)"
    print("  %-52s %9s   %-17s %s%s" % (name, "n/a" if value is None else value, target_text, verdict,
                                         "  " + note if note else ""), flush=True)
    return {"value": value, "target": "%s %s" % (comparison, target) if target is not None else None,
            "verdict": verdict}


def tree_size(directory):
    files = size = 0
    for root, _dirs, names in os.walk(directory):
        for name in names:
            if name.endswith(".json"):
                files += 1
                size += os.path.getsize(os.path.join(root, name))
    return files, size


def machine():
    model = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {"cpu": model, "cores": os.cpu_count(), "system": platform.platform()}


def tool_versions(node, python):
    versions = {}
    try:
        with open(os.path.join(ROOT, "bench/ajv/node_modules/ajv/package.json")) as f:
            versions["ajv"] = json.load(f)["version"]
        versions["node"] = subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip()
    except (OSError, KeyError):
        pass
    versions["jsonschema"] = subprocess.run(
        [python, "-c", "import importlib.metadata as m; print(m.version('jsonschema'))"],
        capture_output=True, text=True).stdout.strip()
    return versions


# ---------------------------------------------------------------------------
# Inputs

def year_list(text):
    """"2015-2020" or "2015,2017" -> the years."""
    years = []
    for part in text.split(","):
        first, _, last = part.partition("-")
        years.extend(range(int(first), int(last or first) + 1))
    return years


def generate_batch(out_dir, years, args):
    """The batch's year directories (OUT/YEAR) and its data directory (OUT/data:
    the repository's schemas and rules with the generated country's reference list)."""
    command = [sys.executable, os.path.join(ROOT, "tools/generate-batch.py"), out_dir,
               "--years"] + [str(y) for y in years] + [
               "--institutions", str(args.institutions), "--municipalities", str(args.municipalities),
               "--locations-max", str(args.locations_max), "--seed", str(args.seed)]
    done = subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        sys.exit("bench: tools/generate-batch.py failed\n%s" % done.stderr[-2000:])
    return [os.path.join(out_dir, str(y)) for y in years], os.path.join(out_dir, "data")


def files_in(directories):
    files = size = 0
    for directory in directories:
        n, b = tree_size(directory)
        files, size = files + n, size + b
    return files, size


def scaled_institution(locations):
    """The valid 2019 sample with `locations` locations, one zvw capacity record
    each and totals to match: a valid submission that grows in one dimension."""
    with open(os.path.join(ROOT, "samples/valid/institution-2019.json")) as f:
        document = json.load(f)
    template = document["locations"][0]
    codes = [(loc["municipality_code"], loc["province"]) for loc in document["locations"]]
    document["locations"] = []
    document["capacity"] = []
    for i in range(locations):
        location = copy.deepcopy(template)
        location["location_id"] = "L%05d" % i
        location["name"] = "Locatie %d" % i
        location["municipality_code"], location["province"] = codes[i % len(codes)]
        document["locations"].append(location)
        document["capacity"].append({"location_id": location["location_id"], "financing": "zvw",
                                     "beds_year_end": 10, "bed_days": 2920, "places": 8.0, "clients": 20})
    document["capacity_totals"] = {"zvw": {"beds_year_end": 10 * locations, "bed_days": 2920 * locations,
                                           "places": 8.0 * locations, "clients": 20 * locations}}
    document["clients"]["clinical"] = 20 * locations
    document["clients"]["total"] = document["clients"]["ambulatory_only"] + 20 * locations
    document.pop("explanations", None)
    return document


# ---------------------------------------------------------------------------
# Report

def ratio(numerator, denominator):
    return round(numerator / denominator, 3) if denominator else None


def validate_command(lmacheck, data_dir, jobs):
    return [lmacheck, "validate", "--format", "json", "--output", os.devnull, "--data-dir", data_dir,
            "--jobs", str(jobs)]


def expression_overhead(args, tools, data_dir, batch, work, results):
    """The batch under the shipped rule set, with and without the expression
    rules of the parity test (tests/data/parity-expressions.json), --jobs 1,
    interleaved so that other load on the machine hits both (issue 13's
    target: at most 1.25x)."""
    plain = os.path.join(data_dir, "rules", "lma-v1.json")
    with open(plain) as f:
        rule_set = json.load(f)
    with open(os.path.join(ROOT, "tests", "data", "parity-expressions.json")) as f:
        rule_set["expressions"] = json.load(f)
    extended = os.path.join(work, "lma-v1-with-expressions.json")
    with open(extended, "w") as f:
        json.dump(rule_set, f)
    commands = {name: (validate_command(tools["lmacheck"], data_dir, 1) + ["--ruleset", ruleset] + batch, args.repeat)
                for name, ruleset in (("without", plain), ("with", extended))}
    record = {"expression_rules": len(rule_set["expressions"]), "runs_each": args.repeat}
    with section("expression rules: %d parity rules on the batch, --jobs 1" % record["expression_rules"], record):
        timings, _ = measure_interleaved(commands)
        for name, t in timings.items():
            record[name] = {"cpu_seconds": t["cpu_seconds"], "seconds": t["seconds"], "min_seconds": t["min_seconds"]}
        record["cpu_ratio"] = check("with / without expression rules, CPU",
                                    ratio(timings["with"]["cpu_seconds"], timings["without"]["cpu_seconds"]), 1.25,
                                    "<=", "(wall: %s)" % ratio(timings["with"]["seconds"], timings["without"]["seconds"]))
    results["expression_rules"] = record


def print_timing(name, t, size):
    print("  %-30s %8.3f s wall (min %.3f) %8.3f s cpu (min %.3f)  %7.1f MiB/s  peak %6.1f MiB  %d runs" % (
        name, t["seconds"], t["min_seconds"], t["cpu_seconds"], t["min_cpu_seconds"], size / MIB / t["seconds"],
        t.get("peak_rss_kib", 0) / 1024, t["runs"]), flush=True)


def batch_comparison(args, tools, batch, data_dir, schemas, results):
    """lmacheck, the floors and the peers on the national batch, interleaved;
    the ratios against issue 15's targets."""
    cores = os.cpu_count() or 1
    files, size = files_in(batch)
    record = {"files": files, "bytes": size, "years": args.years}
    results["batch"] = record
    one_name, all_name = "lmacheck --jobs 1", "lmacheck --jobs %d" % cores
    nlohmann_name, simdjson_name = "floor: nlohmann/json", "floor: read+sha256+simdjson"
    commands = {
        one_name: (validate_command(tools["lmacheck"], data_dir, 1) + batch, args.repeat),
        all_name: (validate_command(tools["lmacheck"], data_dir, cores) + batch, args.repeat),
        nlohmann_name: ([tools["parse_floor"]] + batch, args.repeat),
        simdjson_name: ([tools["simdjson_floor"]] + batch, args.repeat),
    }
    python_runs = min(args.python_repeat, args.repeat)
    if not args.skip_peers:
        commands["ajv"] = ([args.node, os.path.join(ROOT, "bench/ajv/validate.js"), schemas] + batch, args.repeat)
        commands["python3-jsonschema"] = ([args.python, os.path.join(ROOT, "bench/jsonschema_runner.py"),
                                           schemas] + batch, python_runs)
    title = "batch: %d files, %.1f MiB (%s); interleaved, medians of %d runs%s" % (
        files, size / MIB, args.years, args.repeat,
        "" if args.skip_peers else " (python3-jsonschema: %d, --python-repeat)" % python_runs)
    with section(title, record):
        timings, outputs = measure_interleaved(commands)
        for name, t in timings.items():
            if not name.startswith("lmacheck"):
                t["own_report"] = json.loads(outputs[name].strip().splitlines()[-1])
            print_timing(name, t, size)
    record["timings"] = timings
    verdict_command = [tools["lmacheck"], "validate", "--format", "json", "--data-dir", data_dir,
                       "--jobs", str(cores)] + batch
    summary = json.loads(run_once(verdict_command)["stdout"])["summary"]
    record["lmacheck_summary"] = summary
    print("  lmacheck's verdict: %s" % json.dumps(summary), flush=True)

    one = timings[one_name]
    print("ratios (CPU time, lmacheck --jobs 1; targets of issue 15):")
    checks = {
        "lmacheck_cpu_over_nlohmann_floor": check(
            "lmacheck CPU / nlohmann parse floor CPU", ratio(one["cpu_seconds"], timings[nlohmann_name]["cpu_seconds"]),
            1.0, "<="),
        "lmacheck_cpu_over_simdjson_floor": check(
            "lmacheck CPU / simdjson floor CPU", ratio(one["cpu_seconds"], timings[simdjson_name]["cpu_seconds"]),
            None, ""),
    }
    if not args.skip_peers:
        checks["ajv_cpu_over_lmacheck"] = check(
            "ajv CPU / lmacheck CPU", ratio(timings["ajv"]["cpu_seconds"], one["cpu_seconds"]), 3.5, ">=",
            "(wall: %s)" % ratio(timings["ajv"]["seconds"], one["seconds"]))
        checks["jsonschema_cpu_over_lmacheck"] = check(
            "python3-jsonschema CPU / lmacheck CPU",
            ratio(timings["python3-jsonschema"]["cpu_seconds"], one["cpu_seconds"]), 20, ">=",
            "(wall: %s)" % ratio(timings["python3-jsonschema"]["seconds"], one["seconds"]))
    note = "" if cores == 2 else "(the target is for a 2-core machine; this one has %d)" % cores
    checks["jobs_all_wall_over_jobs_1"] = check(
        "lmacheck --jobs %d wall / --jobs 1 wall" % cores, ratio(timings[all_name]["seconds"], one["seconds"]),
        0.6, "<=", note)
    results["targets"] = checks


def file_scaling(args, tools, batch, data_dir, results):
    """One year of the batch against all of it: each file should cost the same
    whatever the batch's size; a step that compares every file with every
    other (a duplicate check done pair by pair) shows up as a higher cost per
    file in the larger run."""
    record = {}
    results["file_scaling"] = record
    with section("file scaling, cost per file (1 = linear; interleaved, medians of %d runs)" % args.repeat, record):
        directories = {"one year": [batch[0]], "batch": batch}
        timings, _ = measure_interleaved({name: (validate_command(tools["lmacheck"], data_dir, 1) + dirs, args.repeat)
                                          for name, dirs in directories.items()})
        per_file = []
        for name, dirs in directories.items():
            n = files_in(dirs)[0]
            t = timings[name]
            per_file.append({"files": n, "cpu_seconds": t["cpu_seconds"], "min_seconds": t["min_seconds"],
                             "cpu_ms_per_file": round(1000 * t["cpu_seconds"] / n, 4),
                             "min_wall_ms_per_file": round(1000 * t["min_seconds"] / n, 4)})
        record["runs"] = per_file
        record["per_file_cpu_growth"] = ratio(per_file[1]["cpu_ms_per_file"], per_file[0]["cpu_ms_per_file"])
        record["per_file_min_wall_growth"] = ratio(per_file[1]["min_wall_ms_per_file"],
                                                   per_file[0]["min_wall_ms_per_file"])
        print("  %d files -> %d files: CPU per file x%s, fastest wall per file x%s" % (
            per_file[0]["files"], per_file[1]["files"], record["per_file_cpu_growth"],
            record["per_file_min_wall_growth"]), flush=True)


def memory_growth(args, tools, work, results):
    """Peak memory of a many-year batch against one of its years: what the
    run keeps across files (the level-3 facts) must not grow with the batch
    beyond the target."""
    years = year_list(args.memory_years)
    one_year = args.memory_one_year if args.memory_one_year in years else years[-1]
    batch, data_dir = generate_batch(os.path.join(work, "memory"), years, args)
    record = {"years": args.memory_years, "one_year": one_year}
    results["memory"] = record
    single = [os.path.join(work, "memory", str(one_year))]
    names = {"1 year (%d)" % one_year: single, "%d years (%s)" % (len(years), args.memory_years): batch}
    with section("peak memory, %d years against one (interleaved, %d runs each)" % (len(years), args.memory_runs),
                 record):
        timings, _ = measure_interleaved({name: (validate_command(tools["lmacheck"], data_dir, 1) + dirs,
                                                 args.memory_runs) for name, dirs in names.items()}, warm_up=False)
        for name, dirs in names.items():
            files, size = files_in(dirs)
            timings[name].update({"files": files, "bytes": size})
            print("  %-30s %6d files %7.1f MiB   peak %6.1f MiB   %.3f s cpu" % (
                name, files, size / MIB, timings[name]["peak_rss_kib"] / 1024, timings[name]["cpu_seconds"]),
                flush=True)
        one_peak, all_peak = (timings[name]["peak_rss_kib"] / 1024 for name in names)
        record["timings"] = timings
        record.update({"one_year_peak_mib": round(one_peak, 1), "years_peak_mib": round(all_peak, 1),
                       "difference_mib": round(all_peak - one_peak, 1)})
        print("  peak: %d years %.1f MiB, 1 year %.1f MiB, difference %.1f MiB" % (
            len(years), all_peak, one_peak, all_peak - one_peak), flush=True)
        results.setdefault("targets", {})["memory_years_minus_one_year_mib"] = check(
            "peak, %d years - 1 year (MiB)" % len(years), record["difference_mib"], 20, "<=")


def cold_start(args, tools, results):
    """One file, process start to exit, plugins and schemas included; run
    directly (no GNU time in between)."""
    record = {}
    results["cold_start"] = record
    sample = os.path.join(ROOT, "samples/valid/institution-2019.json")
    command = [tools["lmacheck"], "validate", "--format", "json", "--output", os.devnull, sample]
    with section("cold start (one file, %d runs)" % args.cold_runs, record):
        runs = [run_once(command, False) for _ in range(args.cold_runs)]
        walls = [r["seconds"] for r in runs]
        record.update({"runs": len(runs), "median_ms": round(1000 * statistics.median(walls), 3),
                       "min_ms": round(1000 * min(walls), 3),
                       "cpu_median_ms": round(1000 * statistics.median(r["cpu_seconds"] for r in runs), 3)})
        print("  median %.2f ms wall (min %.2f), CPU median %.2f ms" % (
            record["median_ms"], record["min_ms"], record["cpu_median_ms"]), flush=True)
        results.setdefault("targets", {})["cold_start_median_ms"] = check(
            "cold start, median (ms)", record["median_ms"], 3, "<=")


def location_scaling(args, tools, work, results):
    """One institution, more and more locations: time and peak memory."""
    scaling = []
    record = {}
    results["scaling"] = scaling
    results["scaling_load_average"] = record
    with section("scaling within a file: one institution, %s locations" % args.scaling, record):
        for n in [int(x) for x in args.scaling.split(",")]:
            path = os.path.join(work, "scaled-%d.json" % n)
            with open(path, "w") as f:
                json.dump(scaled_institution(n), f, indent=2)
            t, out = measure([tools["lmacheck"], "validate", "--format", "json", path], max(args.repeat, 5))
            status = json.loads(out)["submissions"][0]["status"]
            scaling.append({"locations": n, "bytes": os.path.getsize(path), "seconds": t["seconds"],
                            "min_seconds": t["min_seconds"], "cpu_seconds": t["cpu_seconds"],
                            "peak_rss_kib": t["peak_rss_kib"], "status": status})
            print("  %6d locations  %8.1f KiB  %7.3f s wall %7.3f s cpu  peak %6.1f MiB  %s" % (
                n, os.path.getsize(path) / 1024, t["seconds"], t["cpu_seconds"], t["peak_rss_kib"] / 1024, status),
                flush=True)
    for before, after in zip(scaling, scaling[1:]):
        after["time_growth"] = ratio(after["seconds"], before["seconds"])
        after["memory_growth"] = ratio(after["peak_rss_kib"], before["peak_rss_kib"])
        after["size_growth"] = ratio(after["bytes"], before["bytes"])
    # Linear growth shows in the increments: what each step adds over the
    # previous, against what the previous step added (fixed start-up cost
    # cancels out). Fastest runs: the least disturbed by other load.
    for a, b, c in zip(scaling, scaling[1:], scaling[2:]):
        c["time_increment_growth"] = ratio(c["min_seconds"] - b["min_seconds"], b["min_seconds"] - a["min_seconds"])
        c["memory_increment_growth"] = ratio(c["peak_rss_kib"] - b["peak_rss_kib"],
                                             b["peak_rss_kib"] - a["peak_rss_kib"])
    print("scaling growth (each step):")
    for step in scaling[1:]:
        print("  %6d: time x%s, memory x%s, size x%s; increments: time x%s, memory x%s" % (
            step["locations"], step["time_growth"], step["memory_growth"], step["size_growth"],
            step.get("time_increment_growth", "-"), step.get("memory_increment_growth", "-")))


def callgrind_total(path):
    """Total instructions (Ir) of a callgrind output file: its "totals:" line
    (or "summary:", which older valgrinds write instead)."""
    totals = None
    with open(path) as f:
        for line in f:
            match = re.match(r"(totals|summary):\s+(\d+)", line)
            if match:
                totals = int(match.group(2))
    if totals is None:
        sys.exit("bench: no instruction total in %s" % path)
    return totals


def instructions(args, tools, work, results):
    """Instructions per file of `lmacheck validate --jobs 1` over one national
    year (fixed seed), counted by callgrind: exact and the same on a busy
    machine, so later changes can be compared figure for figure."""
    year = args.instructions_year
    batch, data_dir = generate_batch(os.path.join(work, "instructions"), [year], args)
    files, size = files_in(batch)
    out_file = os.path.join(work, "callgrind.out")
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out_file,
               ] + validate_command(tools["lmacheck"], data_dir, 1) + batch
    record = {"lmacheck": tools["lmacheck"], "year": year, "seed": args.seed, "files": files, "bytes": size,
              "valgrind": subprocess.run(["valgrind", "--version"], capture_output=True, text=True).stdout.strip()}
    results["instructions"] = record
    with section("instructions (callgrind, lmacheck validate --jobs 1, %d: %d files, %.1f MiB, seed %d)" % (
            year, files, size / MIB, args.seed), record):
        run_once(command, False)
        total = callgrind_total(out_file)
        record.update({"total": total, "per_file": round(total / files)})
        print("  %d instructions per file, %d in total (%.1f million)" % (total / files, total, total / 1e6),
              flush=True)


def write_results(path, results, merge):
    """Writes the results JSON; with `merge`, into the figures already there."""
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    if merge and os.path.exists(path):
        with open(path) as f:
            earlier = json.load(f)
        earlier.update(results)
        results = earlier
    with open(path, "w") as f:
        json.dump(results, f, indent=2)
        f.write("\n")
    print("results: %s" % path)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build-dir", default=os.path.join(ROOT, "build-bench"),
                        help="where bin/parse_floor and bin/simdjson_floor are (and bin/lmacheck by default)")
    parser.add_argument("--lmacheck", help="the lmacheck to measure (default: BUILD_DIR/bin/lmacheck); "
                                           "it finds its plugins and data beside itself")
    parser.add_argument("--output", default=os.path.join(ROOT, "build-bench", "bench-results.json"))
    parser.add_argument("--years", default="2015-2020", help="the national batch (default 2015-2020)")
    parser.add_argument("--institutions", type=int, default=300)
    parser.add_argument("--municipalities", type=int, default=350)
    parser.add_argument("--locations-max", type=int, default=40)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--repeat", type=int, default=7, help="runs of each command, interleaved (default 7)")
    parser.add_argument("--python-repeat", type=int, default=3,
                        help="runs of the slow python3-jsonschema peer (default 3; at most --repeat)")
    parser.add_argument("--cold-runs", type=int, default=50)
    parser.add_argument("--scaling", default="100,1000,10000")
    parser.add_argument("--memory-years", default="2008-2027",
                        help="the many-year batch for peak memory (default 2008-2027: 20 years, the "
                             "generator's years are 2008-2035)")
    parser.add_argument("--memory-one-year", type=int, default=2020,
                        help="the year compared with it (default 2020; the last year if not in --memory-years)")
    parser.add_argument("--memory-runs", type=int, default=3)
    parser.add_argument("--instructions", action="store_true",
                        help="only the callgrind instruction count of one national year (needs valgrind, "
                             "not the peers); merged into --output")
    parser.add_argument("--instructions-year", type=int, default=2020)
    parser.add_argument("--node", default=shutil.which("node") or "node")
    parser.add_argument("--python", default="/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable,
                        help="the interpreter with python3-jsonschema (default Debian's /usr/bin/python3)")
    parser.add_argument("--skip-peers", action="store_true", help="lmacheck and the floors only")
    parser.add_argument("--expressions-only", action="store_true",
                        help="only the cost of the parity test's expression rules on the batch (issue 13)")
    args = parser.parse_args()
    if args.repeat < 1 or args.python_repeat < 1 or args.cold_runs < 1 or args.memory_runs < 1:
        parser.error("--repeat, --python-repeat, --cold-runs and --memory-runs must be at least 1")

    tools = {"lmacheck": os.path.abspath(args.lmacheck or os.path.join(args.build_dir, "bin/lmacheck")),
             "parse_floor": os.path.abspath(os.path.join(args.build_dir, "bin/parse_floor")),
             "simdjson_floor": os.path.abspath(os.path.join(args.build_dir, "bin/simdjson_floor"))}
    needed = ["lmacheck"] if args.instructions or args.expressions_only else list(tools)
    missing = [tools[name] for name in needed if not os.access(tools[name], os.X_OK)]
    if missing:
        sys.exit("bench: not built: %s" % ", ".join(missing))
    ajv_installed = os.path.isdir(os.path.join(ROOT, "bench/ajv/node_modules/ajv"))
    if not (args.instructions or args.expressions_only) and not args.skip_peers and not ajv_installed:
        sys.exit("bench: ajv is not installed: (cd bench/ajv && npm ci), or pass --skip-peers")
    results = {"machine": machine(), "lmacheck": tools["lmacheck"]}
    print("lmacheck: %s" % tools["lmacheck"], flush=True)

    work = tempfile.mkdtemp(prefix="lmacheck-bench-")
    try:
        if args.instructions:
            if not shutil.which("valgrind"):
                sys.exit("bench: --instructions needs valgrind (scripts/setup-debian.sh --bench)")
            instructions(args, tools, work, results)
            write_results(args.output, {"instructions": results["instructions"]}, merge=True)
            return
        results["versions"] = tool_versions(args.node, args.python)
        results["gnu_time_cpu_seconds"] = calibrate_wrapper()
        batch, data_dir = generate_batch(os.path.join(work, "batch"), year_list(args.years), args)
        if args.expressions_only:
            expression_overhead(args, tools, data_dir, batch, work, results)
            write_results(args.output, {"expression_rules": results["expression_rules"]}, merge=True)
            return
        batch_comparison(args, tools, batch, data_dir, os.path.join(ROOT, "schemas"), results)
        expression_overhead(args, tools, data_dir, batch, work, results)
        file_scaling(args, tools, batch, data_dir, results)
        memory_growth(args, tools, work, results)
        cold_start(args, tools, results)
        location_scaling(args, tools, work, results)
        print("targets:")
        for name, value in results["targets"].items():
            print("  %-40s %-4s  %s, target %s" % (name, value["verdict"], value["value"], value["target"] or "none"))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    write_results(args.output, results, merge=False)


if __name__ == "__main__":
    main()
