/* SPDX-License-Identifier: GPL-2.0-only */
/* eBPF instructions as text, in the verifier's notation (`-d`). */
#ifndef XDPSPY_EBPF_DUMP_H
#define XDPSPY_EBPF_DUMP_H

#include <stddef.h>
#include <stdio.h>

/* insns: struct bpf_insn of linux/bpf.h, n of them. */
void ebpf_dump(FILE *f, const void *insns, size_t n);

#endif
