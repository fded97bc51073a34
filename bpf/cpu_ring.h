/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The writing side of the per-CPU rings (include/ring_region.h; user/ring.c makes them, sized
 * from -B, and merges them by time stamp). A hook writes into its CPU's ring only, so a ring
 * has one writer and needs no lock: a record is written in place and published by a store of
 * the producer position. A BPF ring buffer costs a spinlock taken with interrupts off and, for
 * the wakeup decision, another helper call: 30-50 ns a packet more in a virtual machine.
 *
 * One writer per ring: XDP and TC programs, and the tracepoint program that stamps segments in
 * a device's transmit (bpf/seg_tap.h), run with bottom halves off, so on one CPU a hook
 * never starts while another is writing, except where one could interrupt another (nothing
 * known does today) or, on PREEMPT_RT, preempt it. The ring's busy flag guards against both:
 * a hook that finds it set counts its record lost and leaves the ring alone.
 *
 * The wakeup: a tiny BPF ring buffer only rung, with a few bytes and a forced wakeup, when a
 * record takes its ring's fill past a multiple of wakeup_bytes (rare), which user space waits
 * on with epoll.
 */
#ifndef XDPSPY_CPU_RING_H
#define XDPSPY_CPU_RING_H

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#include "ring_region.h"

/* Set by the loader before load. */
/* A fill level, a power of two, whose crossing rings the bell; 0: never (the reader's timeout) */
const volatile __u32 wakeup_bytes = 0;
const volatile __u64 ring_mask = 0; /* the rings' size less one */
/*
 * 1: take the busy flag and publish the position with atomic exchanges, which every JIT makes
 * fully ordered (~15-30 ns each here): where stores may be seen out of program order (not
 * x86), where hooks can preempt each other (PREEMPT_RT), and where CPUs share a ring (the
 * benchmark's contended baseline). 0: plain stores, which x86 shows other CPUs in program
 * order, so the record's bytes before the position that publishes them.
 */
const volatile __u8 ring_atomic = 0;

struct cpu_ring {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(map_flags, BPF_F_MMAPABLE);
	__uint(max_entries, 1);
	__uint(key_size, sizeof(__u32));
	/* The loader's rings are larger; this is what a counting-only load checks against. */
	__uint(value_size, sizeof(struct xs_ring_ctl) + 8 + XS_RING_SLACK);
};

/* Slot i holds CPU i's ring. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 1); /* the loader makes one slot per possible CPU */
	__type(key, __u32);
	__array(values, struct cpu_ring);
} events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} ring_bell SEC(".maps");

#define XS_ONCE(x) (*(volatile __typeof__(x) *)&(x))

static __always_inline void ring_give(struct xs_ring_ctl *r)
{
	XS_ONCE(r->busy) = 0;
}

/* This CPU's ring, taken; NULL if there is none or another hook is writing it. */
static __always_inline struct xs_ring_ctl *ring_take(void)
{
	__u32 key = bpf_get_smp_processor_id(); /* one stack slot for both keys */
	struct xs_ring_ctl *r;
	void *ring;

	ring = bpf_map_lookup_elem(&events, &key);
	if (!ring)
		return NULL;
	key = 0;
	r = bpf_map_lookup_elem(ring, &key);
	if (!r)
		return NULL;
	if (ring_atomic)
		return __sync_lock_test_and_set(&r->busy, 1) ? NULL : r;
	/* A hook that interrupts this one between the test and the store finishes before it
	 * goes on, so a plain test and store is enough where hooks only nest. */
	if (XS_ONCE(r->busy))
		return NULL;
	XS_ONCE(r->busy) = 1;
	asm volatile("" ::: "memory");
	return r;
}

/*
 * Room for a record of size bytes in a taken ring: where its bytes go (the header before them
 * written), or NULL when it does not fit (the ring given back). XS_RING_MAX bytes from there
 * are inside the region, whatever size is.
 */
static __always_inline __u8 *ring_reserve(struct xs_ring_ctl *r, __u64 size)
{
	__u64 prod = r->prod, len = XS_RING_LEN(size);
	__u8 *at;

	/* As a BPF ring buffer: full one byte short of its size. */
	if (size > XS_RING_MAX || prod + len - XS_ONCE(r->cons) > ring_mask) {
		ring_give(r);
		return NULL;
	}
	at = (__u8 *)(r + 1) + (prod & ring_mask);
	*(__u64 *)at = size;
	return at + 8;
}

/* Rings the bell (rare): out of line, so that its stack slot stays off the hooks' frames,
 * which the parser's call chain adds to (512 bytes in all). */
static __noinline int ring_bell_ring(__u64 fill)
{
	return bpf_ringbuf_output(&ring_bell, &fill, sizeof(fill), BPF_RB_FORCE_WAKEUP);
}

/*
 * Publishes the record ring_reserve() made room for, gives the ring back, and rings the bell
 * when the record takes the fill past a multiple of wakeup_bytes: never per event, wakeups are
 * dear. Not on every record above the level either: a reader that lags (a busy machine) would
 * then cost each record an interrupt and a wakeup, 4-10 times the record's own cost
 * (bench/producers.c); a reader that read past the level and fell behind again is woken at the
 * next multiple, and polls every 100 ms, or sooner while it holds records for the merge
 * (user/ring_merge.c), whose bytes count in the fill too.
 */
static __always_inline void ring_submit(struct xs_ring_ctl *r, __u64 size)
{
	__u64 len = XS_RING_LEN(size), prod = r->prod + len, fill;

	if (ring_atomic) {
		__sync_lock_test_and_set(&r->prod, prod);
	} else {
		asm volatile("" ::: "memory"); /* the record's stores stay before it */
		XS_ONCE(r->prod) = prod;
	}
	ring_give(r);
	if (!wakeup_bytes)
		return;
	fill = prod - XS_ONCE(r->cons);
	if ((fill ^ (fill - len)) >= wakeup_bytes)
		ring_bell_ring(fill);
}

/* size bytes at src as one record; 0 when it fit. */
static __always_inline int ring_write(const void *src, __u32 size)
{
	struct xs_ring_ctl *r = ring_take();
	struct bpf_dynptr dp;
	__u8 *at;

	if (!r)
		return -1;
	at = ring_reserve(r, size);
	if (!at)
		return -1;
	bpf_dynptr_from_mem(at, XS_RING_MAX, 0, &dp);
	bpf_dynptr_write(&dp, 0, (void *)src, size, 0);
	ring_submit(r, size);
	return 0;
}

#endif
