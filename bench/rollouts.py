#!/usr/bin/env python3
"""Rollout throughput: batched (shared prefill, batched decode, code overlapped with
generation) against the same traces run one at a time.

Runs `r1ci rollouts --json` and `r1ci rollouts --sequential --json` alternately for
--rounds rounds (same questions, same seeds, so the same tokens), then prints the
median of each measure and writes bench/results/rollouts.json. On a shared machine
the CPU seconds of the r1ci process are steadier than wall time; both are reported.
"""
import argparse, json, os, statistics, subprocess, sys, time

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)

def run(binary, args, sequential):
    cmd = [binary, "rollouts", "--json"] + args + (["--sequential"] if sequential else [])
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out)

def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--binary", default=os.path.join(root, ".build/release/r1ci"))
    p.add_argument("--prompts", type=int, default=16)
    p.add_argument("--samples", type=int, default=8)
    p.add_argument("--max-turn-tokens", type=int, default=64)
    p.add_argument("--max-trace-tokens", type=int, default=128)
    p.add_argument("--rounds", type=int, default=2)
    p.add_argument("--style", default="free", help="prompt style: free, code (asks for Python) or text")
    p.add_argument("--temperature", type=float, default=1.0)
    p.add_argument("--tasks", help="comma-separated task ids (default: the test split)")
    p.add_argument("--threads", type=int, help="engine threads (default: all cores)")
    p.add_argument("--out", default=os.path.join(here, "results", "rollouts.json"))
    a = p.parse_args()
    if not os.path.exists(a.binary):
        sys.exit(f"{a.binary} is missing: build it (swift build -c release --product r1ci) or pass --binary")
    args = ["--prompts", str(a.prompts), "--samples", str(a.samples),
            "--max-turn-tokens", str(a.max_turn_tokens), "--max-trace-tokens", str(a.max_trace_tokens),
            "--style", a.style, "--temperature", str(a.temperature)]
    if a.tasks: args += ["--tasks", a.tasks]
    if a.threads: args += ["--threads", str(a.threads)]
    runs = {"batched": [], "sequential": []}
    loads = []
    for _ in range(a.rounds):
        for mode in ("batched", "sequential"):
            runs[mode].append(run(a.binary, args, mode == "sequential"))
            loads.append(os.getloadavg()[0])
    keys = ["wall_seconds", "cpu_seconds", "generated_tokens", "traces_per_minute", "tokens_per_second",
            "tokens_per_cpu_second", "generation_seconds", "sandbox_wait_seconds", "sandbox_run_seconds", "code_calls"]
    med = {m: {k: statistics.median(r[k] for r in rs) for k in keys} for m, rs in runs.items()}
    result = {
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "binary": a.binary, "args": args,
        "rounds": a.rounds, "load_average_1min": loads, "median": med, "runs": runs,
        "speedup_wall": med["sequential"]["wall_seconds"] / med["batched"]["wall_seconds"],
        "speedup_cpu": med["sequential"]["cpu_seconds"] / med["batched"]["cpu_seconds"],
    }
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    tmp = a.out + ".tmp"
    with open(tmp, "w") as f:
        json.dump(result, f, indent=1, sort_keys=True)
    os.replace(tmp, a.out)
    # Shares of wall time, per run then median: generation, waiting for the sandbox, the rest.
    def share(m, k):
        return statistics.median(r[k] / r["wall_seconds"] for r in runs[m])
    def other(m):
        return statistics.median(max(0.0, 1 - (r["generation_seconds"] + r["sandbox_wait_seconds"]) / r["wall_seconds"]) for r in runs[m])
    print("| mode | traces | tokens | code calls | wall s | CPU s | traces/min | tokens/s | tokens/CPU-s | generation % | sandbox wait % | other % |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for m in ("batched", "sequential"):
        d = med[m]
        print(f"| {m} | {runs[m][0]['traces']} | {d['generated_tokens']:.0f} | {d['code_calls']:.0f} | {d['wall_seconds']:.1f} | "
              f"{d['cpu_seconds']:.1f} | {d['traces_per_minute']:.1f} | {d['tokens_per_second']:.1f} | "
              f"{d['tokens_per_cpu_second']:.1f} | {100 * share(m, 'generation_seconds'):.0f} | "
              f"{100 * share(m, 'sandbox_wait_seconds'):.0f} | {100 * other(m):.0f} |")
    print(f"speed-up: {result['speedup_wall']:.2f}x wall, {result['speedup_cpu']:.2f}x CPU "
          f"(load average during the runs: {min(loads):.1f} to {max(loads):.1f})")

if __name__ == "__main__":
    main()
