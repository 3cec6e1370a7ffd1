"""Float64 reference for the GRPO/PPO math (RLMathTests.swift).

Reads a JSON list of cases on stdin and prints a JSON list of answers. Every
formula is written here in the vectorised, batch-matrix form the public RL
libraries use (padding rows with mask 0), independently of the Swift code;
gradients are central differences in float64.
"""
import json
import sys

import numpy as np


def group_advantages(rewards, std_norm, eps):
    r = np.asarray(rewards, dtype=np.float64)
    if r.size == 1:
        mean, std = 0.0, 1.0
    else:
        mean, std = r.mean(), r.std(ddof=1)
    return ((r - mean) / (std + eps) if std_norm else r - mean).tolist()


def log_softmax(z):
    m = z.max(axis=-1, keepdims=True)
    s = z - m
    return s - np.log(np.exp(s).sum(axis=-1, keepdims=True))


def aggregate(loss, mask, mode, norm_length):
    if mode == "token-mean":
        return (loss * mask).sum() / mask.sum()
    if mode == "seq-mean-token-mean":
        sums = mask.sum(axis=-1)
        keep = sums > 0
        per_seq = (loss * mask).sum(axis=-1)[keep] / sums[keep]
        return per_seq.mean()
    if mode == "seq-mean-token-sum-norm":
        return (loss * mask).sum(axis=-1).sum() / (loss.shape[0] * norm_length)
    raise ValueError(mode)


def policy_objective(logits, c):
    """Total loss pg + beta*kl for logits (S, T, V)."""
    tau = c["temperature"]
    targets = np.asarray(c["targets"])
    mask = np.asarray(c["mask"], dtype=np.float64)
    old = np.asarray(c["old"], dtype=np.float64)
    ref = np.asarray(c["ref"], dtype=np.float64)
    adv = np.asarray(c["adv"], dtype=np.float64)
    lp_all = log_softmax(logits / tau)
    logp = np.take_along_axis(lp_all, targets[..., None], axis=-1)[..., 0]
    neg_kl = np.clip(logp - old, -20.0, 20.0)
    ratio = np.exp(neg_kl)
    pg1 = -adv * ratio
    pg2 = -adv * np.clip(ratio, 1 - c["clip_low"], 1 + c["clip_high"])
    clipped = np.maximum(pg1, pg2)
    if c["dual_clip"] is not None:
        pg3 = -adv * c["dual_clip"]
        pg = np.where(adv < 0, np.minimum(pg3, clipped), clipped)
    else:
        pg = clipped
    kl = np.clip(ref - logp, -20.0, 20.0)
    k3 = np.clip(np.exp(kl) - kl - 1, -10.0, 10.0)
    pg_loss = aggregate(pg, mask, c["agg"], c["norm_length"])
    kl_loss = aggregate(k3, mask, c["agg"], c["norm_length"])
    return pg_loss + c["kl_coef"] * kl_loss, pg_loss, kl_loss, logp, (pg2 > pg1)


def policy_case(c):
    logits = np.asarray(c["logits"], dtype=np.float64)
    total, pg_loss, kl_loss, logp, clipped = policy_objective(logits, c)
    grad = np.zeros_like(logits)
    h = 1e-6
    it = np.nditer(logits, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        up = logits.copy(); up[i] += h
        dn = logits.copy(); dn[i] -= h
        grad[i] = (policy_objective(up, c)[0] - policy_objective(dn, c)[0]) / (2 * h)
    mask = np.asarray(c["mask"], dtype=np.float64)
    return {"loss": total, "pg_loss": pg_loss, "kl_loss": kl_loss, "logp": logp.tolist(),
            "clipfrac": float((clipped * mask).sum() / mask.sum()), "dlogits": grad.tolist()}


def gae_case(c):
    rewards = np.asarray(c["rewards"], dtype=np.float64)
    values = np.asarray(c["values"], dtype=np.float64)
    mask = np.asarray(c["mask"], dtype=np.float64)
    gamma, lam = c["gamma"], c["lam"]
    S, T = rewards.shape
    next_values = np.zeros(S)
    last = np.zeros(S)
    out = []
    for t in reversed(range(T)):
        delta = rewards[:, t] + gamma * next_values - values[:, t]
        new_last = delta + gamma * lam * last
        next_values = values[:, t] * mask[:, t] + (1 - mask[:, t]) * next_values
        last = new_last * mask[:, t] + (1 - mask[:, t]) * last
        out.append(last)
    adv = np.stack(out[::-1], axis=1)
    returns = adv + values
    sel = adv[mask > 0]
    whitened = (adv - sel.mean()) / np.sqrt(sel.var(ddof=1) + 1e-8)
    return {"advantages": adv.tolist(), "returns": returns.tolist(), "whitened": whitened.tolist()}


def value_loss(values, c):
    old = np.asarray(c["old_values"], dtype=np.float64)
    ret = np.asarray(c["returns"], dtype=np.float64)
    mask = np.asarray(c["mask"], dtype=np.float64)
    clipped = old + np.clip(values - old, -c["clip"], c["clip"])
    l1 = (values - ret) ** 2
    l2 = (clipped - ret) ** 2
    loss = 0.5 * np.maximum(l1, l2)
    return (loss * mask).sum() / mask.sum(), float(((l2 > l1) * mask).sum() / mask.sum())


def value_case(c):
    values = np.asarray(c["values"], dtype=np.float64)
    loss, clipfrac = value_loss(values, c)
    grad = np.zeros_like(values)
    h = 1e-6
    for i in np.ndindex(values.shape):
        up = values.copy(); up[i] += h
        dn = values.copy(); dn[i] -= h
        grad[i] = (value_loss(up, c)[0] - value_loss(dn, c)[0]) / (2 * h)
    return {"loss": loss, "clipfrac": clipfrac, "dvalues": grad.tolist()}


def main():
    answers = []
    for c in json.load(sys.stdin):
        kind = c["kind"]
        if kind == "groups":
            answers.append({"advantages": [group_advantages(g, c["std_norm"], c["eps"]) for g in c["rewards"]]})
        elif kind == "policy":
            answers.append(policy_case(c))
        elif kind == "gae":
            answers.append(gae_case(c))
        elif kind == "value":
            answers.append(value_case(c))
        else:
            raise ValueError(kind)
    json.dump(answers, sys.stdout)


if __name__ == "__main__":
    main()
