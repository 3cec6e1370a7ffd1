#!/usr/bin/env python3
"""Float64 numpy reference forward passes, the oracle for the engine's model code.

    python3 Tests/R1EngineTests/make_model_goldens.py            # tiny models (numpy only)
    python3 Tests/R1EngineTests/make_model_goldens.py --smollm2  # + SmolLM2 logits (needs `gguf` and the model)

Writes into Fixtures/:
  tiny-llama.gguf, tiny-qwen2.gguf   tiny random models (2 layers, C=64, H=4, Hkv=2, F=256,
                                     V=258 byte-level vocab), one quantization type per matrix,
                                     covering F32 F16 BF16 Q4_0 Q4_1 Q5_0 Q5_1 Q8_0 Q4_K Q6_K
  tiny_goldens.json                  {model: {tokens, logits (T, V)}} from the float64 forward
  smollm2_goldens.json               SmolLM2-135M-Instruct Q4_1: a chat prompt, top-20 logits and
                                     64 fixed ids' logits at every position (teacher forcing)

The block formulas below are written from the format description (reference/engine.md §2),
independently of the C kernels; the SmolLM2 weights are dequantized with gguf-py's
`gguf.quants.dequantize`, and our numpy dequantizers are checked against it on the way.
"""
import json, os, struct, sys
import numpy as np
from oracle_gguf import write_gguf, STR, ARR, I32, U32, F32 as KF32, BOOL

HERE = os.path.dirname(os.path.abspath(__file__))
FIX = os.path.join(HERE, "Fixtures")
T_F32, T_F16, T_Q4_0, T_Q4_1, T_Q5_0, T_Q5_1, T_Q8_0, T_Q4_K, T_Q6_K, T_BF16 = 0, 1, 2, 3, 6, 7, 8, 12, 14, 30
BLOCK = {T_Q4_0: (32, 18), T_Q4_1: (32, 20), T_Q5_0: (32, 22), T_Q5_1: (32, 24), T_Q8_0: (32, 34),
         T_Q4_K: (256, 144), T_Q6_K: (256, 210)}


# ── Independent dequantizers (float64) ──────────────────────────────────────
def half(b, off):
    return b[:, off:off + 2].copy().view(np.float16)[:, 0].astype(np.float64)


def nib(qs):
    return np.concatenate([qs & 15, qs >> 4], axis=1).astype(np.float64)  # element j: low; j+16: high


def fifth_bits(b, off):
    h = b[:, off:off + 4].copy().view(np.uint32)[:, 0]
    return ((h[:, None] >> np.arange(32, dtype=np.uint32)) & 1).astype(np.float64)


