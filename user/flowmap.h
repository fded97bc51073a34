/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Reading the flow table and the detectors' maps (include/flow_table.h) of one interface: from
 * their pins, or from a loader of our own (top and watch on an interface where nothing is
 * attached). Each read is a whole copy of a map, by batches.
 */
#ifndef XDPSPY_FLOWMAP_H
#define XDPSPY_FLOWMAP_H

#include <net/if.h>
#include <stddef.h>
#include <stdint.h>

#include "counters.h"
#include "flow_table.h"
#include "loader.h"

/* A copy of a hash map: n keys and n values, each array of its own. */
struct map_copy {
	void *keys, *vals;
	size_t n, cap;
	size_t ksize, vsize;
};

struct flow_src {
	char ifname[IF_NAMESIZE];
	int stats_fd;
	int fd[LFM_COUNT];
	struct xs_detect_cfg cfg; /* the thresholds the programs were loaded with */
	struct loader *own; /* our own attach (not pinned), or NULL */
};

/*
 * Opens ifname's pinned flow table. 0; -ENOENT when nothing of xdpspy's is pinned there;
 * -ENOMSG when xdpspy counts there without --flows (both without a message); else -errno,
 * said.
 */
int flow_src_open_pinned(struct flow_src *s, const char *ifname);
/* Uses the maps of a loader we attached ourselves (which flow_src_close() then closes). */
int flow_src_from_loader(struct flow_src *s, const char *ifname, struct loader *l);
void flow_src_close(struct flow_src *s);

/* The interface's counters, summed over the CPUs. */
int flow_src_counters(const struct flow_src *s, struct xs_counters *c);
/* Copies map m (LFM_FLOWS, LFM_SOURCES, LFM_SERVICES) into mc. 0 or -errno. */
int flow_src_read(const struct flow_src *s, int m, struct map_copy *mc);
void map_copy_free(struct map_copy *mc);

/* CLOCK_MONOTONIC now, the clock of every *_ns the kernel keeps. */
uint64_t flow_now_ns(void);

#endif
