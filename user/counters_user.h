/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The per-interface counters (struct xs_counters) read from a BPF map and printed as text, as
 * JSON, or in Prometheus' text exposition format, from one table of fields.
 */
#ifndef XDPSPY_COUNTERS_USER_H
#define XDPSPY_COUNTERS_USER_H

#include <stdio.h>

#include "counters.h"

enum counters_format { CF_TEXT, CF_JSON, CF_PROMETHEUS };

/* Sums the per-CPU values of the `stats` map behind fd. 0 or -errno. */
int counters_read(int map_fd, struct xs_counters *out);
/* CPU cpu's values alone (cpu < 0: the sum): what the hooks on it sent into its ring. */
int counters_read_cpu(int map_fd, int cpu, struct xs_counters *out);
/* Reads the counters pinned for ifname. 0, or -ENOENT when nothing is pinned there. */
int counters_read_pinned(const char *ifname, struct xs_counters *out);
/*
 * Prints one interface's counters (CF_PROMETHEUS: a whole exposition for it). With prev and
 * secs > 0 the text and JSON forms add rates per second over that interval.
 */
void counters_print(FILE *f, enum counters_format fmt, const char *ifname,
		    const struct xs_counters *c, const struct xs_counters *prev, double secs);
/* A whole Prometheus exposition for n interfaces, each family's samples together. */
void counters_print_prom(FILE *f, int n, const char *const *ifnames,
			 const struct xs_counters *const *c);

#endif
