/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * TCP options printed exactly as tcpdump prints them (print-tcp.c, print-mptcp.c), from the raw
 * option bytes the kernel copied into the event: 4.99.3's words, or 3.7.2's for --classic.
 */
#ifndef XDPSPY_PRINT_TCPOPT_H
#define XDPSPY_PRINT_TCPOPT_H

#include <stdbool.h>
#include <stdint.h>

#include "strbuf.h"

/* How the options ended. */
enum opts_end {
	OPTS_END, /* the record ends in them: a bad option, or an option cut short (" [|tcp]") */
	OPTS_MORE, /* tcpdump goes on to print ", length N" */
	/* The record ends where tcpdump read a kind or length byte past the capture: its
	 * longjmp, which also moves where a -x/-X/-A dump starts (print_dump.h). */
	OPTS_LOST,
};

/*
 * Appends ", options [...]" for the option area of one TCP header.
 *   opt       the option bytes that were captured
 *   optlen    the option area's size as the header declares it (doff * 4 - 20), > 0
 *   cap       how many bytes from the area's start were captured; tcpdump reports reads
 *             beyond them as truncation. More than optlen when payload follows: a kind in
 *             the area's last byte has its length byte there (only opt's first optlen bytes
 *             are read)
 *   whole     the segment was captured to its end, payload included (MD5 checks it)
 *   tcpflags  the TCP flags byte (MPTCP's printer looks at SYN/ACK)
 *   sack_base subtracted from SACK block edges (tcpdump's relative numbering; 0 with -S)
 */
enum opts_end print_tcp_options(struct strbuf *sb, const uint8_t *opt, unsigned optlen,
				unsigned cap, bool whole, uint8_t tcpflags, uint32_t sack_base);

/*
 * Appends 3.7.2's " <...>" for the same area, the same walk in its words: "timestamp 1 0",
 * "sack sack 1 {1:2} ", "opt-19:" and the bytes; a bad or cut option ends the list with
 * "[bad opt]>" or "[|tcp]>". 3.7.2 reads nothing past the area: only cap <= optlen counts.
 */
void print_tcp_options_372(struct strbuf *sb, const uint8_t *opt, unsigned optlen, unsigned cap,
			   uint32_t sack_base);

#endif
