// SPDX-License-Identifier: GPL-2.0-only
/*
 * The merge of the per-CPU rings (user/ring_merge.c) on rings built in plain memory, laid out
 * as the kernel lays them out: records of two or three "CPUs" must come out in time-stamp
 * order, none lost or repeated, records newer than the watermark held in their ring until a
 * later call, a record still being written holding back its own ring only, discarded records
 * skipped, a wrapping record whole, a callback's stop (-c) leaving the rest, and a record
 * older than one already handed over counted as late.
 */
#include <linux/bpf.h>
#include <stdint.h>
#include <stdlib.h>

#include "../check.h"
#include "ring_merge.h"

#define SIZE 4096 /* data bytes per ring */
#define MAXGOT 4096

struct fake {
	unsigned long consumer, producer;
	uint8_t data[2 * SIZE]; /* the kernel maps the data twice; written twice here */
};

/* A record of len bytes (>= 16): its stamp, then which ring and its number there. */
static void put(struct fake *f, uint64_t ts, uint32_t ring, uint32_t seq, uint32_t len,
		uint32_t bits)
{
	uint8_t rec[BPF_RINGBUF_HDR_SZ + 64] = {0};
	uint32_t hdr = len | bits, total = (len + BPF_RINGBUF_HDR_SZ + 7) & ~7u;

	memcpy(rec, &hdr, 4);
	memcpy(rec + BPF_RINGBUF_HDR_SZ, &ts, 8);
	memcpy(rec + BPF_RINGBUF_HDR_SZ + 8, &ring, 4);
	memcpy(rec + BPF_RINGBUF_HDR_SZ + 12, &seq, 4);
	for (uint32_t i = 0; i < total; i++) {
		unsigned long at = (f->producer + i) & (SIZE - 1);

		f->data[at] = f->data[at + SIZE] = rec[i];
	}
	f->producer += total;
}

/* Sets the BUSY bit of the record at pos on or off, as the kernel's commit clears it. */
static void busy(struct fake *f, unsigned long pos, int on)
{
	unsigned long at = pos & (SIZE - 1);
	uint32_t hdr;

	memcpy(&hdr, f->data + at, 4);
	hdr = on ? hdr | BPF_RINGBUF_BUSY_BIT : hdr & ~BPF_RINGBUF_BUSY_BIT;
	memcpy(f->data + at, &hdr, 4);
	memcpy(f->data + at + SIZE, &hdr, 4);
}

struct got {
	uint64_t ts[MAXGOT];
	uint32_t ring[MAXGOT], seq[MAXGOT];
	unsigned n, stop_after;
};

static int on_record(void *ctx, void *data, size_t size)
{
	struct got *g = ctx;

	CHECK(size >= 16, "record of %zu bytes", size);
	if (g->n < MAXGOT && size >= 16) {
		memcpy(&g->ts[g->n], data, 8);
		memcpy(&g->ring[g->n], (uint8_t *)data + 8, 4);
		memcpy(&g->seq[g->n], (uint8_t *)data + 12, 4);
		g->n++;
	}
	return g->stop_after && g->n >= g->stop_after;
}

static void setup(struct ring_merge *m, struct ring_view *v, struct fake *f, unsigned n,
		  struct got *g)
{
	memset(f, 0, n * sizeof(*f));
	memset(v, 0, n * sizeof(*v));
	memset(g, 0, sizeof(*g));
	for (unsigned i = 0; i < n; i++)
		v[i] = (struct ring_view){.consumer_pos = &f[i].consumer,
					  .producer_pos = &f[i].producer,
					  .data = f[i].data,
					  .size = SIZE};
	*m = (struct ring_merge){.rings = v, .n = n, .fn = on_record, .ctx = g};
}

/* Time order over the rings, and each ring's records in their own order, none twice. */
static void check_order(const struct got *g, const char *what)
{
	uint32_t next[3] = {0};
	unsigned bad = 0;

	for (unsigned i = 1; i < g->n && !bad; i++)
		if (g->ts[i - 1] > g->ts[i])
			bad = i;
	CHECK(!bad, "%s: ts %llu after %llu (record %u)", what, (unsigned long long)g->ts[bad],
	      (unsigned long long)g->ts[bad ? bad - 1 : 0], bad);
	for (unsigned i = 0; i < g->n && !bad; i++)
		if (g->ring[i] > 2 || g->seq[i] != next[g->ring[i]]++)
			bad = i + 1;
	CHECK(!bad, "%s: record %u is ring %u's %u", what, bad - 1, g->ring[bad ? bad - 1 : 0],
	      g->seq[bad ? bad - 1 : 0]);
}

/* Two CPUs' interleaved stamps, three calls: held until the watermark passes, then in order. */
static void test_interleaved(void)
{
	static struct fake f[2];
	struct ring_view v[2];
	struct ring_merge m;
	static struct got g;
	int n;

	setup(&m, v, f, 2, &g);
	for (uint32_t i = 0; i < 20; i++) /* ring 0: 100, 110, ...; ring 1: 105, 115, ... */
		put(&f[i % 2], 100 + 5 * i, i % 2, i / 2, 24, 0);
	n = ring_merge_run(&m, 150);
	CHECK(n == 10 && g.n == 10, "below 150: %d handed over, want 10", n);
	CHECK(g.ts[9] == 145, "the last below 150: %llu", (unsigned long long)g.ts[9]);
	/* What was read is published; what is held is not. */
	CHECK(f[0].consumer == 5 * 32 && f[1].consumer == 5 * 32, "published %lu, %lu",
	      f[0].consumer, f[1].consumer);
	n = ring_merge_run(&m, 150);
	CHECK(n == 0, "again below 150: %d", n);
	CHECK(ring_merge_oldest(&m) == 150, "oldest held %llu",
	      (unsigned long long)ring_merge_oldest(&m));
	put(&f[0], 200, 0, 10, 24, 0);
	n = ring_merge_run(&m, UINT64_MAX);
	CHECK(n == 11 && g.n == 21, "the drain: %d, %u in all", n, g.n);
	check_order(&g, "interleaved");
	CHECK(m.late == 0, "late %llu", m.late);
	CHECK(v[0].records == 11 && v[1].records == 10, "per ring %llu, %llu", v[0].records,
	      v[1].records);
	CHECK(f[0].consumer == f[0].producer && f[1].consumer == f[1].producer, "all published");
	CHECK(ring_merge_oldest(&m) == UINT64_MAX, "nothing held");
}

