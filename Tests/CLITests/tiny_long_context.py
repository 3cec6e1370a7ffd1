#!/usr/bin/env python3
"""Copies a llama GGUF with a longer llama.context_length and every other byte
unchanged, so the tiny test model can hold a whole task question in its context.
Used by DemoCLITests. The key's value is a UINT32 right after the key string and
its type tag; gguf-py reads the copy back to confirm.

    python3 tiny_long_context.py IN.gguf OUT.gguf CONTEXT
"""
import os, struct, sys
import gguf

src, dst, context = sys.argv[1], sys.argv[2], int(sys.argv[3])
key = b"llama.context_length"
data = bytearray(open(src, "rb").read())
at = data.find(struct.pack("<Q", len(key)) + key)
assert at >= 0 and data.find(key, at + 8 + len(key)) < 0, "the key must occur once"
tag = at + 8 + len(key)
assert struct.unpack_from("<I", data, tag)[0] == gguf.GGUFValueType.UINT32
struct.pack_into("<I", data, tag + 4, context)
with open(dst + ".tmp", "wb") as f:
    f.write(data)
assert gguf.GGUFReader(dst + ".tmp").fields["llama.context_length"].contents() == context
os.replace(dst + ".tmp", dst)
