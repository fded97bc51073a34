/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Formats one event as the record tcpdump 4.99.3 prints for the same packet. Pure formatting
 * into a strbuf: no I/O, no libbpf (the build compiles user/print.c and user/print/ so that
 * neither is available: user/print/pure.h). The printer keeps tcpdump's per-run state
 * (relative sequence numbers, the reference time of -ttt, the packet count of -#).
 *
 * This is the printer's entry for the rest of user/; user/print/ holds its layers, which
 * never call back up into it.
 */
#ifndef XDPSPY_PRINT_H
#define XDPSPY_PRINT_H

#include "event.h"
#include "print/tcpseq.h"
#include "print/types.h"
#include "snaplen.h"
#include "strbuf.h"

/* The longest record: the line and a -X dump of a MAXIMUM_SNAPLEN-byte frame, with room to
 * spare. */
#define PRINT_RECORD_MAX (4u << 20)

struct printer;

struct printer *printer_new(const struct print_opts *opts);
void printer_free(struct printer *pr);

/*
 * A packet printed a few packets from now, its state asked for ahead (at a million connections
 * the table is far from every cache): print_prefetch() finds its connection and fetches the
 * bucket, print_prefetch_entry(), a packet later, the entry the bucket names. Only the caches
 * change: the packet prints the same whether it was hinted or not.
 */
struct print_hint {
	struct tcp_seq_ref seq;
	bool found; /* seq is the packet's connection as its TCP line finds it (else unused) */
};

void print_prefetch(const struct printer *pr, const struct xs_event *ev, const struct pkt_info *pi,
		    struct print_hint *h);
void print_prefetch_entry(const struct printer *pr, const struct print_hint *h);

/* Appends the whole record for one packet, newline included; h: what print_prefetch() found
 * for it, or NULL. */
void print_packet(struct printer *pr, const struct xs_event *ev, const struct pkt_info *pi,
		  const struct print_hint *h, struct strbuf *sb);

/*
 * The payload bytes this printer, with these options, reads of a TCP or UDP packet to or from
 * port (PRINT_READS_ALL: all of them); 0 when it prints nothing from them. What a live capture
 * asks the kernel to copy without -s (user/app_ports.c). -q, --classic and --json print no
 * payload.
 */
#define PRINT_READS_ALL UINT32_MAX
uint32_t print_payload_reads(const struct print_opts *o, uint8_t ipproto, uint16_t port);

#endif
