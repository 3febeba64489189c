#!/usr/bin/env python3
"""The benchmark behind scripts/bench.sh (see docs/performance.md).

In one run, on the same files:
  1. a national batch (several years of every institution and municipality,
     made by tools/generate-batch.py) validated by lmacheck end to end with
     --jobs 1 and --jobs <cores>;
  2. the floor: bench/parse_floor, reading and parsing the same bytes with
     nlohmann/json and nothing else;
  3. peers on the schema layer, with lmacheck's own schemas: ajv (Node) and
     python3-jsonschema;
then the ratios; cold start (one file, process start to exit); and scaling
(one institution with 100, 1,000 and 10,000 locations: time and peak memory).

Every time is wall-clock time of the whole process, start to exit, so every
tool pays for its own start-up, schema loading and file reading; the median of
--repeat runs (the slow Python peer runs once). Peak memory is the process's
maximum resident set (GNU time's %M). Results are printed and written as JSON.
"""
import argparse
import copy
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GNU_TIME = "/usr/bin/time"  # Debian package "time"


def measure(command, repeat):
    """The median over `repeat` runs of wall seconds, the mean of CPU seconds
    (user + system, which other load on the machine disturbs far less; the
    kernel counts it in clock ticks of 10 ms, so one run's figure is coarse
    and the mean of several is the finer estimate), the largest peak RSS,
    and the last run's stdout."""
    times, cpu, peaks, out = [], [], [], ""
    for _ in range(repeat):
        seconds, usage, out = run_peak(command)
        times.append(seconds)
        cpu.append(usage["cpu_seconds"])
        peaks.append(usage["peak_rss_kib"])
    return {"seconds": statistics.median(times), "cpu_seconds": round(statistics.mean(cpu), 4), "runs": len(times),
            "min_seconds": min(times), "peak_rss_kib": max(peaks)}, out


