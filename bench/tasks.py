#!/usr/bin/env python3
"""Task generation and verification speed: R1CI beside Reasoning Gym.

Runs `r1ci tasks bench --json` and the same measurement on Reasoning Gym
(PyPI `reasoning-gym`, installed in a bench-only virtual environment, never a
project dependency) for every task id the two libraries share. Rounds are
interleaved (R1CI, then Reasoning Gym, then R1CI, ...) because this machine is
shared and noisy; each round is a fresh process; the table reports the median
over rounds of each side's per-item median.

    python3 -m venv /work/benchenv/rg && /work/benchenv/rg/bin/pip install reasoning-gym==0.1.25
    python3 bench/tasks.py --rg-python /work/benchenv/rg/bin/python [--count 300] [--rounds 5]

Writes bench/results/tasks.json and prints a Markdown table.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

# Measures one Reasoning Gym dataset per task: dataset construction once, then
# each item's generation (indexing builds the item) and the scoring of its own
# gold answer, timed one item at a time like `r1ci tasks bench`.
RG_WORKER = r"""
import json, sys, time, statistics
import reasoning_gym
names, count, seed = sys.argv[1].split(","), int(sys.argv[2]), int(sys.argv[3])
for name in names:
    t0 = time.perf_counter_ns()
    ds = reasoning_gym.create_dataset(name, size=count + 1, seed=seed)
    build_us = (time.perf_counter_ns() - t0) / 1e3
    ds[count]  # warm-up item, not timed
    gen, ver, wrong = [], [], 0
    for i in range(count):
        t0 = time.perf_counter_ns()
        item = ds[i]
        t1 = time.perf_counter_ns()
        score = ds.score_answer(answer=item["answer"], entry=item)
        t2 = time.perf_counter_ns()
        gen.append((t1 - t0) / 1e3)
        ver.append((t2 - t1) / 1e3)
        wrong += score < 1
    print("\nROW " + json.dumps({"task": name, "items": count, "build_us": build_us,
                      "gen_median_us": statistics.median(gen), "verify_median_us": statistics.median(ver),
                      "gold_not_accepted": wrong}), flush=True)
"""


def r1ci_binary(path):
    if path:
        return path
    subprocess.run(["swift", "build", "-c", "release", "--product", "r1ci"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    return os.path.join(ROOT, ".build", "release", "r1ci")


def run_r1ci(binary, tasks, count, seed):
    out = subprocess.run([binary, "tasks", "bench", *tasks, "--count", str(count), "--seed", str(seed), "--json"],
                         check=True, capture_output=True, text=True).stdout
    return {row["task"]: row for row in map(json.loads, out.splitlines())}


def run_rg(python, tasks, count, seed):
    out = subprocess.run([python, "-c", RG_WORKER, ",".join(tasks), str(count), str(seed)],
                         check=True, capture_output=True, text=True).stdout
    # Some generators print on their own; only the worker's lines start with "ROW ".
    rows = [json.loads(l[4:]) for l in out.splitlines() if l.startswith("ROW ")]
    return {row["task"]: row for row in rows}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--r1ci", help="r1ci binary (default: build release)")
    ap.add_argument("--rg-python", default="/work/benchenv/rg/bin/python",
                    help="python of the bench-only environment with reasoning-gym")
    ap.add_argument("--count", type=int, default=300, help="items per task per round")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default=os.path.join(HERE, "results", "tasks.json"))
    args = ap.parse_args()

    binary = r1ci_binary(args.r1ci)
    ours = [json.loads(l)["id"] for l in subprocess.run([binary, "tasks", "list", "--json"], check=True,
                                                        capture_output=True, text=True).stdout.splitlines()]
    theirs = json.loads(subprocess.run([args.rg_python, "-c",
                                        "import json, reasoning_gym.factory as f; print(json.dumps(sorted(f.DATASETS)))"],
                                       check=True, capture_output=True, text=True).stdout)
    rg_version = subprocess.run([args.rg_python, "-c", "import importlib.metadata as m; print(m.version('reasoning-gym'))"],
                                check=True, capture_output=True, text=True).stdout.strip()
    shared = [t for t in ours if t in set(theirs)]
    print(f"{len(shared)} shared tasks; {args.rounds} interleaved rounds of {args.count} items each", file=sys.stderr)

    rounds = []
    for r in range(args.rounds):
        load = os.getloadavg()[0]
        a = run_r1ci(binary, shared, args.count, args.seed + r)
        b = run_rg(args.rg_python, shared, args.count, args.seed + r)
        rounds.append({"load": load, "r1ci": a, "reasoning_gym": b})
        print(f"round {r + 1}: load {load:.1f}", file=sys.stderr)

    rows = []
    for t in shared:
        med = lambda side, key: statistics.median(rd[side][t][key] for rd in rounds)
        row = {"task": t, "level": rounds[0]["r1ci"][t]["level"],
               "r1ci_gen_us": med("r1ci", "gen_median_us"), "rg_gen_us": med("reasoning_gym", "gen_median_us"),
               "r1ci_verify_us": med("r1ci", "verify_median_us"), "rg_verify_us": med("reasoning_gym", "verify_median_us"),
               "rg_build_us": med("reasoning_gym", "build_us"),
               "rg_gold_not_accepted": max(rd["reasoning_gym"][t]["gold_not_accepted"] for rd in rounds)}
        row["gen_ratio"] = row["rg_gen_us"] / row["r1ci_gen_us"]
        row["verify_ratio"] = row["rg_verify_us"] / row["r1ci_verify_us"] if row["r1ci_verify_us"] > 0 else None
        rows.append(row)
    summary = {"shared_tasks": len(shared), "count": args.count, "rounds": args.rounds,
               "reasoning_gym_version": rg_version,
               "median_gen_ratio": statistics.median(r["gen_ratio"] for r in rows),
               "median_verify_ratio": statistics.median(r["verify_ratio"] for r in rows if r["verify_ratio"]),
               "min_gen_ratio": min(r["gen_ratio"] for r in rows),
               "loads": [rd["load"] for rd in rounds],
               "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
    tmp = args.out + ".tmp"
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(tmp, "w") as f:
        json.dump({"summary": summary, "tasks": rows, "rounds": rounds}, f, indent=1)
    os.replace(tmp, args.out)

    print("| task | R1CI level | R1CI gen µs | RG gen µs | gen × | R1CI verify µs | RG verify µs | verify × |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        vr = f"{r['verify_ratio']:.0f}" if r["verify_ratio"] else "–"
        print(f"| {r['task']} | {r['level']} | {r['r1ci_gen_us']:.1f} | {r['rg_gen_us']:.1f} | {r['gen_ratio']:.0f} "
              f"| {r['r1ci_verify_us']:.1f} | {r['rg_verify_us']:.1f} | {vr} |")
    print(f"\nmedian generation ratio {summary['median_gen_ratio']:.1f}× (min {summary['min_gen_ratio']:.1f}×), "
          f"median verification ratio {summary['median_verify_ratio']:.1f}×, load {summary['loads']}")


if __name__ == "__main__":
    main()
