/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Classic BPF (libpcap's output) to eBPF that XDP and TC programs may run. The result keeps
 * libpcap's semantics: A, X and the scratch words start at 0, a load past the frame's end
 * rejects the packet, division by zero rejects it, `ret` 0 rejects and anything else matches.
 * Every load is bounds-checked against data_end; bytes beyond the linear part (multi-buffer
 * XDP, paged skbs) are fetched with the hook's load_bytes helper. Backward jumps (libpcap's
 * `protochain` walk) become a loop with an iteration budget, so the verifier sees it end. At
 * TC the socket-filter metadata loads libpcap emits for a live capture (VLAN tag, packet type,
 * protocol, interface) read the skb's fields, as the kernel's socket filter does.
 */
#ifndef XDPSPY_XLATE_H
#define XDPSPY_XLATE_H

#include <stddef.h>
#include <stdint.h>

#include "cbpf.h"

/* Backward jumps one packet may take: protochain follows at most this many IPv6 extension
 * headers; a longer chain does not match. */
#define XLATE_LOOP_BUDGET 16

enum xlate_hook { XLATE_XDP, XLATE_TC };

/*
 * The bytes the filter sees. At TC the frame can differ from what libpcap gives the filter:
 * an outer VLAN tag the skb holds in metadata is not in the bytes (libpcap puts it back). The
 * view puts it back for every load: a synthesized header replaces the frame's first bytes.
 */
enum xlate_view {
	XLATE_VIEW_FRAME, /* the frame's bytes as they are (XDP, tests) */
	XLATE_VIEW_VLAN, /* TC: with the skb's VLAN tag, when it has one, back after the MACs */
	/* TC, -i any: libpcap's cooked capture, a LINUX_SLL2 header (protocol, interface, its
	 * ARPHRD type, packet type, source MAC) in place of the Ethernet header */
	XLATE_VIEW_SLL2,
};

enum xlate_verdict {
	XLATE_TAIL_CALL, /* tail-call the chain's MATCH or REJECT slot (include/chain.h) */
	XLATE_RETURN, /* return 1 (match) or 0 (reject): for tests */
};

struct xlate_cfg {
	enum xlate_hook hook;
	enum xlate_view view;
	bool egress; /* TC egress: the packet type is PACKET_OUTGOING, as a packet tap sees it */
	uint16_t hatype; /* XLATE_VIEW_SLL2: the device's ARPHRD_ type */
	enum xlate_verdict verdict;
	int chain_fd; /* the hook's program array (XLATE_TAIL_CALL) */
	/* XDP: a map value holding the frame's wire length when the kernel sees only the
	 * captured part (replay); 0 there means "the frame is whole". -1: no such map. */
	int wire_len_fd;
	uint32_t wire_len_off;
};

/* The eBPF instructions, as raw 8-byte words (struct bpf_insn of linux/bpf.h). */
struct xlate_out {
	void *insns;
	size_t len;
};

/*
 * Translates prog. Returns 0, or -1 with a one-line reason in err for a program it cannot
 * translate (an instruction it does not know, a jump out of the program, ...).
 */
int xlate(const struct cbpf_prog *prog, const struct xlate_cfg *cfg, struct xlate_out *out,
	  char *err, size_t errlen);
void xlate_free(struct xlate_out *out);

#endif
