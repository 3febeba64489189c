#!/usr/bin/env python3
"""Load-test client for `lmacheck serve` (Python 3 standard library only).

Sends VALIDATIONS validations and ACCEPTS accepts of a generated national
year from CLIENTS concurrent clients (one keep-alive connection each) to a
running server on loopback, then checks the store through the API: every
accepted submission is there exactly once, with the very bytes that were
sent. Prints throughput, p50/p99 latency and the server's peak memory
(VmHWM of its process), and writes them as JSON with --json.

It measures; it asserts nothing about time. Exit 0 when every request got the
expected answer and the store holds exactly what was accepted, 1 otherwise.
scripts/loadtest.sh starts the server and calls this.
"""

import argparse
import hashlib
import http.client
import json
import os
import random
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="http://127.0.0.1:PORT of the server")
    parser.add_argument("--pid", type=int, required=True, help="the server's process id (for VmHWM)")
    parser.add_argument("--token", required=True, help="a steward's token")
    parser.add_argument("--files", required=True, type=Path, help="directory of the year's submissions")
    parser.add_argument("--year", type=int, default=2019)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--validations", type=int, default=2000)
    parser.add_argument("--accepts", type=int, default=500)
    parser.add_argument("--repeats", type=int, default=25,
                        help="accepts that resend a file already in the accept list (same bytes: no new version)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per request before it counts as failed")
    parser.add_argument("--close", action="store_true",
                        help="a new connection per request (Connection: close) instead of keep-alive")
    parser.add_argument("--json", type=Path, help="write the figures to this file as well")
    return parser.parse_args()


def memory_kib(pid, field):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def multipart(name, data):
    boundary = "lmacheck-" + uuid.uuid4().hex
    head = (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            "Content-Type: application/json\r\n\r\n").encode()
    return f"multipart/form-data; boundary={boundary}", head + data + f"\r\n--{boundary}--\r\n".encode()


class Client:
    """One keep-alive connection; reconnects after the server closes it."""

    def __init__(self, host, port, timeout):
        self.host, self.port, self.timeout = host, port, timeout
        self.connection = None

    def request(self, method, path, body=None, headers=None):
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            try:
                self.connection.request(method, path, body=body, headers=headers or {})
                response = self.connection.getresponse()
                return response.status, response.read()
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                # a keep-alive connection the server closed between requests: once more, fresh
                self.connection.close()
                self.connection = None
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")


