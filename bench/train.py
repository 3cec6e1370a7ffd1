#!/usr/bin/env python3
"""Training speed, side by side with PyTorch on the CPU (issue 7 §11).

One training step = forward, masked-mean cross-entropy, backward, global-norm
gradient clipping to 1.0 and AdamW (lr 1e-5, betas 0.9/0.95, eps 1e-8, weight
decay 0.01 on matrices only), fp32, batch 1 × sequence 256, 2 threads, on the
SmolLM2-135M-Instruct shape (llama: 30 layers, d 576, 9 heads / 3 kv heads,
ffn 1536, vocab 49,152, tied embeddings) with the real weights dequantized
from the GGUF file. Both sides train on the same token ids (a fixed-seed LCG,
the same generator as `r1ci bench train`), so their first losses must agree:
that is the check that both do the same work.

Every measurement is a fresh process (one warm-up step, then --steps timed
steps, median); rounds alternate which side goes first; the table gives medians
over rounds. Peak RSS is each process's ru_maxrss from os.wait4.

Peer set-up (bench only, never a project dependency):
    python3 -m venv /work/benchenv/torch
    /work/benchenv/torch/bin/pip install torch numpy gguf     # the PyPI wheel (a CUDA build; runs on the CPU)

Run (after `swift build -c release --product r1ci`):
    python3 bench/train.py [--rounds 3] [--steps 3] [--torch-python /work/benchenv/torch/bin/python]
"""
import argparse, json, os, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = 1.2   # issue 7 §11: at least 1.2× PyTorch's training tokens/s


def default_model():
    d = os.environ.get("R1CI_MODELS") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "r1ci", "models")
    return os.path.join(d, "SmolLM2-135M-Instruct.Q4_1.gguf")


