#!/usr/bin/env python3
"""Tiny random Hugging Face model folders and their float64 oracles, for the
safetensors / tokenizer.json / quantize tests (FormatsTests.swift runs this).

    python3 make_tiny_hf.py OUT [--smollm2 PATH.gguf]   build everything into OUT
    python3 make_tiny_hf.py check FILE.gguf FOLDER TYPE [EXPECTED.json NAME]
                                                        check a quantized GGUF with gguf-py (and give
                                                        the float64 logits of its dequantized weights)

OUT/hf-llama/    llama, GQA 4/2, tied embeddings, BF16 matrices + F32 norms, two shards without
                 an index (the second with a header not padded to 8 bytes), merges as "a b" strings,
                 pre-tokenizer Digits + ByteLevel (smollm)
OUT/hf-qwen2/    qwen2, GQA 4/2, QKV biases, untied F16 lm_head, F16 matrices, two shards with
                 model.safetensors.index.json, merges as ["a", "b"] pairs, Qwen2 Split regex + NFC
OUT/<name>.gguf  the same weights written by gguf-py's GGUFWriter (llama Q/K rows permuted to the
                 adjacent-pair order llama GGUF files use)
OUT/expected.json  per model: token ids, float64 logits (T, V) from make_model_goldens.forward with
                 half-split RoPE; tokenizer goldens from the `tokenizers` library on the corpus of
                 make_tokenizer_goldens.py; Q8_0/Q4_0 row goldens from gguf.quants.quantize
OUT/smollm2-tokenizer.json  (with --smollm2) SmolLM2's tokenizer rebuilt from the GGUF vocab, and
                 its goldens in expected.json

safetensors is written here by hand (the format is an 8-byte length, a JSON header and raw data).
"""
import json, os, random, struct, sys
import numpy as np
import gguf
from tokenizers import Tokenizer, Regex, models, normalizers, pre_tokenizers, decoders, trainers
from make_model_goldens import forward
from make_tokenizer_goldens import corpus, read_vocab, hf_tokenizer, QWEN2_RE

SPECIALS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
CHATML = ("{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + "
          "'<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}")
QWEN_SPLIT = r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"


# ── safetensors ─────────────────────────────────────────────────────────────
def write_safetensors(path, tensors, pad=True):
    """tensors: list of (name, dtype string, shape, raw bytes), written in that order."""
    header, off = {"__metadata__": {"format": "pt"}}, 0
    for name, dt, shape, raw in tensors:
        header[name] = {"dtype": dt, "shape": list(shape), "data_offsets": [off, off + len(raw)]}
        off += len(raw)
    h = json.dumps(header).encode()
    if pad:
        h += b" " * ((-len(h)) % 8)
    elif len(h) % 2 == 0:
        h += b" "  # odd length: every tensor lands misaligned in memory
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)) + h + b"".join(t[3] for t in tensors))


def stored(arr, dt):
    """float64 array → (raw bytes, float64 values exactly as stored)."""
    if dt == "F32":
        a = arr.astype(np.float32); return a.tobytes(), a.astype(np.float64)
    if dt == "F16":
        a = arr.astype(np.float16); return a.tobytes(), a.astype(np.float64)
    bits = (arr.astype(np.float32).view(np.uint32) + 0x8000) >> 16  # BF16, rounded
    a = bits.astype(np.uint16)
    return a.tobytes(), (a.astype(np.uint32) << 16).view(np.float32).astype(np.float64)


