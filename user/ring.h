/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The rings a capture's events come through: one per CPU, written by that CPU's hooks alone
 * (include/ring_region.h), so they need no lock, merged here by time stamp (ring_merge.h), so
 * the two directions, every queue and every interface still come out in the order the hooks
 * saw the packets. They are made apart from any one interface's programs: with several interfaces (-i any), every
 * interface's programs share them, and they live as long as the capture.
 */
#ifndef XDPSPY_RING_H
#define XDPSPY_RING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ring_merge.h"

/* How long a record may take from its time stamp to its commit: the merge holds each record
 * this long for the other CPUs' older ones (a record takes under 10 us; a CPU taken away by
 * the hypervisor is what could take longer). */
#define RING_WINDOW_NS 2000000ull

struct ring;

/*
 * The rings for kib KiB in all (-B, as tcpdump's buffer size: the capture's whole buffer): each
 * CPU gets an equal share, rounded up to a power of two, at least a page and at most 256 MiB
 * (ring.c says why). shared: one ring
 * of kib KiB in every CPU's slot instead (the benchmark's contended baseline). fn gets every
 * record. 0 or -errno.
 */
int ring_new(struct ring **out, unsigned kib, bool shared, ring_event_fn fn, void *ctx);
/* The map of rings (an array of maps, CPU i's ring in slot i), for the programs. */
int ring_fd(const struct ring *r);
/* The bell the programs ring by fill level (bpf/cpu_ring.h). */
int ring_bell_fd(const struct ring *r);
/* Whether CPUs share one ring (ring_new()'s shared): its writers must take turns. */
bool ring_shared(const struct ring *r);
/* Bytes in each ring: the wakeup level is a share of it. */
size_t ring_bytes(const struct ring *r);
/* Waits up to timeout_ms for a wakeup (less while records wait out the window), then hands
 * over, in time order, the records older than the window: how many, or -errno. */
int ring_poll(struct ring *r, int timeout_ms);
/* Hands over every record there is, in time order (replay after each test run; the end of a
 * capture, once the hooks are detached): how many. */
int ring_drain(struct ring *r);
/* Rings (1 if shared), records handed over from ring i, records that came after a newer one. */
unsigned ring_count(const struct ring *r);
unsigned long long ring_records(const struct ring *r, unsigned i);
unsigned long long ring_late(const struct ring *r);
void ring_free(struct ring *r);

#endif
