#!/usr/bin/env python3
"""Checks that a Hugging Face folder written by R1CI (`r1ci train … --out DIR`,
`r1ci export RUN --format hf`) loads in `transformers` and generates, greedily,
the same tokens as R1CI's own engine on the same folder.

    PYTHON_WITH_TORCH=/work/benchenv/torch/bin/python   # a venv with torch + transformers
    $PYTHON_WITH_TORCH scripts/check_hf_export.py DIR [--r1ci .build/debug/r1ci]

Not part of `make test`: torch and transformers are several GB (bench/README.md says
how the bench venv was made). Exit status 0 when the tokens agree, 1 when not.
"""
import argparse, json, os, subprocess, sys

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
p.add_argument("folder")
p.add_argument("--r1ci", default=os.path.join(root, ".build/debug/r1ci"))
p.add_argument("--prompt", default="The capital of France is")
p.add_argument("--tokens", type=int, default=16)
a = p.parse_args()

tokenizer = AutoTokenizer.from_pretrained(a.folder)
model = AutoModelForCausalLM.from_pretrained(a.folder, dtype=torch.float32)
ids = tokenizer(a.prompt, return_tensors="pt").input_ids
with torch.no_grad():
    theirs = model.generate(ids, max_new_tokens=a.tokens, do_sample=False)[0, ids.shape[1]:].tolist()

ours = json.loads(subprocess.run([a.r1ci, "generate", "--model", a.folder, "--prompt", a.prompt,
                                  "--max-tokens", str(a.tokens), "--json"],
                                 capture_output=True, text=True, check=True).stdout)
print(f"transformers {type(model).__name__}: prompt {ids[0].tolist()} → {theirs}")
print(f"r1ci:                  prompt {ours['prompt_tokens']} → {ours['tokens']}")
same = ids[0].tolist() == ours["prompt_tokens"] and theirs == ours["tokens"][:len(theirs)]
print("same tokens" if same else "DIFFERENT tokens")
sys.exit(0 if same else 1)
