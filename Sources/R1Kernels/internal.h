// Shared helpers for the kernel files (not part of the public header).
#ifndef R1K_INTERNAL_H
#define R1K_INTERNAL_H
#include <stdint.h>
#include <string.h>
#include "r1kernels.h"

static inline float r1k_rd_half(const uint8_t *p) { return r1k_fp16_to_fp32((uint16_t)(p[0] | (p[1] << 8))); }

/// Returns a per-thread scratch buffer of at least `bytes` (slot selects one of a few buffers).
void *r1k_scratch(int slot, size_t bytes);
#endif
