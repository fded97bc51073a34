/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * One packet being printed: its event and bytes, how its record ended, and what the network
 * layer's printer found (addresses, the bytes after the fixed IP header, tcpdump's two running
 * lengths: what the headers claim is left, and what was captured). user/print.c makes one per
 * packet and hands it down through the layers; nothing of it outlives the packet.
 */
#ifndef XDPSPY_PRINT_VIEW_H
#define XDPSPY_PRINT_VIEW_H

#include <stdbool.h>
#include <stdint.h>

#include "event.h"
#include "strbuf.h"
#include "types.h"

/* Which tcpdump's words a layer writes: those it shares between the two take this. */
enum dialect {
	TCPDUMP_499, /* tcpdump 4.99.3: the record xdpspy prints */
	TCPDUMP_372, /* --classic: tcpdump 3.7.2's (print/classic.c) */
};

struct tcp_seq_ref;

struct pview {
	const struct xs_event *ev;
	const struct pkt_info *pkt;
	/* The record ended where tcpdump reads past the capture and longjmps out: its -x/-X/-A
	 * dump then starts at the frame's first byte (dump.h). */
	bool lost;
	/* The network layer. */
	int is6;
	const uint8_t *saddr; /* into ev->var, or NULL */
	const uint8_t *daddr;
	const uint8_t *l3x; /* IPv4 options / IPv6 extension headers: ev->l3x_cap bytes */
	/* The bytes after the fixed IP header (options, extension and AH headers, what follows):
	 * l3x, or with XS_F_HDRS the frame's own (view_frame_headers()); xcap of them are held. */
	const uint8_t *x;
	uint32_t xcap;
	const uint8_t *tail; /* what follows the fixed L4 header */
	uint32_t l4_len; /* what the IP layer says the L4 part is long */
	uint32_t l4_avail; /* bytes of the L4 part captured (tcpdump's snapend) */
	int fragmented;
	/* The packet's connection, found before its turn (print_prefetch()); NULL: find it. Only
	 * the packet's own view has it, never an inner or quoted packet's. */
	const struct tcp_seq_ref *seq;
};

void view_init(struct pview *v, const struct xs_event *ev, const struct pkt_info *pi);
/* x and xcap from the frame's bytes, when the event could not hold the headers (XS_F_HDRS). */
void view_frame_headers(struct pview *v);

/* Bytes of the fixed L4 header there are: captured (the kernel's l4_cap) and inside the IP
 * length (tcpdump's snapend). */
static inline uint32_t l4_captured(const struct pview *v)
{
	return v->l4_avail < v->ev->l4_cap ? v->l4_avail : v->ev->l4_cap;
}

/* The L4 part's bytes in the frame, *n of them captured within the IP length; NULL when the
 * record carries headers only (a live event without -s, -x, -X, -w). */
static inline const uint8_t *l4_bytes(const struct pview *v, uint32_t *n)
{
	const struct pkt_info *pi = v->pkt;
	uint32_t off = v->ev->l4_off;

	if (!pi || !pi->data || off > pi->cap_len)
		return NULL;
	*n = pi->cap_len - off < v->l4_avail ? pi->cap_len - off : v->l4_avail;
	return pi->data + off;
}

/* tcpdump's nd_print_trunc: " [|proto]". */
static inline void put_trunc(struct strbuf *sb, const char *proto)
{
	sb_puts(sb, " [|");
	sb_puts(sb, proto);
	sb_putc(sb, ']');
}

#endif
