/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The printer's lookahead: a frame (replay's from the host parser, a live capture's from the
 * rings, within one read of them) waits AHEAD_DEPTH frames before it
 * goes to the sink, and meanwhile the printer's state for it is fetched in two steps
 * (sink_prefetch(), then sink_prefetch_entry()), so that at a million connections the table's
 * cache misses overlap the formatting of the frames before it instead of stalling its own.
 * Frames leave in the order they came; each keeps a copy of its bytes, as the reader's buffer
 * is reused for the next.
 */
#ifndef XDPSPY_AHEAD_H
#define XDPSPY_AHEAD_H

#include "event.h"
#include "print.h"
#include "sink.h"

/* Frames held, and how many after a frame's bucket is asked for its entry is: each step is
 * given a couple of frames' formatting to arrive. */
#define AHEAD_DEPTH 4
#define AHEAD_GAP 2

struct ahead;

/* A lookahead in front of s; NULL when out of memory. */
struct ahead *ahead_new(struct sink *s);
/* Takes ev and pi (pi->data and pi->owner copied); sends the oldest frame on when AHEAD_DEPTH are held.
 * 1 when the sink is done (as sink_packet() says), -1 when out of memory (logged), else 0. */
int ahead_push(struct ahead *a, const struct xs_event *ev, const struct pkt_info *pi);
/* Sends on every frame held, oldest first (until the sink is done), then tells the sink a
 * batch of records ended (sink_batch_end()). */
void ahead_flush(struct ahead *a);
void ahead_free(struct ahead *a);

#endif
