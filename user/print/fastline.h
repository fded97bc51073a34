/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The line of nearly every packet of a busy capture, written in one pass straight from its
 * ring record: a plain TCP segment over IPv4 or IPv6 (the shape of a compact record,
 * include/compact_rec.h) with -n and no option that changes its 4.99.3 line. It comes as a
 * compact record (include/event.h struct xs_compact), or as a whole event with the frame's
 * bytes when a payload decoder reads them (an HTTP request line). print_packet() walks the
 * layers for it (link, network, demultiplexer, TCP) through checks that all pass; here they
 * are made once, up front, and a record that would fail any of them is left to the general
 * way. The text is print_packet()'s to the byte: tests/unit/test_fastline.c holds the two to
 * it on every corpus packet.
 */
#ifndef XDPSPY_PRINT_FASTLINE_H
#define XDPSPY_PRINT_FASTLINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "event.h"
#include "printer.h"
#include "strbuf.h"
#include "types.h"
#include "view.h"

/* Whether these options leave a plain TCP segment its default line: -n, and no -e, -q, -v,
 * -x, -X, -A, -#, --json or --classic. A cooked capture (-i any) and --process add to the line
 * from outside the options: their callers do not ask. */
bool fastline_wanted(const struct print_opts *o);

/* "IP6 a.p > b.q: " of an endpoint pair seen lately (fastline.c), keyed on what makes it. */
struct fastline_ends {
	uint64_t key[5]; /* the addresses (IPv4's in key[0]), then the ports and the family */
	uint8_t len; /* 0: none yet */
	char text[119]; /* room for the longest: 111 bytes */
};

#define FASTLINE_ENDS 1024 /* a power of two */

/* One record on its way: what fastline_take() found in it, for fastline_print(); and the
 * texts of the endpoints of the latest records. Zero it before its first use. */
struct fastline {
	/* The record's event, as decode_event() makes it (a compact record's fields that the
	 * line does not use stay zero) */
	struct xs_event ev;
	bool copied; /* ev holds a whole event's copy: zeroed before a compact one's fields */
	const uint8_t *data; /* the frame's bytes the record carries, or NULL */
	uint32_t data_len;
	uint32_t l4_len; /* what the IP length leaves for TCP */
	uint32_t l4_avail; /* what was captured of it */
	uint32_t hlen; /* the data offset in bytes */
	struct pview v;
	struct fastline_ends ends[FASTLINE_ENDS];
};

/*
 * Whether the size bytes at rec are a compact record that prints as fastline_print() writes
 * it: one compact_decode() accepts, with headers that pass every check of print_packet()'s
 * layers, lengths and captured bytes included. fl takes what it found.
 */
bool fastline_take(struct fastline *fl, const void *rec, size_t size);

/* The same for an event decode_event() made of any other record, with the frame's bytes it
 * carries (data_len of them), or NULL; data must stay as it is until fastline_print(). */
bool fastline_take_event(struct fastline *fl, const struct xs_event *ev, const uint8_t *data,
			 uint32_t data_len);

/* print_packet()'s record (newline included) for the record fastline_take() took last, with
 * options fastline_wanted() accepted; the time stamp is pi's (its other fields unused). */
void fastline_print(struct printer *pr, struct fastline *fl, const struct pkt_info *pi,
		    struct strbuf *sb);

#endif
