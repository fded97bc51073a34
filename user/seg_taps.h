/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Sends whose segments' stamps follow them (XS_F_GSO_TAP, bpf/seg_tap.h), held until those
 * stamps come: each segment goes out at its own stamp, in the ring merge's time order, so that
 * a packet crossing in the other direction prints between two segments where tcpdump prints it.
 * A send whose stamps stop coming (segments dropped before the tap, a stamp the full ring lost)
 * prints its other segments at its own stamp once a record SEG_TAPS_WAIT_NS newer comes, or at
 * the end.
 */
#ifndef XDPSPY_SEG_TAPS_H
#define XDPSPY_SEG_TAPS_H

#include <stdint.h>

#include "event.h"
#include "segments.h"

#define SEG_TAPS_HELD 16 /* sends held at once: one a CPU at a time, and the late ones */
#define SEG_TAPS_WAIT_NS 2000000ull /* segments reach the tap within microseconds */

struct seg_held {
	struct xs_event ev;
	uint8_t *data; /* XS_MAX_SNAP + 4 bytes, kept for the next send; NULL until needed */
	uint64_t send_ts; /* the send's own stamp */
	uint32_t data_len; /* 0: the record had no bytes */
	uint32_t next, n; /* the next segment to print; the send's segments */
	bool used;
};

struct seg_taps {
	struct segments_cfg *cfg; /* how the segments are made, and where they go */
	segment_fn fn;
	void *ctx;
	struct seg_held held[SEG_TAPS_HELD];
	unsigned used;
};

void seg_taps_init(struct seg_taps *t, struct segments_cfg *cfg, segment_fn fn, void *ctx);
void seg_taps_free(struct seg_taps *t);
/* The record is a stamp (struct xs_tap). */
static inline bool seg_taps_is_stamp(const void *rec, size_t size)
{
	return size >= sizeof(struct xs_tap) &&
	       ((const struct xs_tap *)rec)->version == XS_TAP_VERSION;
}
/* An XS_F_GSO_TAP send: held for its stamps. Returns fn's stop, as the calls below. */
int seg_taps_hold(struct seg_taps *t, const struct xs_event *ev, const uint8_t *data,
		  uint32_t data_len);
/* A stamp: its segment (and any before it not printed yet) goes out at it. A stamp of no send
 * held (its record was lost) is let go. */
int seg_taps_stamp(struct seg_taps *t, const struct xs_tap *tap);
/* Sends held since before `before`: their other segments go out at their own stamp. */
int seg_taps_expire(struct seg_taps *t, uint64_t before);

#endif