def run_peak(command, with_peak=True):
    """Wall seconds, peak RSS (KiB) and stdout of one run. The peak comes from
    GNU time (%M): a wait4() rusage of a child forked from this Python process
    would count the interpreter's pages the child had before exec. Without
    `with_peak` the program runs directly (cold start: not even time's exec)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile(mode="r") as peak:
        start = time.perf_counter()
        wrapper = [GNU_TIME, "-f", "%M %U %S", "-o", peak.name] if with_peak else []
        process = subprocess.run(wrapper + command, cwd=ROOT, stdout=out, stderr=err)
        seconds = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        text, errors = out.read().decode(errors="replace"), err.read().decode(errors="replace")
        rss = peak.read().strip().splitlines()
    if process.returncode not in (0, 1):  # lmacheck: 1 is "some submission rejected", a result
        sys.exit("bench: %s exited %d\n%s" % (" ".join(command), process.returncode, errors[-2000:]))
    fields = rss[-1].split() if rss else []
    usage = {"peak_rss_kib": int(fields[0]), "cpu_seconds": float(fields[1]) + float(fields[2])} if fields else {}
    return seconds, usage, text


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


def generate_batch(out_dir, args):
    """The batch's year directories (OUT/YEAR) and its data directory (OUT/data:
    the repository's schemas and rules with the generated country's reference list)."""
    years = year_list(args.years)
    command = [sys.executable, os.path.join(ROOT, "tools/generate-batch.py"), out_dir,
               "--years"] + [str(y) for y in years] + [
               "--institutions", str(args.institutions), "--municipalities", str(args.municipalities),
               "--locations-max", str(args.locations_max), "--seed", str(args.seed)]
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return [os.path.join(out_dir, str(y)) for y in years], os.path.join(out_dir, "data")


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


def expression_overhead(lmacheck, data_dir, batch, work, repeat):
    """The batch under the shipped rule set, with and without the expression
    rules of the parity test (tests/data/parity-expressions.json), --jobs 1,
    the two run alternately so that other load on the machine hits both."""
    plain = os.path.join(data_dir, "rules", "lma-v1.json")
    with open(plain) as f:
        rule_set = json.load(f)
    with open(os.path.join(ROOT, "tests", "data", "parity-expressions.json")) as f:
        rule_set["expressions"] = json.load(f)
    extended = os.path.join(work, "lma-v1-with-expressions.json")
    with open(extended, "w") as f:
        json.dump(rule_set, f)
    runs = {"without": [], "with": []}
    for _ in range(repeat):
        for name, ruleset in (("without", plain), ("with", extended)):
            t, _ = measure([lmacheck, "validate", "--format", "json", "--output", os.devnull, "--data-dir", data_dir,
                            "--jobs", "1", "--ruleset", ruleset] + batch, 1)
            runs[name].append(t)
    result = {"expression_rules": len(rule_set["expressions"]), "runs_each": repeat}
    for name, ts in runs.items():
        result[name] = {"cpu_seconds_median": round(statistics.median(t["cpu_seconds"] for t in ts), 4),
                        "wall_seconds_min": round(min(t["seconds"] for t in ts), 4)}
    result["cpu_ratio"] = ratio(result["with"]["cpu_seconds_median"], result["without"]["cpu_seconds_median"])
    result["min_wall_ratio"] = ratio(result["with"]["wall_seconds_min"], result["without"]["wall_seconds_min"])
    print("expression rules: %d parity rules on the batch, --jobs 1: CPU %.3f s -> %.3f s (x%s), fastest wall x%s "
          "(target <= 1.25)" % (result["expression_rules"], result["without"]["cpu_seconds_median"],
                                result["with"]["cpu_seconds_median"], result["cpu_ratio"], result["min_wall_ratio"]),
          flush=True)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build-dir", default=os.path.join(ROOT, "build-bench"))
    parser.add_argument("--output", default=os.path.join(ROOT, "build-bench", "bench-results.json"))
    parser.add_argument("--years", default="2015-2020")
    parser.add_argument("--institutions", type=int, default=300)
    parser.add_argument("--municipalities", type=int, default=350)
    parser.add_argument("--locations-max", type=int, default=40)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cold-runs", type=int, default=50)
    parser.add_argument("--scaling", default="100,1000,10000")
    parser.add_argument("--node", default=shutil.which("node") or "node")
    parser.add_argument("--python", default="/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable,
                        help="the interpreter with python3-jsonschema")
    parser.add_argument("--skip-peers", action="store_true", help="lmacheck and the floor only")
    parser.add_argument("--expressions-only", action="store_true",
                        help="only the cost of the parity test's expression rules on the batch")
    args = parser.parse_args()

    lmacheck = os.path.join(args.build_dir, "bin/lmacheck")
    floor = os.path.join(args.build_dir, "bin/parse_floor")
    schemas = os.path.join(ROOT, "schemas")
    cores = os.cpu_count() or 1
    results = {"machine": machine(), "versions": tool_versions(args.node, args.python)}

    work = tempfile.mkdtemp(prefix="lmacheck-bench-")
    try:
        batch, data_dir = generate_batch(os.path.join(work, "batch"), args)
        files = size = 0
        for year in batch:
            year_files, year_size = tree_size(year)
            files, size = files + year_files, size + year_size
        results["batch"] = {"files": files, "bytes": size, "years": args.years}
        print("batch: %d files, %.1f MiB (%s)" % (files, size / 2**20, args.years), flush=True)

        if args.expressions_only:
            results["expression_rules"] = expression_overhead(lmacheck, data_dir, batch, work, args.repeat)
            with open(args.output, "w") as f:
                json.dump(results, f, indent=2)
            return
        validate = [lmacheck, "validate", "--format", "json", "--output", os.devnull, "--data-dir", data_dir]
        commands = {
            "lmacheck --jobs 1": (validate + ["--jobs", "1"] + batch, args.repeat),
            "lmacheck --jobs %d" % cores: (validate + ["--jobs", str(cores)] + batch, args.repeat),
            "parse floor (nlohmann/json)": ([floor] + batch, args.repeat),
        }
        if not args.skip_peers:
            commands["ajv"] = ([args.node, os.path.join(ROOT, "bench/ajv/validate.js"), schemas] + batch, args.repeat)
            commands["python3-jsonschema"] = ([args.python, os.path.join(ROOT, "bench/jsonschema_runner.py"),
                                               schemas] + batch, 1)
        timings = {}
        for name, (command, repeat) in commands.items():
            timings[name], out = measure(command, repeat)
            if not name.startswith("lmacheck"):
                timings[name]["own_report"] = json.loads(out.strip().splitlines()[-1])
            t = timings[name]
            print("  %-30s %8.3f s wall %8.3f s cpu  %7.1f MiB/s  peak %6.1f MiB" % (
                name, t["seconds"], t["cpu_seconds"], size / 2**20 / t["seconds"], t["peak_rss_kib"] / 1024),
                flush=True)
        results["batch"]["timings"] = timings
        summary = json.loads(run_peak(validate[:4] + validate[6:] + ["--jobs", str(cores)] + batch)[2])["summary"]
        results["batch"]["lmacheck_summary"] = summary
        print("  lmacheck's verdict: %s" % json.dumps(summary), flush=True)

        floor_name, one_name, all_name = "parse floor (nlohmann/json)", "lmacheck --jobs 1", "lmacheck --jobs %d" % cores
        ratios = {}
        for clock in ("seconds", "cpu_seconds"):
            suffix = "" if clock == "seconds" else "_cpu"
            one = timings[one_name][clock]
            ratios["lmacheck_throughput_share_of_floor" + suffix] = ratio(timings[floor_name][clock], one)
            if clock == "seconds":  # with more jobs, CPU time adds up: only wall time tells
                ratios["lmacheck_jobs_all_throughput_share_of_floor"] = ratio(timings[floor_name][clock],
                                                                              timings[all_name][clock])
            if not args.skip_peers:
                ratios["ajv_time_over_lmacheck" + suffix] = ratio(timings["ajv"][clock], one)
                ratios["jsonschema_time_over_lmacheck" + suffix] = ratio(timings["python3-jsonschema"][clock], one)
        results["ratios"] = ratios
        results["expression_rules"] = expression_overhead(lmacheck, data_dir, batch, work, args.repeat)
        print("ratios (lmacheck --jobs 1 unless named; wall, and _cpu = user + system; targets: >= 0.5, >= 3, >= 30):")
        for name, value in ratios.items():
            print("  %-45s %s" % (name, value))

        # Scaling over files: one year of the batch against all of it. Each
        # file should cost the same whatever the batch's size; a step that
        # compares every file with every other (a duplicate check done pair
        # by pair) shows up as a higher cost per file in the larger run.
        one_year = [validate + ["--jobs", "1", batch[0]], validate + ["--jobs", "1"] + batch]
        per_file = []
        for command, directories in zip(one_year, ([batch[0]], batch)):
            t, _ = measure(command, args.repeat)
            n = sum(tree_size(d)[0] for d in directories)
            per_file.append({"files": n, "cpu_seconds": t["cpu_seconds"], "min_seconds": t["min_seconds"],
                             "cpu_ms_per_file": round(1000 * t["cpu_seconds"] / n, 4),
                             "min_wall_ms_per_file": round(1000 * t["min_seconds"] / n, 4)})
        # CPU time is coarse (clock ticks) for the short one-year run; the
        # fastest wall time is the other, least disturbed, view.
        results["file_scaling"] = {
            "runs": per_file,
            "per_file_cpu_growth": ratio(per_file[1]["cpu_ms_per_file"], per_file[0]["cpu_ms_per_file"]),
            "per_file_min_wall_growth": ratio(per_file[1]["min_wall_ms_per_file"], per_file[0]["min_wall_ms_per_file"]),
        }
        print("file scaling, cost per file (1 = linear): %d files -> %d files: CPU x%s, fastest wall x%s" % (
            per_file[0]["files"], per_file[1]["files"], results["file_scaling"]["per_file_cpu_growth"],
            results["file_scaling"]["per_file_min_wall_growth"]), flush=True)

        # Cold start: one file, process start to exit, plugins and schemas included.
        sample = os.path.join(ROOT, "samples/valid/institution-2019.json")
        cold = [run_peak([lmacheck, "validate", "--format", "json", "--output", os.devnull, sample], False)[0]
                for _ in range(args.cold_runs)]
        results["cold_start"] = {"runs": len(cold), "median_ms": round(1000 * statistics.median(cold), 2),
                                 "min_ms": round(1000 * min(cold), 2)}
        print("cold start (one file, %d runs): median %.1f ms, min %.1f ms (target < 15 ms)" % (
            len(cold), 1000 * statistics.median(cold), 1000 * min(cold)), flush=True)

        # Scaling: one institution, more and more locations.
        scaling = []
        for n in [int(x) for x in args.scaling.split(",")]:
            path = os.path.join(work, "scaled-%d.json" % n)
            with open(path, "w") as f:
                json.dump(scaled_institution(n), f, indent=2)
            t, out = measure([lmacheck, "validate", "--format", "json", path], max(args.repeat, 5))
            report = json.loads(out)
            scaling.append({"locations": n, "bytes": os.path.getsize(path), "seconds": t["seconds"],
                            "min_seconds": t["min_seconds"],
                            "cpu_seconds": t["cpu_seconds"], "peak_rss_kib": t["peak_rss_kib"],
                            "status": report["submissions"][0]["status"]})
            print("  %6d locations  %8.1f KiB  %7.3f s wall %7.3f s cpu  peak %6.1f MiB  %s" % (
                n, os.path.getsize(path) / 1024, t["seconds"], t["cpu_seconds"], t["peak_rss_kib"] / 1024,
                report["submissions"][0]["status"]), flush=True)
        for before, after in zip(scaling, scaling[1:]):
            after["time_growth"] = ratio(after["seconds"], before["seconds"])
            after["memory_growth"] = ratio(after["peak_rss_kib"], before["peak_rss_kib"])
            after["size_growth"] = ratio(after["bytes"], before["bytes"])
        # Linear growth shows in the increments: what each step adds over the
        # previous, against what the previous step added (fixed start-up cost
        # cancels out).
        for a, b, c in zip(scaling, scaling[1:], scaling[2:]):
            # Fastest runs: the least disturbed by other load (CPU time, at 10 ms
            # resolution, cannot resolve the small files).
            c["time_increment_growth"] = ratio(c["min_seconds"] - b["min_seconds"], b["min_seconds"] - a["min_seconds"])
            c["memory_increment_growth"] = ratio(c["peak_rss_kib"] - b["peak_rss_kib"],
                                                 b["peak_rss_kib"] - a["peak_rss_kib"])
        results["scaling"] = scaling
        print("scaling growth (x10 locations each step):")
        for step in scaling[1:]:
            print("  %6d: time x%s, memory x%s, size x%s; increments: time x%s, memory x%s" % (
                step["locations"], step["time_growth"], step["memory_growth"], step["size_growth"],
                step.get("time_increment_growth", "-"), step.get("memory_increment_growth", "-")))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
    with open(args.output, "w") as f:
        json.dump(results, f, indent=2)
        f.write("\n")
    print("results: %s" % args.output)


if __name__ == "__main__":
    main()