def dequant(raw, gtype, n):
    """raw bytes → float64 array of n elements."""
    if gtype == T_F32:
        return np.frombuffer(raw, np.float32).astype(np.float64)
    if gtype == T_F16:
        return np.frombuffer(raw, np.float16).astype(np.float64)
    if gtype == T_BF16:
        return (np.frombuffer(raw, np.uint16).astype(np.uint32) << 16).view(np.float32).astype(np.float64)
    be, bb = BLOCK[gtype]
    b = np.frombuffer(raw, np.uint8).reshape(-1, bb)
    if gtype == T_Q4_0:
        y = half(b, 0)[:, None] * (nib(b[:, 2:18]) - 8)
    elif gtype == T_Q4_1:
        y = half(b, 0)[:, None] * nib(b[:, 4:20]) + half(b, 2)[:, None]
    elif gtype == T_Q5_0:
        y = half(b, 0)[:, None] * (nib(b[:, 6:22]) + 16 * fifth_bits(b, 2) - 16)
    elif gtype == T_Q5_1:
        y = half(b, 0)[:, None] * (nib(b[:, 8:24]) + 16 * fifth_bits(b, 4)) + half(b, 2)[:, None]
    elif gtype == T_Q8_0:
        y = half(b, 0)[:, None] * b[:, 2:34].view(np.int8).astype(np.float64)
    elif gtype == T_Q4_K:
        d, dmin, sc, qs = half(b, 0), half(b, 2), b[:, 4:16].astype(np.int64), b[:, 16:144]
        y = np.zeros((len(b), 256))
        for s in range(8):
            if s < 4:
                scl, mn = sc[:, s] & 63, sc[:, s + 4] & 63
            else:
                scl = (sc[:, s + 4] & 15) | ((sc[:, s - 4] >> 6) << 4)
                mn = (sc[:, s + 4] >> 4) | ((sc[:, s] >> 6) << 4)
            c, hi = s // 2, s % 2
            q = (qs[:, 32 * c:32 * c + 32] >> (4 * hi)) & 15
            y[:, 32 * s:32 * s + 32] = (d * scl)[:, None] * q - (dmin * mn)[:, None]
    elif gtype == T_Q6_K:
        ql, qh, sc = b[:, :128].astype(np.int64), b[:, 128:192].astype(np.int64), b[:, 192:208].view(np.int8).astype(np.float64)
        d = half(b, 208)
        y = np.zeros((len(b), 256))
        for h in range(2):
            L, H, S = ql[:, 64 * h:64 * h + 64], qh[:, 32 * h:32 * h + 32], sc[:, 8 * h:8 * h + 8]
            for l in range(32):
                i = l // 16
                qa = (L[:, l] & 15) | ((H[:, l] & 3) << 4)
                qb = (L[:, l + 32] & 15) | (((H[:, l] >> 2) & 3) << 4)
                qc = (L[:, l] >> 4) | (((H[:, l] >> 4) & 3) << 4)
                qd = (L[:, l + 32] >> 4) | (((H[:, l] >> 6) & 3) << 4)
                o = 128 * h
                y[:, o + l] = d * S[:, i] * (qa - 32)
                y[:, o + l + 32] = d * S[:, i + 2] * (qb - 32)
                y[:, o + l + 64] = d * S[:, i + 4] * (qc - 32)
                y[:, o + l + 96] = d * S[:, i + 6] * (qd - 32)
    else:
        raise ValueError(gtype)
    return y.reshape(-1)[:n]


# ── Random tensors of each type ─────────────────────────────────────────────
def random_raw(rng, gtype, n, scale):
    """Random bytes for n elements of gtype, with sane scale fields (values ≈ ±scale)."""
    if gtype == T_F32:
        return (rng.standard_normal(n) * scale).astype(np.float32).tobytes()
    if gtype == T_F16:
        return (rng.standard_normal(n) * scale).astype(np.float16).tobytes()
    if gtype == T_BF16:
        f = (rng.standard_normal(n) * scale).astype(np.float32)
        return (f.view(np.uint32) >> 16).astype(np.uint16).tobytes()
    be, bb = BLOCK[gtype]
    nb = n // be
    b = rng.integers(0, 256, size=(nb, bb), dtype=np.uint8)
    def put_half(off, vals):
        b[:, off:off + 2] = np.asarray(vals, np.float16).reshape(-1, 1).view(np.uint8).reshape(nb, 2)
    u = lambda lo, hi: rng.uniform(lo, hi, nb)
    if gtype == T_Q4_0: put_half(0, u(0.5, 1.5) * scale / 4)
    elif gtype == T_Q4_1: put_half(0, u(0.5, 1.5) * scale / 4); put_half(2, -u(0.5, 1.5) * scale * 2)
    elif gtype == T_Q5_0: put_half(0, u(0.5, 1.5) * scale / 8)
    elif gtype == T_Q5_1: put_half(0, u(0.5, 1.5) * scale / 8); put_half(4 - 2, -u(0.5, 1.5) * scale * 2)
    elif gtype == T_Q8_0: put_half(0, u(0.5, 1.5) * scale / 64)
    elif gtype == T_Q4_K: put_half(0, u(0.5, 1.5) * scale / 128); put_half(2, u(0.5, 1.5) * scale / 64)
    elif gtype == T_Q6_K:
        put_half(208, u(0.5, 1.5) * scale / 256)
    return b.tobytes()


