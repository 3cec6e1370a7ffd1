#!/usr/bin/env python3
"""Generates the tokenizer goldens with the Hugging Face `tokenizers` library.

    pip install tokenizers gguf
    python3 Tests/R1EngineTests/make_tokenizer_goldens.py [path/to/SmolLM2-135M-Instruct.Q4_1.gguf]

Writes into Fixtures/:
  smollm2-vocab.gguf      vocab-only GGUF (tokenizer.* keys copied from the model)
  tokenizer_goldens.json  {"smollm": [...], "qwen2": [...], "decode": [...]}

The HF tokenizer is assembled from the GGUF vocab and merges with the
pre-tokenizer SmolLM2's tokenizer.json uses (Digits(individual_digits) then
ByteLevel without prefix space). The "qwen2" set runs Qwen2's split regex
(Split(Isolated) + ByteLevel(use_regex=False)) over the same vocab, to check
that pre-tokenizer without a Qwen vocabulary; Qwen2's NFC normalizer is left out.
"""
import json, os, random, sys
import gguf
from tokenizers import Tokenizer, Regex, AddedToken, models, pre_tokenizers, decoders
from oracle_gguf import write_gguf, STR, ARR, I32, U32, BOOL

HERE = os.path.dirname(os.path.abspath(__file__))
FIX = os.path.join(HERE, "Fixtures")
QWEN2_RE = (r"(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}"
            r"| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+")


def model_path():
    if len(sys.argv) > 1:
        return sys.argv[1]
    d = os.environ.get("R1CI_MODELS") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "r1ci", "models")
    return os.path.join(d, "SmolLM2-135M-Instruct.Q4_1.gguf")


def read_vocab(path):
    r = gguf.GGUFReader(path)
    f = r.fields
    def strings(k):
        fl = f[k]
        return [bytes(fl.parts[i]).decode("utf-8") for i in fl.data]
    toks = strings("tokenizer.ggml.tokens")
    merges = strings("tokenizer.ggml.merges")
    types = [int(f["tokenizer.ggml.token_type"].parts[i][0]) for i in f["tokenizer.ggml.token_type"].data]
    scal = lambda k: int(f[k].parts[f[k].data[0]][0])
    return toks, merges, types, scal("tokenizer.ggml.bos_token_id"), scal("tokenizer.ggml.eos_token_id")


def hf_tokenizer(toks, merges, types, mode):
    vocab = {t: i for i, t in enumerate(toks)}
    tk = Tokenizer(models.BPE(vocab, [tuple(m.split(" ", 1)) for m in merges], fuse_unk=False))
    if mode == "smollm":
        tk.pre_tokenizer = pre_tokenizers.Sequence([
            pre_tokenizers.Digits(individual_digits=True),
            pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True)])
    else:
        tk.pre_tokenizer = pre_tokenizers.Sequence([
            pre_tokenizers.Split(Regex(QWEN2_RE), behavior="isolated", invert=False),
            pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False)])
    tk.decoder = decoders.ByteLevel()
    tk.add_special_tokens([AddedToken(toks[i], special=True, normalized=False)
                           for i, t in enumerate(types) if t == 3])
    return tk


