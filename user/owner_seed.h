/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * --process: the sockets that were there before the capture began, as the socket side would
 * have recorded them had it seen them made (bpf/sock_owner.h). Read from /proc and from the
 * sockets themselves: each process's socket descriptors (/proc/PID/fd), a copy of each taken
 * with pidfd_getfd(2) for the kernel's own answers (SO_COOKIE, SO_NETNS_COOKIE, the addresses,
 * SO_ACCEPTCONN), the process's command and cgroup. A socket several processes hold (a
 * forked server's) is left out: which of them uses it is not known, and no guess is recorded.
 */
#ifndef XDPSPY_OWNER_SEED_H
#define XDPSPY_OWNER_SEED_H

#include <stdint.h>

#include "proc_owner.h"

/* Records one socket: cookie's owner v, and the flow (or bound port) k it owns. 0 or -errno. */
typedef int (*owner_seed_fn)(void *ctx, const struct xs_owner_flow *k, uint64_t cookie,
			     const struct xs_owner_val *v);

struct owner_seed_stats {
	unsigned int seeded; /* sockets recorded */
	unsigned int shared; /* left out: held by more than one process (sockets of any family) */
};

/* Every TCP and UDP socket of every process but this one, through fn. cg_level: --cgroup's
 * depth (cg_anc is the process's cgroup at it). 0, or -errno when /proc cannot be read. */
int owner_seed(uint32_t cg_level, owner_seed_fn fn, void *ctx, struct owner_seed_stats *st);

#endif
