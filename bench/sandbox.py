#!/usr/bin/env python3
"""Benchmark the sandboxed executor next to plain launchers.

Runs `r1ci sandbox bench --json` (release build), which interleaves, round by
round, the sandbox (every layer on), a plain `python3 -S -I` subprocess per
program, and bubblewrap / firejail when installed (apt: bubblewrap firejail),
all with the same number of parallel workers. Writes bench/results/sandbox.json
and prints a Markdown table for bench/README.md.

    python3 bench/sandbox.py [--slots 2] [--requests 2000] [--baseline-requests 100] [--rounds 3]
"""
import argparse
import json
import os
import platform
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--slots", type=int, default=2)
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--baseline-requests", type=int, default=100)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "r1ci"))
    args = ap.parse_args()
    if not os.path.exists(args.binary):
        subprocess.run(["swift", "build", "-c", "release", "--product", "r1ci"], cwd=ROOT, check=True)
    load_before = os.getloadavg()
    t0 = time.time()
    out = subprocess.run([args.binary, "sandbox", "bench", "--json", "--slots", str(args.slots),
                          "--requests", str(args.requests), "--baseline-requests", str(args.baseline_requests),
                          "--rounds", str(args.rounds)], check=True, capture_output=True, text=True)
    rows = json.loads(out.stdout)
    report = {
        "date": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime()),
        "host": {"cores": os.cpu_count(), "kernel": platform.release(), "loadavg_before": load_before,
                 "loadavg_after": os.getloadavg()},
        "config": vars(args) | {"seconds": round(time.time() - t0, 1)},
        "rows": rows,
    }
    os.makedirs(os.path.join(ROOT, "bench", "results"), exist_ok=True)
    path = os.path.join(ROOT, "bench", "results", "sandbox.json")
    with open(path, "w") as f:
        json.dump(report, f, indent=2)
    plain = {r["program"]: r for r in rows if r["launcher"].startswith("python3")}
    print("| launcher | program | runs/s | p50 ms | p99 ms | × plain subprocess |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        base = plain.get(r["program"], {}).get("runs_per_s") or 0
        ratio = r["runs_per_s"] / base if base else float("nan")
        print(f"| {r['launcher']} | {r['program']} | {r['runs_per_s']:.0f} | {r['p50_ms']:.2f} | {r['p99_ms']:.2f} | {ratio:.1f} |")
    print(f"\nwritten to {path}; load average before/after {load_before[0]:.1f}/{report['host']['loadavg_after'][0]:.1f}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
