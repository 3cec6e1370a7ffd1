#!/usr/bin/env python3
"""Engine speed, side by side with llama.cpp (llama-cpp-python), llama-bench style.

pp = one batch of N prompt tokens; tg = M single-token decode steps (argmax), both
from an empty KV cache; batch = B sequences sampled together after one shared
prompt (r1ci only: the GRPO rollout shape). Every measurement runs in a fresh
process; rounds interleave the engines within the same minute (the machine is
shared and noisy) and medians of all rounds are reported with every run. Peak RSS
is each process's own ru_maxrss (os.wait4), from the pp/tg processes.

Peer set-up (bench only, never a project dependency; see bench/README.md):
    python3 -m venv /work/benchenv/llama
    /work/benchenv/llama/bin/pip install cmake ninja numpy
    /work/benchenv/llama/bin/pip download --no-deps --no-binary llama-cpp-python -d /work/benchenv/src llama-cpp-python==0.3.36
    # vendored llama.cpp, native build: libllama for the binding + llama-bench/llama-quantize
    cmake -S <sdist>/vendor/llama.cpp -B /work/benchenv/llama-build -G Ninja -DCMAKE_BUILD_TYPE=Release \
          -DLLAMA_CURL=OFF -DBUILD_SHARED_LIBS=ON -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_SERVER=OFF
    cmake --build /work/benchenv/llama-build -j2 --target llama llama-bench llama-quantize
    CMAKE_ARGS="-DLLAMA_BUILD=OFF -DLLAVA_BUILD=OFF" /work/benchenv/llama/bin/pip install --no-deps <sdist>
    /work/benchenv/llama/bin/pip install typing-extensions diskcache jinja2

Run (after `swift build -c release --product r1ci`):
    python3 bench/engine.py --peer-python /work/benchenv/llama/bin/python \
        --peer-lib /work/benchenv/llama-build/bin --models Q4_1.gguf Q8_0.gguf Q4_0.gguf [--rounds 5]
"""
import argparse, json, os, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGETS = {  # issue 4 §11: (tg ratio, pp ratio) against llama.cpp at 2 threads
    "Q4_1": (1.5, 2.5), "Q8_0": (1.1, 1.1), "Q4_0": (1.1, 1.1)}
BATCH_TARGET = 5.0


def default_model():
    d = os.environ.get("R1CI_MODELS") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "r1ci", "models")
    return os.path.join(d, "SmolLM2-135M-Instruct.Q4_1.gguf")


def peer_run(a):
    """One repetition of llama-cpp-python in this process; prints one JSON line."""
    import random
    from llama_cpp import Llama
    llm = Llama(model_path=a.model, n_ctx=a.pp + a.tg + 16, n_threads=a.threads,
                n_threads_batch=a.threads, n_batch=max(a.pp, 32), n_ubatch=max(a.pp, 32), verbose=False)
    rng = random.Random(1)
    toks = lambda n: [rng.randrange(100, llm.n_vocab()) for _ in range(n)]
    llm.eval(toks(16)); llm.reset()                       # warm-up (pages the weights in)
    t0 = time.perf_counter(); llm.eval(toks(a.pp)); pp_s = time.perf_counter() - t0
    llm.reset()
    tok = 100
    t0 = time.perf_counter()
    for _ in range(a.tg):
        llm.eval([tok])
        tok = int(llm.scores[llm.n_tokens - 1].argmax())
    tg_s = time.perf_counter() - t0
    print(json.dumps({"pp_tok_s": a.pp / pp_s, "tg_tok_s": a.tg / tg_s}))


def peer_bench(a, model):
    """llama.cpp's llama-bench in a fresh process: one pp and one tg test after its own
    warm-up run. Returns ({pp_tok_s, tg_tok_s}, its peak RSS in MB)."""
    env = dict(os.environ, LD_LIBRARY_PATH=os.path.dirname(os.path.abspath(a.peer_bench)))
    cmd = [a.peer_bench, "-m", model, "-p", str(a.pp), "-n", str(a.tg), "-t", str(a.threads), "-r", "1", "-o", "jsonl"]
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    rows = [json.loads(l) for l in p.stdout.read().splitlines() if l.startswith("{")]
    _, status, ru = os.wait4(p.pid, 0)
    if status != 0 or not rows:
        sys.exit(f"engine.py: llama-bench failed ({status})")
    pp = next(r["avg_ts"] for r in rows if r["n_prompt"] > 0)
    tg = next(r["avg_ts"] for r in rows if r["n_gen"] > 0)
    return {"pp_tok_s": pp, "tg_tok_s": tg}, ru.ru_maxrss / 1024


def child_json(cmd, env=None):
    """Runs cmd in a fresh process; returns (its last JSON line, its peak RSS in MB)."""
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    out = p.stdout.read(); err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    if status != 0:
        sys.exit(f"engine.py: {os.path.basename(cmd[0])} failed ({status}): {err.strip()[-500:]}")
    lines = [l for l in out.splitlines() if l.startswith("{")]
    return json.loads(lines[-1]), ru.ru_maxrss / 1024


