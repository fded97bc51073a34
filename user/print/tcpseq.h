/* SPDX-License-Identifier: GPL-2.0-only */
/* tcpdump's relative TCP sequence numbers (print-tcp.c 255-382, the same in 3.7.2). */
#ifndef XDPSPY_PRINT_TCPSEQ_H
#define XDPSPY_PRINT_TCPSEQ_H

#include <stdbool.h>
#include <stdint.h>

#include "printer.h"
#include "view.h"

/*
 * The connections' bases, in a table for IPv4's and one for IPv6's (seq[is6]; lru_free()
 * frees them), each of at most max_conns: an IPv4 key is 12 bytes, an IPv6 one 36, and
 * an IPv4 entry fits in half the memory (32 bytes) when the tables are apart.
 * 0, or -ENOMEM (neither made).
 */
int seq_tables_new(struct lru *seq[2], uint32_t max_conns);

/* A connection, its addresses and ports put in one canonical order (src the lower port). */
struct tcp_seq_key4 {
	uint8_t src[4];
	uint8_t dst[4];
	uint32_t port; /* src's << 16 | dst's */
};

struct tcp_seq_key6 {
	uint8_t src[16];
	uint8_t dst[16];
	uint32_t port;
};

/*
 * A packet's connection, found before its line is written: tcp_seq_prepare() asks for the
 * table's memory then, so that at a million connections the fetch overlaps the formatting of
 * the addresses and ports instead of stalling tcp_seq_relative().
 */
struct tcp_seq_ref {
	union {
		struct tcp_seq_key4 k4;
		struct tcp_seq_key6 k6;
	} key;
	uint32_t hash;
	bool is6; /* which table, and which key */
	bool rev; /* the packet goes from key's dst to its src */
	bool skip; /* -S, or no ACK: the numbers stay absolute */
};

void tcp_seq_prepare(const struct printer *pr, const struct pview *v, struct tcp_seq_ref *r);
/* The entry of a connection tcp_seq_prepare() found a packet or more ago, asked for in turn. */
void tcp_seq_prefetch(const struct printer *pr, const struct tcp_seq_ref *r);
/*
 * With ACK set and no -S, seeds the connection's bases or subtracts them from *seq and *ack.
 * Returns the base of its SACK blocks, 0 when they stay absolute.
 */
uint32_t tcp_seq_relative(const struct printer *pr, const struct pview *v,
			  const struct tcp_seq_ref *r, uint32_t *seq, uint32_t *ack);

#endif