# ── tokenizer ───────────────────────────────────────────────────────────────
def train_tokenizer(kind, texts):
    tk = Tokenizer(models.BPE())
    if kind == "smollm":
        tk.pre_tokenizer = pre_tokenizers.Sequence([pre_tokenizers.Digits(individual_digits=True),
                                                    pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True)])
    else:
        tk.normalizer = normalizers.NFC()
        tk.pre_tokenizer = pre_tokenizers.Sequence([pre_tokenizers.Split(Regex(QWEN_SPLIT), behavior="isolated", invert=False),
                                                    pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False)])
    tk.decoder = decoders.ByteLevel()
    tr = trainers.BpeTrainer(vocab_size=420, special_tokens=SPECIALS, show_progress=False,
                             initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    tk.train_from_iterator(texts, tr)
    return tk


def training_text(rng):
    words = ["the", "answer", "is", "print", "return", "def", "python", "code", "value", "number", "café", "naïve",
             "résumé", "Ελλάδα", "日本", "x", "=", "+", "(", ")", ":", "\n", "    ", "I'm", "don't", "we'll"]
    return [" ".join(rng.choice(words) for _ in range(rng.randint(3, 20))) + str(rng.randint(0, 999)) for _ in range(400)]


# ── models ──────────────────────────────────────────────────────────────────
def build(out, name, arch, seed, tok_kind, texts):
    rng = np.random.default_rng(seed)
    folder = os.path.join(out, name)
    os.makedirs(folder, exist_ok=True)
    tk = train_tokenizer(tok_kind, texts)
    tk_path = os.path.join(folder, "tokenizer.json")
    tk.save(tk_path)
    j = json.load(open(tk_path, encoding="utf-8"))
    if arch == "llama":  # the older "a b" merge spelling
        j["model"]["merges"] = [" ".join(m) if isinstance(m, list) else m for m in j["model"]["merges"]]
        json.dump(j, open(tk_path, "w", encoding="utf-8"), ensure_ascii=False)
    tk = Tokenizer.from_file(tk_path)
    V = tk.get_vocab_size()
    C, H, KV, D, F, L = 64, 4, 2, 16, 128 if arch == "qwen2" else 96, 2
    tied = arch == "llama"
    mat_dt = "BF16" if arch == "llama" else "F16"
    theta, eps = (10000.0, 1e-5) if arch == "llama" else (1000000.0, 1e-6)
    hf, W = [], {}  # hf: (hf name, dtype, shape, raw); W: GGUF name → float64 as stored

    def add(hname, gname, shape, dt, scale, base=0.0):
        raw, vals = stored(base + scale * rng.standard_normal(shape), dt)
        hf.append((hname, dt, shape, raw)); W[gname] = vals

    add("model.embed_tokens.weight", "token_embd.weight", (V, C), mat_dt, 1.0)
    for l in range(L):
        p, g = f"model.layers.{l}.", f"blk.{l}."
        add(p + "input_layernorm.weight", g + "attn_norm.weight", (C,), "F32", 0.1, 1.0)
        for proj, gn, rows in (("q", "attn_q", H * D), ("k", "attn_k", KV * D), ("v", "attn_v", KV * D)):
            add(p + f"self_attn.{proj}_proj.weight", g + gn + ".weight", (rows, C), mat_dt, 0.2)
            if arch == "qwen2":
                add(p + f"self_attn.{proj}_proj.bias", g + gn + ".bias", (rows,), "F32", 0.3)
        add(p + "self_attn.o_proj.weight", g + "attn_output.weight", (C, H * D), mat_dt, 0.2)
        add(p + "post_attention_layernorm.weight", g + "ffn_norm.weight", (C,), "F32", 0.1, 1.0)
        add(p + "mlp.gate_proj.weight", g + "ffn_gate.weight", (F, C), mat_dt, 0.2)
        add(p + "mlp.up_proj.weight", g + "ffn_up.weight", (F, C), mat_dt, 0.2)
        add(p + "mlp.down_proj.weight", g + "ffn_down.weight", (C, F), mat_dt, 0.1)
    add("model.norm.weight", "output_norm.weight", (C,), "F32", 0.1, 1.0)
    if not tied:
        add("lm_head.weight", "output.weight", (V, C), "F16", 0.3)

    # Shards: larger dtypes first inside each file, so every offset is aligned.
    half = len(hf) // 2
    shards = [sorted(hf[:half], key=lambda t: -(len(t[3]) // int(np.prod(t[2])))),
              sorted(hf[half:], key=lambda t: -(len(t[3]) // int(np.prod(t[2]))))]
    files = ["model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"]
    for i, (fname, sh) in enumerate(zip(files, shards)):
        write_safetensors(os.path.join(folder, fname), sh, pad=(arch != "llama" or i == 0))
    if arch == "qwen2":
        wm = {t[0]: files[i] for i, sh in enumerate(shards) for t in sh}
        json.dump({"metadata": {"total_size": sum(len(t[3]) for t in hf)}, "weight_map": wm},
                  open(os.path.join(folder, "model.safetensors.index.json"), "w"))

    cfg = {"architectures": ["LlamaForCausalLM" if arch == "llama" else "Qwen2ForCausalLM"], "model_type": arch,
           "hidden_size": C, "num_hidden_layers": L, "num_attention_heads": H, "num_key_value_heads": KV,
           "intermediate_size": F, "rms_norm_eps": eps, "rope_theta": theta, "vocab_size": V,
           "max_position_embeddings": 256, "tie_word_embeddings": tied, "hidden_act": "silu", "rope_scaling": None,
           "torch_dtype": "bfloat16" if arch == "llama" else "float16"}
    if arch == "qwen2":
        cfg["head_dim"] = D
    json.dump(cfg, open(os.path.join(folder, "config.json"), "w"), indent=1)
    template = CHATML if arch == "llama" else "{# You are Qwen, created by Alibaba Cloud. You are a helpful assistant. #}" + CHATML
    json.dump({"eos_token": "<|im_end|>", "pad_token": {"content": "<|endoftext|>"}, "bos_token": None,
               "add_bos_token": False, "chat_template": template},
              open(os.path.join(folder, "tokenizer_config.json"), "w"))
    eog = [tk.token_to_id("<|im_end|>"), tk.token_to_id("<|endoftext|>")]
    if arch == "qwen2":
        json.dump({"eos_token_id": eog}, open(os.path.join(folder, "generation_config.json"), "w"))

    write_gguf_twin(os.path.join(out, name + ".gguf"), arch, cfg, hf, tk, j, template, permute=(arch == "llama"))

    text = "<|im_start|>user\nWhat is 17 * 23? café<|im_end|>\n<|im_start|>assistant\n"
    tokens = tk.encode(text, add_special_tokens=False).ids
    fcfg = dict(dim=C, heads=H, kv_heads=KV, layers=L, eps=eps, theta=theta, neox=True)
    logits = forward(W, fcfg, np.array(tokens))
    return {"tokens": tokens, "logits": logits.round(7).tolist(), "vocab": V, "tied": tied,
            "eog": sorted(eog), "pad": tk.token_to_id("<|endoftext|>"), "eos": tk.token_to_id("<|im_end|>")}


def permute_rows(w, heads):
    """Half-split rows (HF) → adjacent-pair rows (llama GGUF): within a head, row j·D/2 + i → row 2i + j."""
    r, c = w.shape
    return w.reshape(heads, 2, r // heads // 2, c).swapaxes(1, 2).reshape(r, c)


def write_gguf_twin(path, arch, cfg, hf, tk, j, template, permute):
    w = gguf.GGUFWriter(path, arch)
    w.add_name(os.path.basename(path))
    w.add_context_length(cfg["max_position_embeddings"]); w.add_embedding_length(cfg["hidden_size"])
    w.add_block_count(cfg["num_hidden_layers"]); w.add_feed_forward_length(cfg["intermediate_size"])
    w.add_head_count(cfg["num_attention_heads"]); w.add_head_count_kv(cfg["num_key_value_heads"])
    w.add_rope_freq_base(cfg["rope_theta"]); w.add_layer_norm_rms_eps(cfg["rms_norm_eps"])
    vocab = tk.get_vocab(with_added_tokens=True)
    toks = [None] * len(vocab)
    for t, i in vocab.items():
        toks[i] = t
    w.add_tokenizer_model("gpt2"); w.add_tokenizer_pre("smollm" if arch == "llama" else "qwen2")
    w.add_token_list(toks)
    w.add_token_types([3 if t in SPECIALS else 1 for t in toks])
    w.add_token_merges([" ".join(m) if isinstance(m, list) else m for m in j["model"]["merges"]])
    w.add_eos_token_id(tk.token_to_id("<|im_end|>")); w.add_add_bos_token(False)
    w.add_chat_template(template)
    names = {"model.embed_tokens.weight": "token_embd.weight", "model.norm.weight": "output_norm.weight", "lm_head.weight": "output.weight"}
    parts = {"input_layernorm": "attn_norm", "post_attention_layernorm": "ffn_norm", "self_attn.q_proj": "attn_q",
             "self_attn.k_proj": "attn_k", "self_attn.v_proj": "attn_v", "self_attn.o_proj": "attn_output",
             "mlp.gate_proj": "ffn_gate", "mlp.up_proj": "ffn_up", "mlp.down_proj": "ffn_down"}
    for hname, dt, shape, raw in hf:
        if hname in names:
            g = names[hname]
        else:
            _, _, l, rest = hname.split(".", 3)
            mod, kind = rest.rsplit(".", 1)
            g = f"blk.{l}.{parts[mod]}.{kind}"
        npdt = {"F32": np.float32, "F16": np.float16, "BF16": np.uint16}[dt]
        a = np.frombuffer(raw, npdt).reshape(shape)
        if permute and g.endswith(("attn_q.weight", "attn_k.weight")):
            a = permute_rows(a, cfg["num_attention_heads"] if "attn_q" in g else cfg["num_key_value_heads"])
        w.add_tensor(g, np.ascontiguousarray(a), raw_dtype=gguf.GGMLQuantizationType.BF16 if dt == "BF16" else None)
    w.write_header_to_file(); w.write_kv_data_to_file(); w.write_tensors_to_file(); w.close()


# ── quantization goldens ────────────────────────────────────────────────────
def quant_rows(rng):
    rows = [rng.standard_normal(128) * s for s in (1.0, 0.01, 300.0)]
    rows.append(np.zeros(64))
    rows.append(np.concatenate([np.full(32, -2.5), np.full(32, 7.0)]))      # ties; a negative maximum
    r = rng.standard_normal(64); r[5], r[9] = 3.0, -3.0; rows.append(r)    # first of equal magnitudes wins
    rows.append(np.round(rng.standard_normal(96) * 4) / 2)                  # many exact .5 values
    out = []
    for row in rows:
        x = row.astype(np.float32)
        out.append({"x": [float(v) for v in x],
                    "q8_0": gguf.quants.quantize(x.reshape(1, -1), gguf.GGMLQuantizationType.Q8_0).tobytes().hex(),
                    "q4_0": gguf.quants.quantize(x.reshape(1, -1), gguf.GGMLQuantizationType.Q4_0).tobytes().hex()})
    return out


def tokenizer_goldens(tk, texts):
    enc = [{"text": t, "ids": tk.encode(t, add_special_tokens=False).ids} for t in texts]
    rng = random.Random(5)
    n = tk.get_vocab_size()
    dec = []
    for _ in range(200):
        ids = [rng.randrange(n) for _ in range(rng.randint(1, 10))]
        dec.append({"ids": ids, "text": tk.decode(ids, skip_special_tokens=False)})
    return {"encode": enc, "decode": dec}


def main(out, smollm2):
    os.makedirs(out, exist_ok=True)
    rng = random.Random(1234)
    texts = corpus(rng)
    train = training_text(random.Random(7))
    res = {"models": {}, "tokenizers": {}}
    for name, arch, seed, kind in (("hf-llama", "llama", 11, "smollm"), ("hf-qwen2", "qwen2", 12, "qwen2")):
        res["models"][name] = build(out, name, arch, seed, kind, train)
        tk = Tokenizer.from_file(os.path.join(out, name, "tokenizer.json"))
        res["tokenizers"][name] = tokenizer_goldens(tk, texts + ["e\u0301t\u00e9 A\u030a \u212b caf\u00e9 cafe\u0301", "it'\u017fb x'Ssa we'LLy it'\u212ab"])
    if smollm2 and os.path.exists(smollm2):
        toks, merges, types, _, _ = read_vocab(smollm2)
        tk = hf_tokenizer(toks, merges, types, "smollm")
        tk.save(os.path.join(out, "smollm2-tokenizer.json"))
        res["tokenizers"]["smollm2"] = tokenizer_goldens(Tokenizer.from_file(os.path.join(out, "smollm2-tokenizer.json")), texts[:600])
    res["quant_rows"] = quant_rows(np.random.default_rng(3))
    json.dump(res, open(os.path.join(out, "expected.json"), "w", encoding="utf-8"), ensure_ascii=False)


# ── check a quantized GGUF against its source folder ───────────────────────
def check(path, folder, qtype, expected=None, name=None):
    """Reads FILE with gguf-py and checks that every tensor equals gguf-py's own
    quantization of the folder's weights (llama Q/K permuted), and the metadata.
    With EXPECTED and NAME, also returns the float64 logits of the model's tokens
    over gguf-py's dequantization of the file (llama: adjacent-pair RoPE)."""
    qt = {"q8_0": gguf.GGMLQuantizationType.Q8_0, "q4_0": gguf.GGMLQuantizationType.Q4_0}[qtype]
    r = gguf.GGUFReader(path)
    cfg = json.load(open(os.path.join(folder, "config.json")))
    arch = r.fields["general.architecture"].contents()
    src = {}
    for fn in sorted(os.listdir(folder)):
        if fn.endswith(".safetensors"):
            b = open(os.path.join(folder, fn), "rb").read()
            n = struct.unpack("<Q", b[:8])[0]
            h = json.loads(b[8:8 + n])
            for k, v in h.items():
                if k == "__metadata__":
                    continue
                s, e = v["data_offsets"]
                raw = b[8 + n + s:8 + n + e]
                a = {"F32": lambda x: np.frombuffer(x, np.float32),
                     "F16": lambda x: np.frombuffer(x, np.float16).astype(np.float32),
                     "BF16": lambda x: (np.frombuffer(x, np.uint16).astype(np.uint32) << 16).view(np.float32)}[v["dtype"]](raw)
                src[k] = a.reshape(v["shape"])
    errors, checked = [], 0
    hf = {t.name: t for t in r.tensors}
    want = {"token_embd.weight": "model.embed_tokens.weight", "output_norm.weight": "model.norm.weight"}
    if not cfg.get("tie_word_embeddings"):
        want["output.weight"] = "lm_head.weight"
    parts = {"attn_norm": "input_layernorm", "ffn_norm": "post_attention_layernorm", "attn_q": "self_attn.q_proj",
             "attn_k": "self_attn.k_proj", "attn_v": "self_attn.v_proj", "attn_output": "self_attn.o_proj",
             "ffn_gate": "mlp.gate_proj", "ffn_up": "mlp.up_proj", "ffn_down": "mlp.down_proj"}
    for l in range(cfg["num_hidden_layers"]):
        for g, h in parts.items():
            want[f"blk.{l}.{g}.weight"] = f"model.layers.{l}.{h}.weight"
            if f"model.layers.{l}.{h}.bias" in src:
                want[f"blk.{l}.{g}.bias"] = f"model.layers.{l}.{h}.bias"
    if set(hf) != set(want):
        errors.append(f"tensor names differ: extra {sorted(set(hf) - set(want))}, missing {sorted(set(want) - set(hf))}")
    for g, h in want.items():
        if g not in hf:
            continue
        t, x = hf[g], src[h].astype(np.float32)
        if arch == "llama" and g.endswith(("attn_q.weight", "attn_k.weight")):
            x = permute_rows(x, cfg["num_attention_heads"] if "attn_q" in g else cfg["num_key_value_heads"])
        if x.ndim == 2:
            if t.tensor_type != qt:
                errors.append(f"{g}: type {t.tensor_type.name}, want {qt.name}")
                continue
            exp = gguf.quants.quantize(x, qt)
            if exp.tobytes() != np.asarray(t.data).tobytes():
                errors.append(f"{g}: quantized bytes differ from gguf-py's")
            deq = gguf.quants.dequantize(np.asarray(t.data), t.tensor_type).reshape(x.shape)
            if not np.array_equal(deq, gguf.quants.dequantize(exp, qt).reshape(x.shape)):
                errors.append(f"{g}: dequantized values differ")
        else:
            if t.tensor_type != gguf.GGMLQuantizationType.F32 or not np.array_equal(np.asarray(t.data).reshape(-1), x.reshape(-1)):
                errors.append(f"{g}: not the F32 source values")
        checked += 1
    f = r.fields
    expect = {f"{arch}.block_count": cfg["num_hidden_layers"], f"{arch}.embedding_length": cfg["hidden_size"],
              f"{arch}.attention.head_count": cfg["num_attention_heads"],
              f"{arch}.attention.head_count_kv": cfg["num_key_value_heads"],
              f"{arch}.feed_forward_length": cfg["intermediate_size"], "tokenizer.ggml.model": "gpt2",
              "general.file_type": 7 if qtype == "q8_0" else 2}
    for k, v in expect.items():
        if k not in f or f[k].contents() != v:
            errors.append(f"metadata {k}: {f[k].contents() if k in f else 'missing'}, want {v}")
    tj = json.load(open(os.path.join(folder, "tokenizer.json"), encoding="utf-8"))
    toks = f["tokenizer.ggml.tokens"].contents()
    for t, i in list(tj["model"]["vocab"].items()) + [(a["content"], a["id"]) for a in tj["added_tokens"]]:
        if toks[i] != t:
            errors.append(f"token {i}: {toks[i]!r}, want {t!r}"); break
    if len(f["tokenizer.ggml.merges"].contents()) != len(tj["model"]["merges"]):
        errors.append("merge count differs")
    if "tokenizer.chat_template" not in f:
        errors.append("chat template missing")
    res = {"ok": not errors, "checked": checked, "errors": errors[:10]}
    if expected:
        W = {}
        for t in r.tensors:
            w = gguf.quants.dequantize(np.asarray(t.data), t.tensor_type).astype(np.float64)
            W[t.name] = w.reshape([int(x) for x in t.shape][::-1]) if len(t.shape) > 1 else w.reshape(-1)
        k = lambda key: f[f"{arch}.{key}"].contents()
        fcfg = dict(dim=k("embedding_length"), heads=k("attention.head_count"), kv_heads=k("attention.head_count_kv"),
                    layers=k("block_count"), theta=k("rope.freq_base"), eps=k("attention.layer_norm_rms_epsilon"),
                    neox=(arch == "qwen2"))
        tokens = json.load(open(expected, encoding="utf-8"))["models"][name]["tokens"]
        res["logits"] = forward(W, fcfg, np.array(tokens)).round(7).tolist()
    print(json.dumps(res))


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "check":
        check(*sys.argv[2:7])
    else:
        main(sys.argv[1], sys.argv[sys.argv.index("--smollm2") + 1] if "--smollm2" in sys.argv else None)
