#!/usr/bin/env python3
"""Independent float64 reference for the training tests: the masked mean
cross-entropy of a llama/qwen2 model and its gradient with respect to every
parameter, by central finite differences in float64 (no chain rule shared with
the Swift backward pass).

usage: oracle_train.py DIR
DIR holds model.json (shape, tensor table, B, T), params.f32, tokens.i32,
targets.i32, mask.f32. Writes DIR/grads.f64 (the parameter layout, float64) and
prints the loss.
"""
import json
import sys

import numpy as np


def rmsnorm(x, w, eps):
    return x / np.sqrt((x * x).mean(-1, keepdims=True) + eps) * w


def rope(x, heads, d, rot, theta, neox):
    """x (B, T, heads*d) rotated by position t; returns a new array."""
    B, T, _ = x.shape
    x = x.reshape(B, T, heads, d).copy()
    half = rot // 2
    freqs = theta ** (-2.0 * np.arange(half) / rot)             # (half)
    ang = np.arange(T)[:, None] * freqs[None, :]                 # (T, half)
    c, s = np.cos(ang)[None, :, None, :], np.sin(ang)[None, :, None, :]
    if neox:
        a, b = x[..., :half].copy(), x[..., half:rot].copy()
        x[..., :half], x[..., half:rot] = a * c - b * s, a * s + b * c
    else:
        a, b = x[..., 0:rot:2].copy(), x[..., 1:rot:2].copy()
        x[..., 0:rot:2], x[..., 1:rot:2] = a * c - b * s, a * s + b * c
    return x.reshape(B, T, heads * d)


def loss(W, cfg, tokens, targets, mask):
    C, H, KV, D, L = cfg["dim"], cfg["nHeads"], cfg["nKVHeads"], cfg["headDim"], cfg["nLayers"]
    eps, theta, neox, rot = cfg["rmsEps"], cfg["ropeTheta"], cfg["ropeNeox"], cfg["ropeDim"]
    B, T = tokens.shape
    x = W["token_embd.weight"][tokens]                           # (B, T, C)
    causal = np.tril(np.ones((T, T), bool))
    for l in range(L):
        p = f"blk.{l}."
        h = rmsnorm(x, W[p + "attn_norm.weight"], eps)
        q = h @ W[p + "attn_q.weight"].T + W.get(p + "attn_q.bias", 0)
        k = h @ W[p + "attn_k.weight"].T + W.get(p + "attn_k.bias", 0)
        v = h @ W[p + "attn_v.weight"].T + W.get(p + "attn_v.bias", 0)
        q, k = rope(q, H, D, rot, theta, neox), rope(k, KV, D, rot, theta, neox)
        q = q.reshape(B, T, H, D).transpose(0, 2, 1, 3)          # (B, H, T, D)
        k = np.repeat(k.reshape(B, T, KV, D).transpose(0, 2, 1, 3), H // KV, axis=1)
        v = np.repeat(v.reshape(B, T, KV, D).transpose(0, 2, 1, 3), H // KV, axis=1)
        s = q @ k.transpose(0, 1, 3, 2) / np.sqrt(D)             # (B, H, T, T)
        s = np.where(causal, s, -np.inf)
        s = np.exp(s - s.max(-1, keepdims=True))
        s /= s.sum(-1, keepdims=True)
        o = (s @ v).transpose(0, 2, 1, 3).reshape(B, T, H * D)
        x = x + o @ W[p + "attn_output.weight"].T
        h = rmsnorm(x, W[p + "ffn_norm.weight"], eps)
        g, u = h @ W[p + "ffn_gate.weight"].T, h @ W[p + "ffn_up.weight"].T
        x = x + (g / (1 + np.exp(-g)) * u) @ W[p + "ffn_down.weight"].T
    z = rmsnorm(x, W["output_norm.weight"], eps) @ W.get("output.weight", W["token_embd.weight"]).T
    z = z - z.max(-1, keepdims=True)
    logp = z - np.log(np.exp(z).sum(-1, keepdims=True))         # (B, T, V)
    nll = -np.take_along_axis(logp, targets[..., None], -1)[..., 0]
    return (nll * mask).sum() / mask.sum()


def main():
    d = sys.argv[1]
    spec = json.load(open(f"{d}/model.json"))
    cfg, B, T = spec["shape"], spec["B"], spec["T"]
    flat = np.fromfile(f"{d}/params.f32", np.float32).astype(np.float64)
    tokens = np.fromfile(f"{d}/tokens.i32", np.int32).reshape(B, T)
    targets = np.fromfile(f"{d}/targets.i32", np.int32).reshape(B, T)
    mask = np.fromfile(f"{d}/mask.f32", np.float32).astype(np.float64).reshape(B, T)
    # Views into the flat vector, so perturbing flat perturbs the named tensor.
    W = {t["name"]: flat[t["offset"]:t["offset"] + int(np.prod(t["shape"]))].reshape(t["shape"])
         for t in spec["tensors"]}
    base = loss(W, cfg, tokens, targets, mask)
    grads = np.zeros_like(flat)
    h = 1e-6
    for i in range(flat.size):
        keep = flat[i]
        flat[i] = keep + h
        up = loss(W, cfg, tokens, targets, mask)
        flat[i] = keep - h
        down = loss(W, cfg, tokens, targets, mask)
        flat[i] = keep
        grads[i] = (up - down) / (2 * h)
    grads.tofile(f"{d}/grads.f64")
    print(repr(float(base)))


if __name__ == "__main__":
    main()
