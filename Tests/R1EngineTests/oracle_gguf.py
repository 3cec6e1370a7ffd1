"""Minimal GGUF v3 writer for the test oracles (our own; spec: reference/engine.md §1).

Used by make_tokenizer_goldens.py (vocab-only file) and make_model_goldens.py
(tiny random models). Only numpy and the standard library.
"""
import struct

U8, I8, U16, I16, U32, I32, F32, BOOL, STR, ARR, U64, I64, F64 = range(13)


def _str(s):
    b = s.encode("utf-8")
    return struct.pack("<Q", len(b)) + b


def _val(t, v):
    if t == STR:
        return _str(v)
    if t == ARR:
        et, items = v
        return struct.pack("<IQ", et, len(items)) + b"".join(_val(et, x) for x in items)
    fmt = {U8: "<B", I8: "<b", U16: "<H", I16: "<h", U32: "<I", I32: "<i", F32: "<f",
           BOOL: "<?", U64: "<Q", I64: "<q", F64: "<d"}[t]
    return struct.pack(fmt, v)


def write_gguf(path, kvs, tensors, alignment=32):
    """kvs: list of (key, type, value); arrays as (ARR, (elem_type, list)).
    tensors: list of (name, ne (ne0 first), ggml_type, raw bytes)."""
    head = struct.pack("<IIQQ", 0x46554747, 3, len(tensors), len(kvs))
    for k, t, v in kvs:
        head += _str(k) + struct.pack("<I", t) + _val(t, v)
    offs, off = [], 0
    for name, ne, gt, raw in tensors:
        offs.append(off)
        off += (len(raw) + alignment - 1) // alignment * alignment
    for (name, ne, gt, raw), o in zip(tensors, offs):
        head += _str(name) + struct.pack("<I", len(ne)) + b"".join(struct.pack("<Q", d) for d in ne)
        head += struct.pack("<IQ", gt, o)
    pad = (-len(head)) % alignment
    with open(path, "wb") as f:
        f.write(head + b"\0" * pad)
        for (name, ne, gt, raw), o in zip(tensors, offs):
            f.write(raw + b"\0" * ((-len(raw)) % alignment))
