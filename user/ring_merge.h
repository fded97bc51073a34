/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The capture's per-CPU rings merged into one stream in time-stamp order. Each CPU's ring is in
 * the order its hooks made the records; across CPUs a record is handed over only once every
 * ring has shown that nothing older can still come: it is older than a watermark the caller
 * reads from the clock (now minus a window), or than another ring's next record. Records wait
 * in their ring meanwhile, so the window costs ring space, never a copy. No libbpf, no I/O:
 * the unit tests build rings in plain memory.
 */
#ifndef XDPSPY_RING_MERGE_H
#define XDPSPY_RING_MERGE_H

#include <stddef.h>
#include <stdint.h>

/* Called for each record; the same shape as libbpf's ring_buffer_sample_fn. Non-zero stops. */
typedef int (*ring_event_fn)(void *ctx, void *data, size_t size);

/* One ring as mapped (include/ring_region.h; its records laid out as in a BPF ring buffer,
 * kernel/bpf/ringbuf.c), and this reader in it. */
struct ring_view {
	unsigned long *consumer_pos; /* written here */
	const unsigned long *producer_pos;
	const uint8_t *data; /* size bytes and slack past them: a wrapping record is whole */
	size_t size; /* a power of two */
	unsigned long cons, prod, published; /* read up to; committed up to; published */
	unsigned long long records; /* handed over from this ring */
};

struct ring_merge {
	struct ring_view *rings;
	unsigned n;
	ring_event_fn fn;
	void *ctx;
	uint64_t last_ts; /* the newest time stamp handed over */
	unsigned long long late; /* records handed over after a newer one: the window was short */
};

/*
 * Hands over, oldest first, every committed record with a time stamp below wm (UINT64_MAX:
 * every one, the final drain), and publishes how far each ring was read. wm is the clock, read
 * before the call, less a window longer than any record takes from its stamp to its commit: a
 * record this call does not see (not yet committed, or still being written) is then newer than
 * wm, and waits for a later call. Returns the records handed over (up to the one whose callback
 * stopped, which counts).
 */
int ring_merge_run(struct ring_merge *m, uint64_t wm);
/* The time stamp of the oldest committed record not yet handed over; UINT64_MAX if none. */
uint64_t ring_merge_oldest(struct ring_merge *m);

#endif
