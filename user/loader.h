/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The only code that touches the BPF skeleton: load, test-run, ring-buffer consumption,
 * counters. Everything returns 0 or -errno.
 */
#ifndef XDPSPY_LOADER_H
#define XDPSPY_LOADER_H

#include <stddef.h>
#include <stdint.h>

#include "counters.h"

/* Called for each ring record; the same shape as libbpf's ring_buffer_sample_fn, so this
 * header stays free of libbpf (whose struct bpf_insn clashes with libpcap's). */
typedef int (*loader_event_fn)(void *ctx, void *data, size_t size);

struct loader_cfg {
	unsigned ring_kib;
	uint32_t wakeup_bytes; /* 0: the kernel's adaptive wakeups */
};

struct loader;

/* Names the capabilities a load needs and this process lacks; returns how many. */
int loader_missing_caps(char *buf, size_t len);

int loader_open(struct loader **out, const struct loader_cfg *cfg, loader_event_fn fn, void *ctx);
void loader_close(struct loader *l);
/* Runs one frame through the XDP program (BPF_PROG_TEST_RUN); *verdict gets its return. */
int loader_test_run(struct loader *l, const void *frame, uint32_t len, uint32_t *verdict);
/* Hands every record in the ring to the sample callback; returns how many, or -errno. */
int loader_consume(struct loader *l);
/* Sums the per-CPU counters. */
int loader_counters(struct loader *l, struct xs_counters *out);

#endif