def corpus(rng):
    fixed = [
        "", " ", "  ", "\n", "\n\n", "\t", " \n ", "Hello", "Hello world", " Hello world", "Hello  world",
        "hello, world!", "What is 17 * 23?", "17*23=391", "3.14159", "1,000,000", "x=10000000000",
        "I'm", "I'M", "you're", "they've", "we'll", "she'd", "don't", "DON'T", "'s", "''s", "rock'n'roll",
        "def f(x):\n    return x**2\n", "for i in range(10):\n\tprint(i)", "if (a && b) { return -1; }",
        "```python\nprint(2+2)\n```", "```\n4\n```", "<<<42>>>", "$$\\frac{1}{2}$$", "a\u00a0b",
        "naïve café", "Ελληνικά", "русский текст", "中文字符测试", "日本語のテキスト", "한국어", "עברית", "العربية",
        "emoji 😀👍🏽🇫🇷", "👨‍👩‍👧‍👦", "zero\u200bwidth", "tab\tsep", "CRLF\r\nline", "\r\r\n\n", "trailing   ",
        "   leading", "mixed \t \n spaces", "١٢٣ ٤٥٦", "²³ ½ Ⅻ", "𝟙𝟚𝟛", "ＡＢＣ１２３", "e\u0301", "Å",
        "<|im_start|>user\nHi<|im_end|>\n", "<|im_start|>assistant\n", "text<|endoftext|>more",
        "<|im_end|><|im_end|>", "<|im_start", "im_start|>", "<repo_name>x<file_sep>", "< |im_end| >",
        "The quick brown fox jumps over the lazy dog.", "THE QUICK BROWN FOX", "camelCaseIdentifier",
        "snake_case_identifier", "kebab-case-thing", "http://example.com/path?q=1&r=2", "user@example.com",
        "    indented four", "\u3000ideographic space", "a\u2028b\u2029c", "..." , "!!!???", "----====",
        "0x1F 0b1010 0o17", "1e-5 2.5E+10", "-42", "+7", "(1+2)*3/4-5%6", "x^2 + y^2 = z^2",
    ]
    pools = [
        "abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "0123456789", " ", "  \t\n\r",
        ".,;:!?'\"()[]{}<>+-*/=_#@$%^&|~`\\", "éèàçñüößøåæœ", "αβγδεζηθλμπσω", "абвгдеёжзийкл",
        "的一是不了人我在有他这中大来", "😀😂🥲🤖🎉🔥", "٠١٢٣٤٥٦٧٨٩", "\u0301\u0308\u200d\ufe0f",
    ]
    words = ["the", " the", "The", " and", "print", "return", " def", "lambda", "answer", " python",
             "<|im_start|>", "<|im_end|>", "<|endoftext|>", "'s", "'ll", "'RE", " 123", "4567", "\n\n",
             "    ", "\t", "```", " Ġ", "Ċ", "self.", "__init__", "import numpy as np", "🙂", "ŉ", "ſ"]
    out = list(fixed)
    while len(out) < 1200:
        k = rng.random()
        n = rng.randint(1, 40)
        if k < 0.4:
            s = "".join(rng.choice(rng.choice(pools)) for _ in range(n))
        elif k < 0.8:
            s = "".join(rng.choice(words) + rng.choice(["", " ", "\n", ".", "1"]) for _ in range(rng.randint(1, 12)))
        else:
            s = "".join(chr(rng.choice([rng.randint(32, 126), rng.randint(0xA0, 0x2FFF), rng.randint(0x1F300, 0x1FAFF)]))
                        for _ in range(n))
        out.append(s)
    return out


def main():
    path = model_path()
    toks, merges, types, bos, eos = read_vocab(path)
    os.makedirs(FIX, exist_ok=True)
    write_gguf(os.path.join(FIX, "smollm2-vocab.gguf"), [
        ("general.architecture", STR, "llama"),
        ("general.name", STR, "SmolLM2 vocab only (test fixture)"),
        ("tokenizer.ggml.model", STR, "gpt2"),
        ("tokenizer.ggml.pre", STR, "smollm"),
        ("tokenizer.ggml.tokens", ARR, (STR, toks)),
        ("tokenizer.ggml.token_type", ARR, (I32, types)),
        ("tokenizer.ggml.merges", ARR, (STR, merges)),
        ("tokenizer.ggml.bos_token_id", U32, bos),
        ("tokenizer.ggml.eos_token_id", U32, eos),
        ("tokenizer.ggml.add_bos_token", BOOL, False),
    ], [])
    rng = random.Random(1234)
    texts = corpus(rng)
    res = {}
    for mode in ("smollm", "qwen2"):
        tk = hf_tokenizer(toks, merges, types, mode)
        res[mode] = [{"text": t, "ids": tk.encode(t).ids} for t in (texts if mode == "smollm" else texts[:600])]
    tk = hf_tokenizer(toks, merges, types, "smollm")
    dec = []
    for _ in range(300):
        ids = [rng.randrange(len(toks)) if rng.random() < 0.7 else rng.randrange(17, 400) for _ in range(rng.randint(1, 12))]
        dec.append({"ids": ids, "text": tk.decode(ids, skip_special_tokens=False)})
    res["decode"] = dec
    with open(os.path.join(FIX, "tokenizer_goldens.json"), "w", encoding="utf-8") as f:
        json.dump(res, f, ensure_ascii=False, separators=(",", ":"))
    print("wrote", len(res["smollm"]), "smollm,", len(res["qwen2"]), "qwen2,", len(dec), "decode cases")


if __name__ == "__main__":
    main()
