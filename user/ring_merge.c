// SPDX-License-Identifier: GPL-2.0-only
/*
 * The merge of the per-CPU rings (ring_merge.h): a k-way merge on the records' time stamps,
 * read in place. A record's header is its length, with a BPF ring buffer's BUSY (still being
 * written) and DISCARD bits, which the rings' writer (bpf/cpu_ring.h) never sets: it publishes
 * a record by moving the producer position past it. The data, rounded up to 8 bytes, follows. The consumer position is published
 * once per call (or every RING_PUBLISH bytes, so a long call frees room as it goes): each
 * publication is a cache line the producing CPU must fetch again.
 */
#include <linux/bpf.h>

#include "event.h"
#include "ring_merge.h"

#define RING_PUBLISH (64ul * 1024) /* consumed bytes after which the position is published */

_Static_assert(__builtin_offsetof(struct xs_event, ts_ns) == 0, "a record starts with its stamp");

enum head { HEAD_RECORD, HEAD_EMPTY, HEAD_BUSY };

static void publish(struct ring_view *v)
{
	if (v->cons != v->published) {
		__atomic_store_n(v->consumer_pos, v->cons, __ATOMIC_RELEASE);
		v->published = v->cons;
	}
}

/* The ring's next committed record, discarded ones skipped; *ts its stamp (0 if too short). */
static enum head head(struct ring_view *v, const uint8_t **rec, uint32_t *len, uint64_t *ts)
{
	while (v->cons < v->prod) {
		const uint32_t *hdr = (const uint32_t *)(v->data + (v->cons & (v->size - 1)));
		uint32_t h = __atomic_load_n(hdr, __ATOMIC_ACQUIRE);
		uint32_t n = h & ~(uint32_t)(BPF_RINGBUF_BUSY_BIT | BPF_RINGBUF_DISCARD_BIT);

		if (h & BPF_RINGBUF_BUSY_BIT)
			return HEAD_BUSY; /* reserved, not yet submitted: the records after it wait */
		if (!(h & BPF_RINGBUF_DISCARD_BIT)) {
			*rec = (const uint8_t *)hdr + BPF_RINGBUF_HDR_SZ;
			*len = n;
			*ts = n >= sizeof(uint64_t) ? *(const uint64_t *)*rec : 0;
			return HEAD_RECORD;
		}
		v->cons += (n + BPF_RINGBUF_HDR_SZ + 7) & ~7ul;
	}
	return HEAD_EMPTY;
}

/* Hands over v's head record (head() said there is one); the callback's verdict. */
static int deliver(struct ring_merge *m, struct ring_view *v, const uint8_t *rec, uint32_t len,
		   uint64_t ts)
{
	int stop;

	if (len >= sizeof(uint64_t)) {
		if (ts < m->last_ts)
			m->late++;
		else
			m->last_ts = ts;
	}
	v->records++;
	stop = m->fn(m->ctx, (void *)rec, len);
	v->cons += (len + BPF_RINGBUF_HDR_SZ + 7) & ~7ul;
	if (stop || v->cons - v->published >= RING_PUBLISH)
		publish(v);
	return stop;
}

/*
 * The ring whose head is oldest, or -1; *bound: the oldest of the other rings' heads, below
 * which that ring's next records can go without looking again.
 */
static int oldest_ring(struct ring_merge *m, uint64_t *oldest, uint64_t *bound)
{
	int best = -1;

	*oldest = *bound = UINT64_MAX;
	for (unsigned i = 0; i < m->n; i++) {
		const uint8_t *rec;
		uint32_t len;
		uint64_t ts;

		if (head(&m->rings[i], &rec, &len, &ts) != HEAD_RECORD)
			continue; /* empty, or being written: its next record is newer than wm */
		if (ts < *oldest) {
			*bound = *oldest;
			*oldest = ts;
			best = (int)i;
		} else if (ts < *bound) {
			*bound = ts;
		}
	}
	return best;
}

int ring_merge_run(struct ring_merge *m, uint64_t wm)
{
	int n = 0, stop = 0;

	for (unsigned i = 0; i < m->n; i++)
		m->rings[i].prod = __atomic_load_n(m->rings[i].producer_pos, __ATOMIC_ACQUIRE);
	while (!stop) {
		uint64_t ts, bound;
		int best = oldest_ring(m, &ts, &bound);
		struct ring_view *v;
		const uint8_t *rec;
		uint32_t len;

		if (best < 0 || ts >= wm)
			break;
		/* That ring's run of records up to the next ring's head, without looking again. */
		v = &m->rings[best];
		if (bound > wm)
			bound = wm;
		while (!stop && head(v, &rec, &len, &ts) == HEAD_RECORD && ts < wm && ts <= bound) {
			stop = deliver(m, v, rec, len, ts);
			n++;
		}
	}
	for (unsigned i = 0; i < m->n; i++)
		publish(&m->rings[i]);
	return n;
}

uint64_t ring_merge_oldest(struct ring_merge *m)
{
	uint64_t oldest, bound;

	for (unsigned i = 0; i < m->n; i++)
		m->rings[i].prod = __atomic_load_n(m->rings[i].producer_pos, __ATOMIC_ACQUIRE);
	oldest_ring(m, &oldest, &bound);
	return oldest;
}
