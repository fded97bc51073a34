/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Where packets that passed the filter go, for live capture and replay alike: the -w file, the
 * printed record (unless only written), the -c count, line buffering, and the end of it all
 * when the count is reached, a write fails or the reader of standard output goes away.
 */
#ifndef XDPSPY_SINK_H
#define XDPSPY_SINK_H

#include <stdbool.h>
#include <stdint.h>

#include "event.h"
#include "opts.h"
#include "print.h"
#include "print/fastline.h"

struct sink;

/* A sink for o's flags; NULL (logged) when out of memory. */
struct sink *sink_new(const struct opts *o);
/* -w's file (snaplen in its header; cooked: LINUX_SLL2 for -i any, else Ethernet); 0 without
 * -w. 0 or -1, logged. */
int sink_open_file(struct sink *s, uint32_t snaplen, bool cooked);
/*
 * One packet: written, printed, counted. Its time is pi's (nanoseconds until printed).
 * Returns true when the capture should end: -c reached, the output failed or was closed.
 * h: what sink_prefetch() found for it, or NULL.
 */
bool sink_packet(struct sink *s, const struct xs_event *ev, const struct pkt_info *pi,
		 const struct print_hint *h);
/* sink_packet() for the record print/fastline.h's fastline_take() took, with options its
 * fastline_wanted() accepted, and no -w: its line written in one pass. pi: its time stamp. */
bool sink_fastline(struct sink *s, struct fastline *fl, const struct pkt_info *pi);
/* print_prefetch() and print_prefetch_entry() (print.h) for a packet sink_packet() will take
 * soon; nothing when it prints nothing (-w without --print). */
void sink_prefetch(const struct sink *s, const struct xs_event *ev, const struct pkt_info *pi,
		   struct print_hint *h);
void sink_prefetch_entry(const struct sink *s, const struct print_hint *h);
/* Bytes of printed lines gathered before they are written: without -l or -w, lines wait for
 * this many, or for sink_flush(), and go out in one write. */
#define SINK_BATCH (64u << 10)
/* Writes the lines gathered so far: before anything else is written to stdout. */
void sink_flush(struct sink *s);
/* The end of a batch of records (a read of the rings): a terminal gets its lines now; a file
 * or a pipe when SINK_BATCH bytes have gathered, or at the end (-l for every line). */
void sink_batch_end(struct sink *s);
/* Whether the capture should end (as sink_packet() last said). */
bool sink_done(const struct sink *s);
/* Packets written or printed so far. */
unsigned long long sink_count(const struct sink *s);
/* Flushes and closes; returns 0, or -1 when the output failed (logged). Frees s. */
int sink_close(struct sink *s);

#endif
