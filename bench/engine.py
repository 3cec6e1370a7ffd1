#!/usr/bin/env python3
"""Engine speed, side by side with llama.cpp (llama-cpp-python), llama-bench style.

pp = one batch of N prompt tokens; tg = M single-token decode steps (argmax), both
from an empty KV cache (or after --depth tokens). Rounds interleave the engines
and thread counts within the same minute (the machine is shared and noisy), each
repetition in a fresh process; medians of all rounds are reported with every run.

Set-up of the peer (bench only, never needed at run time; builds llama.cpp from
source, ~10 min on 2 idle cores):
    python3 -m venv /tmp/benchvenv
    /tmp/benchvenv/bin/pip download --no-deps --no-binary llama-cpp-python -d /tmp/lcp llama-cpp-python==0.3.36
    CMAKE_BUILD_PARALLEL_LEVEL=2 CMAKE_ARGS=-DLLAVA_BUILD=OFF /tmp/benchvenv/bin/pip install /tmp/lcp/llama_cpp_python-0.3.36.tar.gz

Run (after `swift build -c release`):
    python3 bench/engine.py --peer-python /tmp/benchvenv/bin/python [--rounds 5] [--threads 2 1]
Without --peer-python only r1ci is measured.
"""
import argparse, json, os, resource, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def default_model():
    d = os.environ.get("R1CI_MODELS") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "r1ci", "models")
    return os.path.join(d, "SmolLM2-135M-Instruct.Q4_1.gguf")


def peer_run(a):
    """One repetition of llama-cpp-python in this process; prints one JSON line."""
    import random
    from llama_cpp import Llama
    llm = Llama(model_path=a.model, n_ctx=a.depth + a.pp + a.tg + 16, n_threads=a.threads,
                n_threads_batch=a.threads, n_batch=max(a.pp, 32), n_ubatch=max(a.pp, 32), verbose=False)
    rng = random.Random(1)
    toks = lambda n: [rng.randrange(100, llm.n_vocab()) for _ in range(n)]
    llm.eval(toks(16)); llm.reset()                       # warm-up
    if a.depth:
        llm.eval(toks(a.depth))
    t0 = time.perf_counter(); llm.eval(toks(a.pp)); pp_s = time.perf_counter() - t0
    llm.n_tokens = a.depth
    tok = 100
    t0 = time.perf_counter()
    for _ in range(a.tg):
        llm.eval([tok])
        row = llm.scores[llm.n_tokens - 1]
        tok = int(row.argmax())
    tg_s = time.perf_counter() - t0
    print(json.dumps({"engine": "llama.cpp", "threads": a.threads, "pp_tok_s": a.pp / pp_s, "tg_tok_s": a.tg / tg_s,
                      "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def r1ci_run(a, threads):
    exe = os.path.join(ROOT, ".build", "release", "r1ci")
    out = subprocess.run([exe, "bench", "engine", "--model", a.model, "--pp", str(a.pp), "--tg", str(a.tg),
                          "--depth", str(a.depth), "--threads", str(threads), "--reps", "1", "--json"],
                         capture_output=True, text=True, check=True)
    r = json.loads(out.stdout.splitlines()[0])
    r["engine"] = "r1ci"
    r["max_rss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return r


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default=default_model())
    ap.add_argument("--pp", type=int, default=256)
    ap.add_argument("--tg", type=int, default=128)
    ap.add_argument("--depth", type=int, default=0)
    ap.add_argument("--threads", type=int, nargs="+", default=[2, 1])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--peer-python", help="Python of a venv with llama-cpp-python")
    ap.add_argument("--peer-run", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--json", action="store_true", help="print every run as a JSON line")
    a = ap.parse_args()
    if a.peer_run:
        return peer_run(a)
    runs = {}
    for rnd in range(a.rounds):
        for t in a.threads:
            r = r1ci_run(a, t)
            runs.setdefault(("r1ci", t), []).append(r)
            if a.peer_python:
                out = subprocess.run([a.peer_python, os.path.abspath(__file__), "--peer-run", "--model", a.model,
                                      "--pp", str(a.pp), "--tg", str(a.tg), "--depth", str(a.depth), "--threads", str(t)],
                                     capture_output=True, text=True, check=True)
                runs.setdefault(("llama.cpp", t), []).append(json.loads(out.stdout.splitlines()[-1]))
        if a.json:
            for k, v in runs.items():
                print(json.dumps(v[-1]))
    print(f"model {os.path.basename(a.model)}  pp{a.pp} tg{a.tg} depth {a.depth}  {a.rounds} interleaved rounds; medians (all runs)")
    for (eng, t), rs in sorted(runs.items(), key=lambda kv: (kv[0][1], kv[0][0]), reverse=True):
        pp = [r["pp_tok_s"] for r in rs]; tg = [r["tg_tok_s"] for r in rs]
        print(f"  {eng:10s} t={t}:  pp {statistics.median(pp):7.1f} tok/s  tg {statistics.median(tg):6.1f} tok/s"
              f"   (pp {' '.join(f'{x:.0f}' for x in pp)}; tg {' '.join(f'{x:.1f}' for x in tg)})")


if __name__ == "__main__":
    main()
