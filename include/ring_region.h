/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A CPU's ring: one mmapable array element the hooks of that CPU write records into
 * (bpf/cpu_ring.h) and user space reads in place (user/ring.c, user/ring_merge.c). Seen by both
 * compilers. A record is laid out as in a BPF ring buffer, so the reader is the same: an 8-byte
 * header whose first word is the length, the bytes, padded to 8. Unlike a BPF ring buffer there
 * is no lock and no helper call: one CPU writes, and a record is published by moving the
 * producer position past it, written after its bytes.
 */
#ifndef XDPSPY_RING_REGION_H
#define XDPSPY_RING_REGION_H

#include <linux/types.h>

#include "event.h"
#include "proc_owner.h"

/* The region's first cache lines: each written by one side only. */
struct xs_ring_ctl {
	__u64 prod; /* bytes ever written (headers and padding included); the writing CPU's */
	__u64 busy; /* a hook is writing: one that finds it set counts its record lost */
	__u8 pad0[48];
	__u64 cons; /* bytes ever read: user space's */
	__u8 pad1[56];
};

_Static_assert(sizeof(struct xs_ring_ctl) == 128, "xs_ring_ctl size changed");

/* The bytes a record of n takes in a ring: its 8-byte header, rounded up to 8. */
#define XS_RING_LEN(n) ((((__u64)(n) + 7) & ~7ull) + 8)
/* The largest record: a staged record with all its frame bytes and the owner's tail. */
#define XS_RING_MAX (sizeof(struct xs_record) + sizeof(struct xs_owner))
/*
 * The data that follows the control lines is the ring's size (a power of two) plus this much:
 * a record that starts near the end is written whole past it, and read from there; the next
 * starts at the ring's beginning again. So neither side ever splits a record.
 */
#define XS_RING_SLACK XS_RING_LEN(XS_RING_MAX)

#endif