def r1ci_cmd(a, model, batch):
    exe = os.path.join(ROOT, ".build", "release", "r1ci")
    return [exe, "bench", "engine", "--model", model, "--pp", str(a.pp), "--tg", str(a.tg), "--threads", str(a.threads),
            "--reps", "1", "--json"] + (["--batch", str(batch), "--batch-only"] if batch else [])


def median(v):
    return statistics.median(v) if v else 0.0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--models", nargs="+", default=[default_model()])
    ap.add_argument("--pp", type=int, default=256)
    ap.add_argument("--tg", type=int, default=128)
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--peer-python", help="Python of a venv with llama-cpp-python")
    ap.add_argument("--peer-lib", help="directory with libllama.so (LLAMA_CPP_LIB_PATH)")
    ap.add_argument("--peer-bench", help="llama.cpp's own llama-bench binary (native build); preferred over --peer-python")
    ap.add_argument("--out", default=os.path.join(ROOT, "bench", "results", "engine.json"))
    ap.add_argument("--peer-run", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--model", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.peer_run:
        return peer_run(a)
    env = dict(os.environ)
    if a.peer_lib:
        env["LLAMA_CPP_LIB_PATH"] = a.peer_lib
    load_before = os.getloadavg()
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    results = {}
    for rnd in range(a.rounds):
        for model in a.models:
            key = os.path.basename(model)
            r = results.setdefault(key, {"r1ci": [], "llama.cpp": [], "r1ci_batch": []})
            j, rss = child_json(r1ci_cmd(a, model, 0))
            r["r1ci"].append({"pp_tok_s": j["pp_tok_s"], "tg_tok_s": j["tg_tok_s"], "max_rss_mb": rss})
            if a.peer_bench:
                j, rss = peer_bench(a, model)
                r["llama.cpp"].append({"pp_tok_s": j["pp_tok_s"], "tg_tok_s": j["tg_tok_s"], "max_rss_mb": rss})
            elif a.peer_python:
                j, rss = child_json([a.peer_python, os.path.abspath(__file__), "--peer-run", "--model", model,
                                     "--pp", str(a.pp), "--tg", str(a.tg), "--threads", str(a.threads)], env)
                r["llama.cpp"].append({"pp_tok_s": j["pp_tok_s"], "tg_tok_s": j["tg_tok_s"], "max_rss_mb": rss})
            if a.batch:
                j, rss = child_json(r1ci_cmd(a, model, a.batch))
                r["r1ci_batch"].append({"batch_tok_s": j["batch_tg_tok_s"], "max_rss_mb": rss})
            print(f"round {rnd + 1}/{a.rounds} {key}: " + "; ".join(
                f"{eng} {v[-1]}" for eng, v in r.items() if v), file=sys.stderr, flush=True)
    load_after = os.getloadavg()
    summary = {"started": started, "threads": a.threads, "pp": a.pp, "tg": a.tg, "batch": a.batch, "rounds": a.rounds,
               "load_average_before": load_before, "load_average_after": load_after, "models": {}}
    print(f"\n{a.rounds} interleaved rounds, {a.threads} threads, pp{a.pp} / tg{a.tg} / {a.batch} shared-prompt sequences; "
          f"load average {load_before[0]:.1f} → {load_after[0]:.1f}")
    print("| model | engine | pp tok/s | tg tok/s | batch tok/s | peak RSS MB | pp × | tg × | batch × single |")
    print("|---|---|---|---|---|---|---|---|---|")
    for key, r in results.items():
        m = {eng: {k: median([x[k] for x in v]) for k in v[0]} for eng, v in r.items() if v}
        m["runs"] = r
        summary["models"][key] = m
        mine, peer = m["r1ci"], m.get("llama.cpp")
        batch = m.get("r1ci_batch", {}).get("batch_tok_s", 0)
        bx = batch / mine["tg_tok_s"] if mine["tg_tok_s"] else 0
        ppx = mine["pp_tok_s"] / peer["pp_tok_s"] if peer else 0
        tgx = mine["tg_tok_s"] / peer["tg_tok_s"] if peer else 0
        m["ratios"] = {"pp": ppx, "tg": tgx, "batch_over_single": bx}
        print(f"| {key} | r1ci | {mine['pp_tok_s']:.0f} | {mine['tg_tok_s']:.1f} | {batch:.0f} | {mine['max_rss_mb']:.0f} | "
              f"{ppx:.2f} | {tgx:.2f} | {bx:.1f} |")
        if peer:
            print(f"| {key} | llama.cpp | {peer['pp_tok_s']:.0f} | {peer['tg_tok_s']:.1f} | – | {peer['max_rss_mb']:.0f} | 1 | 1 | – |")
    os.makedirs(os.path.dirname(a.out), exist_ok=True)
    tmp = a.out + ".tmp"
    with open(tmp, "w") as f:
        json.dump(summary, f, indent=1)
    os.replace(tmp, a.out)
    print(f"\nwrote {a.out}")


if __name__ == "__main__":
    main()