# ── Float64 forward ─────────────────────────────────────────────────────────
def rmsnorm(x, w, eps):
    return x / np.sqrt(np.mean(x * x, axis=-1, keepdims=True) + eps) * w


def rope(x, pos, theta, neox):
    """x (T, nh, D); adjacent pairs (2i, 2i+1) or half-split (i, i+D/2)."""
    T, nh, D = x.shape
    i = np.arange(D // 2)
    ang = pos[:, None] * theta ** (-2.0 * i / D)           # (T, D/2)
    c, s = np.cos(ang)[:, None, :], np.sin(ang)[:, None, :]
    y = x.copy()
    if neox:
        a, b = x[..., :D // 2], x[..., D // 2:]
        y[..., :D // 2], y[..., D // 2:] = a * c - b * s, a * s + b * c
    else:
        a, b = x[..., 0::2], x[..., 1::2]
        y[..., 0::2], y[..., 1::2] = a * c - b * s, a * s + b * c
    return y


def forward(W, cfg, tokens):
    """Float64 logits (T, V). W: name → float64 array ([out, in] for matrices)."""
    C, H, KV, D = cfg["dim"], cfg["heads"], cfg["kv_heads"], cfg["dim"] // cfg["heads"]
    T = len(tokens)
    x = W["token_embd.weight"][tokens]                       # (T, C)
    pos = np.arange(T, dtype=np.float64)
    mask = np.triu(np.full((T, T), -np.inf), 1)
    for l in range(cfg["layers"]):
        p = f"blk.{l}."
        h = rmsnorm(x, W[p + "attn_norm.weight"], cfg["eps"])
        q = h @ W[p + "attn_q.weight"].T + W.get(p + "attn_q.bias", 0)
        k = h @ W[p + "attn_k.weight"].T + W.get(p + "attn_k.bias", 0)
        v = h @ W[p + "attn_v.weight"].T + W.get(p + "attn_v.bias", 0)
        q = rope(q.reshape(T, H, D), pos, cfg["theta"], cfg["neox"])
        k = rope(k.reshape(T, KV, D), pos, cfg["theta"], cfg["neox"])
        v = v.reshape(T, KV, D)
        g = H // KV
        out = np.zeros((T, H, D))
        for hh in range(H):
            s = q[:, hh] @ k[:, hh // g].T / np.sqrt(D) + mask
            s = np.exp(s - s.max(axis=1, keepdims=True)); s /= s.sum(axis=1, keepdims=True)
            out[:, hh] = s @ v[:, hh // g]
        x = x + out.reshape(T, H * D) @ W[p + "attn_output.weight"].T
        h = rmsnorm(x, W[p + "ffn_norm.weight"], cfg["eps"])
        a = h @ W[p + "ffn_gate.weight"].T
        u = h @ W[p + "ffn_up.weight"].T
        x = x + (a / (1 + np.exp(-a)) * u) @ W[p + "ffn_down.weight"].T
    x = rmsnorm(x, W["output_norm.weight"], cfg["eps"])
    return x @ W.get("output.weight", W["token_embd.weight"]).T


# ── Tiny models ─────────────────────────────────────────────────────────────
def byte_vocab():
    bs = list(range(0x21, 0x7F)) + list(range(0xA1, 0xAD)) + list(range(0xAE, 0x100))
    cs, n = bs[:], 0
    for b in range(256):
        if b not in bs:
            bs.append(b); cs.append(256 + n); n += 1
    m = dict(zip(bs, cs))
    return [chr(m[b]) for b in range(256)] + ["<|im_start|>", "<|im_end|>"]


def tiny(name, arch, seed, types):
    rng = np.random.default_rng(seed)
    cfg = dict(dim=64, heads=4, kv_heads=2, ffn=256, layers=2, vocab=258, theta=10000.0,
               eps=1e-5 if arch == "llama" else 1e-6, neox=(arch == "qwen2"))
    C, F, V, KVD = cfg["dim"], cfg["ffn"], cfg["vocab"], cfg["kv_heads"] * cfg["dim"] // cfg["heads"]
    tensors, W = [], {}
    def add(tname, out_, in_, gtype, scale):
        raw = random_raw(rng, gtype, out_ * in_, scale)
        ne = [in_] if out_ == 1 else [in_, out_]
        tensors.append((tname, ne, gtype, raw))
        w = dequant(raw, gtype, out_ * in_)
        W[tname] = w if out_ == 1 else w.reshape(out_, in_)
    add("token_embd.weight", V, C, types["embd"], 1.0)
    if arch == "qwen2":
        add("output.weight", V, C, T_F16, 0.3)
    for l in range(cfg["layers"]):
        p = f"blk.{l}."
        t = types["layers"][l]
        W_norm = lambda n: (tensors.append((p + n, [C], T_F32, (1 + 0.1 * rng.standard_normal(C)).astype(np.float32).tobytes())),
                            W.__setitem__(p + n, np.frombuffer(tensors[-1][3], np.float32).astype(np.float64)))
        W_norm("attn_norm.weight")
        add(p + "attn_q.weight", C, C, t["q"], 0.2)
        add(p + "attn_k.weight", KVD, C, t["k"], 0.2)
        add(p + "attn_v.weight", KVD, C, t["v"], 0.2)
        if arch == "qwen2":
            for n, d in (("attn_q.bias", C), ("attn_k.bias", KVD), ("attn_v.bias", KVD)):
                raw = (0.3 * rng.standard_normal(d)).astype(np.float32).tobytes()
                tensors.append((p + n, [d], T_F32, raw)); W[p + n] = np.frombuffer(raw, np.float32).astype(np.float64)
        add(p + "attn_output.weight", C, C, t["o"], 0.2)
        W_norm("ffn_norm.weight")
        add(p + "ffn_gate.weight", F, C, t["gate"], 0.2)
        add(p + "ffn_up.weight", F, C, t["up"], 0.2)
        add(p + "ffn_down.weight", C, F, t["down"], 0.1)
    raw = (1 + 0.1 * rng.standard_normal(C)).astype(np.float32).tobytes()
    tensors.append(("output_norm.weight", [C], T_F32, raw)); W["output_norm.weight"] = np.frombuffer(raw, np.float32).astype(np.float64)
    rng.shuffle(tensors)  # storage order must not matter
    a = arch
    kvs = [("general.architecture", STR, a), ("general.name", STR, name),
           (f"{a}.block_count", U32, cfg["layers"]), (f"{a}.context_length", U32, 128),
           (f"{a}.embedding_length", U32, C), (f"{a}.feed_forward_length", U32, F),
           (f"{a}.attention.head_count", U32, cfg["heads"]), (f"{a}.attention.head_count_kv", U32, cfg["kv_heads"]),
           (f"{a}.rope.freq_base", KF32, cfg["theta"]), (f"{a}.attention.layer_norm_rms_epsilon", KF32, cfg["eps"]),
           ("tokenizer.ggml.model", STR, "gpt2"), ("tokenizer.ggml.pre", STR, "smollm" if a == "llama" else "qwen2"),
           ("tokenizer.ggml.tokens", ARR, (STR, byte_vocab())),
           ("tokenizer.ggml.token_type", ARR, (I32, [1] * 256 + [3, 3])),
           ("tokenizer.ggml.merges", ARR, (STR, [])),
           ("tokenizer.ggml.bos_token_id", U32, 256), ("tokenizer.ggml.eos_token_id", U32, 257)]
    write_gguf(os.path.join(FIX, f"{name}.gguf"), kvs, tensors)
    tokens = [256, 72, 105, 33, 10, 3, 200, 17, 42, 99, 255, 0, 128, 64]
    return {"tokens": tokens, "logits": forward(W, cfg, np.array(tokens)).round(6).tolist()}


def smollm2(path):
    import gguf
    from gguf.quants import dequantize
    r = gguf.GGUFReader(path)
    W = {}
    for t in r.tensors:
        raw = np.asarray(t.data)
        w = dequantize(raw, t.tensor_type).astype(np.float64)
        shape = [int(x) for x in t.shape][::-1]
        W[t.name] = w.reshape(shape) if len(shape) > 1 else w.reshape(-1)
        if t.tensor_type in BLOCK and t.name.endswith(("attn_q.weight", "token_embd.weight")) and t.name.startswith(("blk.0.", "token")):
            mine = dequant(raw.tobytes(), int(t.tensor_type), w.size)
            assert np.array_equal(mine, w.reshape(-1)), f"numpy dequant disagrees with gguf-py on {t.name}"
    f = lambda k: r.fields[k].parts[r.fields[k].data[0]][0]
    cfg = dict(dim=int(f("llama.embedding_length")), heads=int(f("llama.attention.head_count")),
               kv_heads=int(f("llama.attention.head_count_kv")), layers=int(f("llama.block_count")),
               theta=float(f("llama.rope.freq_base")), eps=float(f("llama.attention.layer_norm_rms_epsilon")), neox=False)
    # "<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n
    #  <|im_start|>user\nWhat is 17 * 23?<|im_end|>\n<|im_start|>assistant\n" encoded by the HF tokenizer goldens
    g = json.load(open(os.path.join(FIX, "tokenizer_goldens.json"), encoding="utf-8"))
    text = ("<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n"
            "<|im_start|>user\nWhat is 17 * 23?<|im_end|>\n<|im_start|>assistant\n")
    from make_tokenizer_goldens import read_vocab, hf_tokenizer
    toks, merges, types, _, _ = read_vocab(path)
    tokens = hf_tokenizer(toks, merges, types, "smollm").encode(text).ids
    logits = forward(W, cfg, np.array(tokens))
    rng = np.random.default_rng(7)
    probe = sorted(rng.choice(logits.shape[1], 64, replace=False).tolist())
    top = np.argsort(-logits, axis=1)[:, :20]
    return {"text": text, "tokens": tokens, "probe_ids": probe,
            "probe_logits": logits[:, probe].round(5).tolist(),
            "top_ids": top.tolist(), "top_logits": np.take_along_axis(logits, top, 1).round(5).tolist()}


def main():
    os.makedirs(FIX, exist_ok=True)
    L = lambda q, k, v, o, g, u, d: dict(q=q, k=k, v=v, o=o, gate=g, up=u, down=d)
    out = {
        "tiny-llama": tiny("tiny-llama", "llama", 1, dict(embd=T_Q8_0, layers=[
            L(T_Q4_1, T_Q4_0, T_Q5_0, T_F16, T_Q8_0, T_BF16, T_Q4_K),
            L(T_Q4_1, T_Q5_1, T_Q8_0, T_F32, T_Q4_1, T_Q4_0, T_Q6_K)])),
        "tiny-qwen2": tiny("tiny-qwen2", "qwen2", 2, dict(embd=T_F16, layers=[
            L(T_Q8_0, T_Q8_0, T_Q4_1, T_Q5_0, T_Q4_0, T_F16, T_Q6_K),
            L(T_F32, T_Q4_0, T_Q5_1, T_Q4_1, T_Q5_0, T_Q8_0, T_Q4_K)])),
    }
    json.dump(out, open(os.path.join(FIX, "tiny_goldens.json"), "w"), separators=(",", ":"))
    print("wrote tiny models and tiny_goldens.json")
    if "--smollm2" in sys.argv:
        from make_tokenizer_goldens import model_path
        sys.argv = [sys.argv[0]]
        res = smollm2(model_path())
        json.dump(res, open(os.path.join(FIX, "smollm2_goldens.json"), "w"), separators=(",", ":"))
        print("wrote smollm2_goldens.json:", len(res["tokens"]), "tokens")


if __name__ == "__main__":
    main()