def percentile(values, fraction):
    ordered = sorted(values)
    if not ordered:
        return None
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def main():
    args = parse_arguments()
    host_port = args.url.removeprefix("http://").rstrip("/")
    host, port = host_port.rsplit(":", 1)
    args.repeats = min(args.repeats, args.accepts // 2)
    files = sorted(args.files.glob("*.json"))
    if len(files) < args.accepts - args.repeats:
        sys.exit(f"{args.files} has {len(files)} files; {args.accepts - args.repeats} distinct accepts need more")
    contents = {f.name: f.read_bytes() for f in files}
    auth = {"Authorization": "Bearer " + args.token}

    rng = random.Random(1)
    distinct = rng.sample(sorted(contents), args.accepts - args.repeats)
    accept_names = distinct + [rng.choice(distinct) for _ in range(args.repeats)]
    jobs = [("accept", name) for name in accept_names]
    jobs += [("validate", sorted(contents)[i % len(contents)]) for i in range(args.validations)]
    rng.shuffle(jobs)

    local = threading.local()
    lock = threading.Lock()
    latencies = {"validate": [], "accept": []}
    statuses = {}
    failures = []
    accepted = {}  # file name -> answered 201
    sent_bytes = [0]
    slowest = []  # (seconds, started at, kind, file): the slowest requests, to see where time went

    def client():
        if not hasattr(local, "client"):
            local.client = Client(host, int(port), args.timeout)
        return local.client

    def run(job_number, job):
        kind, name = job
        data = contents[name]
        if kind == "validate" and job_number % 2 == 0:
            path, content_type, body = f"/api/v1/validate?lang=nl", "application/json", data
        else:
            content_type, body = multipart(name, data)
            path = "/api/v1/validate?lang=nl" if kind == "validate" else "/api/v1/submissions?lang=nl"
        headers = {"Content-Type": content_type, **(auth if kind == "accept" else {})}
        if args.close:
            headers["Connection"] = "close"
        start = time.perf_counter()
        try:
            status, answer = client().request("POST", path, body, headers)
        except Exception as error:  # a failed request is a finding of the load test, not a crash of it
            with lock:
                failures.append(f"{kind} {name}: {error!r}")
            return
        elapsed = time.perf_counter() - start
        with lock:
            latencies[kind].append(elapsed)
            slowest.append((elapsed, start - wall_start, kind, name))
            statuses[(kind, status)] = statuses.get((kind, status), 0) + 1
            sent_bytes[0] += len(body)
            expected = (200,) if kind == "validate" else (201, 422)
            if status not in expected:
                failures.append(f"{kind} {name}: HTTP {status} {answer[:200]!r}")
            elif kind == "validate":
                report = json.loads(answer)
                if len(report.get("submissions", [])) != 1:
                    failures.append(f"validate {name}: report without exactly one submission")
            elif status == 201:
                accepted[name] = True
            else:
                failures.append(f"accept {name}: rejected (422) although the generated year is valid")

    rss_before = memory_kib(args.pid, "VmRSS")
    wall_start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.clients) as pool:
        list(pool.map(lambda item: run(*item), enumerate(jobs)))
    wall = time.perf_counter() - wall_start
    peak_kib = memory_kib(args.pid, "VmHWM")

    # The store, through the API: each accepted file once, byte for byte.
    checker = Client(host, int(port), args.timeout)
    store_problems = []
    status, answer = checker.request("GET", f"/api/v1/submissions?year={args.year}", headers=auth)
    listed = json.loads(answer).get("submissions", []) if status == 200 else []
    if status != 200:
        store_problems.append(f"GET /api/v1/submissions?year={args.year}: HTTP {status}")
    by_submitter = {}
    for item in listed:
        by_submitter.setdefault(item["submitter_id"], []).append(item)
    for name in sorted(accepted):
        document = json.loads(contents[name])
        submitter = document["submitter"].get("agb_code") or document["submitter"].get("municipality_code")
        entries = by_submitter.get(submitter, [])
        if len(entries) != 1:
            store_problems.append(f"{name}: {len(entries)} current entries for {submitter}")
            continue
        if entries[0].get("version") != 1:
            store_problems.append(f"{name}: current version is {entries[0].get('version')}, not 1 (a repeat stored again)")
        expected_sha = hashlib.sha256(contents[name]).hexdigest()
        if entries[0].get("sha256") != expected_sha:
            store_problems.append(f"{name}: listed sha256 differs")
        status, stored = checker.request("GET", f"/api/v1/submissions/{submitter}/{args.year}", headers=auth)
        if status != 200 or stored != contents[name]:
            store_problems.append(f"{name}: GET bytes: HTTP {status}, {'same' if stored == contents[name] else 'different'} bytes")
    extra = set(by_submitter) - {
        (json.loads(contents[n])["submitter"].get("agb_code") or json.loads(contents[n])["submitter"].get("municipality_code"))
        for n in accepted}
    if extra:
        store_problems.append(f"{len(extra)} submitters in the store that were never accepted: {sorted(extra)[:5]}")

    all_latencies = latencies["validate"] + latencies["accept"]
    figures = {
        "clients": args.clients,
        "keep_alive": not args.close,
        "requests": len(jobs),
        "validations": args.validations,
        "accepts": args.accepts,
        "distinct_accepted_files": len(accepted),
        "wall_s": round(wall, 2),
        "requests_per_s": round(len(all_latencies) / wall, 1),
        "upload_mib_per_s": round(sent_bytes[0] / wall / 2**20, 2),
        "validate_p50_ms": round(1000 * percentile(latencies["validate"], 0.50), 1) if latencies["validate"] else None,
        "validate_p99_ms": round(1000 * percentile(latencies["validate"], 0.99), 1) if latencies["validate"] else None,
        "accept_p50_ms": round(1000 * percentile(latencies["accept"], 0.50), 1) if latencies["accept"] else None,
        "accept_p99_ms": round(1000 * percentile(latencies["accept"], 0.99), 1) if latencies["accept"] else None,
        "server_rss_before_mib": round(rss_before / 1024, 1) if rss_before else None,
        "server_peak_rss_mib": round(peak_kib / 1024, 1) if peak_kib else None,
        "statuses": {f"{k} {s}": n for (k, s), n in sorted(statuses.items())},
        "request_failures": len(failures),
        "store_problems": len(store_problems),
    }
    print(json.dumps(figures, indent=2))
    for seconds, started, kind, name in sorted(slowest, reverse=True)[:5]:
        print(f"slow: {kind} {name} took {seconds:.2f} s (started {started:.2f} s into the run)")
    for line in (failures + store_problems)[:20]:
        print("PROBLEM", line)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    ok = not failures and not store_problems
    print("load test:", "OK (every accepted submission stored exactly once, same bytes)" if ok else "PROBLEMS (see above)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