/*
 * A record being written holds its own ring (its stamp is unknown, the records after it wait)
 * but not the others' older than the watermark; once committed it goes in its place.
 */
static void test_busy(void)
{
	static struct fake f[2];
	struct ring_view v[2];
	struct ring_merge m;
	static struct got g;
	unsigned long at;
	int n;

	setup(&m, v, f, 2, &g);
	at = f[0].producer;
	put(&f[0], 100, 0, 0, 24, BPF_RINGBUF_BUSY_BIT);
	put(&f[0], 120, 0, 1, 24, 0);
	put(&f[1], 110, 1, 0, 24, 0);
	put(&f[1], 130, 1, 1, 24, 0);
	n = ring_merge_run(&m, 1000);
	CHECK(n == 2 && g.ring[0] == 1 && g.ring[1] == 1, "past a busy head: %d, ring %u", n,
	      g.ring[0]);
	busy(f, at, 0);
	n = ring_merge_run(&m, 1000);
	CHECK(n == 2 && g.n == 4, "after the commit: %d", n);
	/* 100 came after 130 here: a record held past the window is handed over, and counted. */
	CHECK(m.late == 2, "late %llu, want 2 (100 and 120 after 130)", m.late);
}

/* Discarded records are skipped; a record wrapping the ring's end reads whole. */
static void test_discard_wrap(void)
{
	static struct fake f[2];
	struct ring_view v[2];
	struct ring_merge m;
	static struct got g;
	uint32_t seq = 0;

	setup(&m, v, f, 2, &g);
	/* Fill and drain ring 0 up to 8 bytes before its end, so the next record wraps. */
	for (uint64_t ts = 1; f[0].producer + 64 <= SIZE - 8; ts++)
		put(&f[0], ts, 0, seq++, 56, 0);
	while (f[0].producer < SIZE - 8)
		put(&f[0], 1000, 0, seq++, 0, BPF_RINGBUF_DISCARD_BIT);
	ring_merge_run(&m, UINT64_MAX);
	g.n = 0;
	put(&f[0], 5000, 0, 77, 40, 0); /* header before the end, data after it */
	put(&f[1], 4000, 1, 0, 24, BPF_RINGBUF_DISCARD_BIT);
	put(&f[1], 4500, 1, 1, 24, 0);
	CHECK(ring_merge_run(&m, UINT64_MAX) == 2, "two records");
	CHECK(g.n == 2 && g.seq[0] == 1 && g.ring[0] == 1 && g.ts[1] == 5000 && g.seq[1] == 77,
	      "the wrapped record: ring %u seq %u ts %llu", g.ring[1], g.seq[1],
	      (unsigned long long)g.ts[1]);
}

/* -c: the callback stops; the rest stay for a later call, the stopped record consumed. */
static void test_stop(void)
{
	static struct fake f[3];
	struct ring_view v[3];
	struct ring_merge m;
	static struct got g;

	setup(&m, v, f, 3, &g);
	for (uint32_t i = 0; i < 30; i++)
		put(&f[i % 3], 1000 - 3 * (30 - i), i % 3, i / 3, 16, 0);
	g.stop_after = 7;
	CHECK(ring_merge_run(&m, UINT64_MAX) == 7 && g.n == 7, "stopped after %u", g.n);
	g.stop_after = 0;
	CHECK(ring_merge_run(&m, UINT64_MAX) == 23 && g.n == 30, "the rest: %u in all", g.n);
	check_order(&g, "three rings");
}

/* Many records at random stamps in three rings (each in its own order), drained in small
 * steps of the watermark as a live reader does: every one once, in time order. */
static void test_random(void)
{
	static struct fake f[3];
	struct ring_view v[3];
	struct ring_merge m;
	static struct got g;
	uint64_t clock = 1000, last[3] = {0};
	uint32_t seq[3] = {0};
	unsigned put_n = 0;

	setup(&m, v, f, 3, &g);
	srand(7);
	for (int step = 0; step < 400; step++) {
		for (int k = rand() % 8; k > 0; k--) {
			unsigned r = (unsigned)rand() % 3;
			uint64_t ts = clock - (uint64_t)(rand() % 50); /* up to 50 before now */

			if (ts < last[r])
				ts = last[r]; /* a CPU's ring is in its own order */
			last[r] = ts;
			if (f[r].producer - f[r].consumer + 64 > SIZE)
				continue; /* full: the kernel would count it lost */
			put(&f[r], ts, r, seq[r]++, 16 + 8 * (uint32_t)(rand() % 4), 0);
			put_n++;
		}
		clock += 10;
		ring_merge_run(&m, clock - 60); /* a window longer than any stamp's lag */
	}
	ring_merge_run(&m, UINT64_MAX);
	CHECK(g.n == put_n, "%u handed over of %u", g.n, put_n);
	check_order(&g, "random");
	CHECK(m.late == 0, "late %llu", m.late);
}

int main(void)
{
	test_interleaved();
	test_busy();
	test_discard_wrap();
	test_stop();
	test_random();
	return check_summary();
}
