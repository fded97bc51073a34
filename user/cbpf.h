/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A classic BPF program as libpcap compiles it, in a type of our own: libpcap's struct bpf_insn
 * and the kernel's eBPF struct bpf_insn share a name, so the compiler (libpcap side) and the
 * translator (eBPF side) meet here. The layout is libpcap's and the kernel's sock_filter.
 */
#ifndef XDPSPY_CBPF_H
#define XDPSPY_CBPF_H

#include <stddef.h>
#include <stdint.h>

struct cbpf_insn {
	uint16_t code;
	uint8_t jt;
	uint8_t jf;
	uint32_t k;
};

struct cbpf_prog {
	struct cbpf_insn *insns;
	size_t len;
};

#endif