def lcg_tokens(n, vocab, seed):
    """The ids `r1ci bench train` draws: Knuth's MMIX LCG, (state >> 33) % vocab."""
    state, out = seed, []
    for _ in range(n):
        state = (state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        out.append((state >> 33) % vocab)
    return out


# ── The PyTorch side (runs under --torch-python) ─────────────────────────
def torch_worker(a):
    import numpy as np, torch, gguf
    import torch.nn.functional as F
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    reader = gguf.GGUFReader(a.model)
    field = lambda k: reader.fields[k].parts[reader.fields[k].data[0]]
    arch = bytes(field("general.architecture")).decode()
    n_layer = int(field(f"{arch}.block_count")[0]); dim = int(field(f"{arch}.embedding_length")[0])
    n_head = int(field(f"{arch}.attention.head_count")[0]); n_kv = int(field(f"{arch}.attention.head_count_kv")[0])
    eps = float(field(f"{arch}.attention.layer_norm_rms_epsilon")[0])
    theta = float(field(f"{arch}.rope.freq_base")[0]) if f"{arch}.rope.freq_base" in reader.fields else 10000.0
    weights = {}
    for t in reader.tensors:   # dequantized to fp32, shape (rows, cols) as stored
        w = gguf.quants.dequantize(t.data, t.tensor_type).astype(np.float32)
        weights[t.name] = torch.from_numpy(w.reshape([int(x) for x in reversed(t.shape)]).copy())
    hd = dim // n_head
    vocab = weights["token_embd.weight"].shape[0]
    P = lambda name: torch.nn.Parameter(weights[name].squeeze())
    params = {name: P(name) for name in weights}
    # RoPE in the GGUF (adjacent-pair) convention the stored q/k rows use.
    T = a.seq
    inv = 1.0 / theta ** (torch.arange(0, hd, 2, dtype=torch.float64) / hd)
    ang = torch.outer(torch.arange(T, dtype=torch.float64), inv)
    cos, sin = ang.cos().float(), ang.sin().float()        # (T, hd/2)

    def rope(x):                                            # x (B, h, T, hd)
        x0, x1 = x[..., 0::2], x[..., 1::2]
        return torch.stack((x0 * cos - x1 * sin, x0 * sin + x1 * cos), dim=-1).flatten(-2)

    def rms(x, w):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps) * w

    def forward(tokens):                                    # tokens (B, T) → logits (B·T, V)
        B = tokens.shape[0]
        x = F.embedding(tokens, params["token_embd.weight"])
        for l in range(n_layer):
            p = lambda n: params[f"blk.{l}.{n}.weight"]
            h = rms(x, p("attn_norm"))
            q = (h @ p("attn_q").t()).view(B, T, n_head, hd).transpose(1, 2)
            k = (h @ p("attn_k").t()).view(B, T, n_kv, hd).transpose(1, 2)
            v = (h @ p("attn_v").t()).view(B, T, n_kv, hd).transpose(1, 2)
            o = F.scaled_dot_product_attention(rope(q), rope(k), v, is_causal=True, enable_gqa=True)
            x = x + o.transpose(1, 2).reshape(B, T, dim) @ p("attn_output").t()
            h = rms(x, p("ffn_norm"))
            x = x + (F.silu(h @ p("ffn_gate").t()) * (h @ p("ffn_up").t())) @ p("ffn_down").t()
        x = rms(x, params["output_norm.weight"])
        return (x @ params.get("output.weight", params["token_embd.weight"]).t()).view(B * T, vocab)

    decay = [p for n, p in params.items() if p.dim() == 2]
    no_decay = [p for n, p in params.items() if p.dim() < 2]
    opt_kwargs = dict(lr=1e-5, betas=(0.9, 0.95), eps=1e-8)
    if a.torch_adamw == "fused": opt_kwargs["fused"] = True
    elif a.torch_adamw == "foreach": opt_kwargs["foreach"] = True
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.01},
                             {"params": no_decay, "weight_decay": 0.0}], **opt_kwargs)
    ids = lcg_tokens(a.batch * a.seq + 1, vocab, a.seed)
    tokens = torch.tensor(ids[:-1]).view(a.batch, a.seq)
    targets = torch.tensor(ids[1:])

    def step():
        opt.zero_grad(set_to_none=True)
        loss = F.cross_entropy(forward(tokens), targets)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(list(params.values()), 1.0)
        opt.step()
        return loss.item()

    first = step()
    walls, cpus = [], []
    for _ in range(a.steps):
        t0, c0 = time.perf_counter(), time.process_time()
        step()
        walls.append(time.perf_counter() - t0); cpus.append(time.process_time() - c0)
    wall = statistics.median(walls)
    print(json.dumps({"tokens_per_second": a.batch * a.seq / wall, "step_seconds": wall, "step_runs": walls,
                      "cpu_seconds_per_step": statistics.median(cpus), "first_loss": first,
                      "torch": torch.__version__, "adamw": a.torch_adamw}))


# ── The harness ──────────────────────────────────────────────────────────
def run_measured(cmd, env=None):
    """Runs cmd in a fresh process; returns (its last JSON line, its peak RSS in MiB from os.wait4)."""
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    out = p.stdout.read(); err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    p.returncode = status
    if status != 0:
        sys.exit(f"train.py: {os.path.basename(cmd[0])} failed (status {status}): {err.strip()[-300:]}")
    rows = [json.loads(l) for l in out.splitlines() if l.startswith("{")]
    if not rows:
        sys.exit(f"train.py: no JSON from {os.path.basename(cmd[0])}")
    return rows[-1], ru.ru_maxrss / 1024


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", default=default_model())
    ap.add_argument("--r1ci", default=os.path.join(ROOT, ".build", "release", "r1ci"))
    ap.add_argument("--torch-python", default="/work/benchenv/torch/bin/python")
    ap.add_argument("--torch-adamw", choices=["default", "foreach", "fused"], default="fused",
                    help="PyTorch's AdamW implementation (fused: one C++ loop per tensor, its fastest on the CPU)")
    ap.add_argument("--omp-wait-policy", default="PASSIVE",
                    help="OMP_WAIT_POLICY for PyTorch's OpenMP threads; PASSIVE (sleep, not spin, between parallel "
                         "regions) is far faster on a shared, loaded machine; '' leaves OpenMP's default")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--steps", type=int, default=3)
    ap.add_argument("--seq", type=int, default=256)
    ap.add_argument("--batch", type=int, default=1)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default=os.path.join(ROOT, "bench", "results", "train.json"))
    ap.add_argument("--torch-worker", action="store_true", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.torch_worker:
        return torch_worker(a)
    for path, what in [(a.model, "model"), (a.r1ci, "r1ci binary (swift build -c release --product r1ci)"),
                       (a.torch_python, "PyTorch venv python")]:
        if not os.path.exists(path):
            sys.exit(f"train.py: {what} not found: {path}")
    common = ["--seq", str(a.seq), "--batch", str(a.batch), "--threads", str(a.threads), "--steps", str(a.steps),
              "--seed", str(a.seed)]
    ours_cmd = [a.r1ci, "bench", "train", "--model", a.model, "--json"] + common
    torch_cmd = [a.torch_python, os.path.abspath(__file__), "--torch-worker", "--model", a.model,
                 "--torch-adamw", a.torch_adamw] + common
    torch_env = dict(os.environ)
    if a.omp_wait_policy: torch_env["OMP_WAIT_POLICY"] = a.omp_wait_policy
    envs = {"r1ci": None, "pytorch": torch_env}
    loads, runs = [os.getloadavg()[0]], {"r1ci": [], "pytorch": []}
    for r in range(a.rounds):
        order = [("r1ci", ours_cmd), ("pytorch", torch_cmd)]
        if r % 2: order.reverse()
        for name, cmd in order:
            row, rss = run_measured(cmd, envs[name])
            row["peak_rss_mib"] = rss
            runs[name].append(row)
            loads.append(os.getloadavg()[0])
            print(f"round {r + 1} {name:8s} {row['tokens_per_second']:7.1f} tok/s  step {row['step_seconds']:6.2f} s  "
                  f"cpu/step {row['cpu_seconds_per_step']:6.2f} s  rss {rss:6.0f} MiB  first loss {row['first_loss']:.4f}",
                  flush=True)
    med = lambda name, key: statistics.median(x[key] for x in runs[name])
    summary = {name: {"tokens_per_second": med(name, "tokens_per_second"), "step_seconds": med(name, "step_seconds"),
                      "tokens_per_cpu_second": statistics.median(a.batch * a.seq / x["cpu_seconds_per_step"] for x in runs[name]),
                      "peak_rss_mib": med(name, "peak_rss_mib"), "first_loss": runs[name][0]["first_loss"]}
               for name in runs}
    ratio = summary["r1ci"]["tokens_per_second"] / summary["pytorch"]["tokens_per_second"]
    result = {"when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "model": a.model, "seq": a.seq,
              "batch": a.batch, "threads": a.threads, "steps": a.steps, "rounds": a.rounds,
              "torch": runs["pytorch"][0].get("torch"), "torch_adamw": a.torch_adamw,
              "omp_wait_policy": a.omp_wait_policy or "default",
              "load_average": [min(loads), max(loads)], "summary": summary, "ratio": ratio, "target": TARGET,
              "runs": runs}
    os.makedirs(os.path.dirname(a.out), exist_ok=True)
    tmp = a.out + ".tmp"
    with open(tmp, "w") as f: json.dump(result, f, indent=1)
    os.replace(tmp, a.out)
    print(f"\n| | tokens/s | step s | tokens per CPU-second | peak RSS MiB | first loss |\n|---|---|---|---|---|---|")
    for name in ("r1ci", "pytorch"):
        s = summary[name]
        print(f"| {name} | {s['tokens_per_second']:.1f} | {s['step_seconds']:.2f} | {s['tokens_per_cpu_second']:.1f} "
              f"| {s['peak_rss_mib']:.0f} | {s['first_loss']:.4f} |")
    print(f"\nratio r1ci / PyTorch: {ratio:.2f}× (target ≥ {TARGET}×), load average {min(loads):.1f}–{max(loads):.1f}")


if __name__ == "__main__":
    main()
