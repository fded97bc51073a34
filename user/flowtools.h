/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The tools that read the flow table: `top` (a live view), `watch` (alarm lines), `flows` (a
 * snapshot: text, JSON, Prometheus). What they share: finding an interface's table, taking a
 * snapshot of it with rates since the one before, sorting, and the text a person reads.
 */
#ifndef XDPSPY_FLOWTOOLS_H
#define XDPSPY_FLOWTOOLS_H

#include <stdbool.h>
#include <stdio.h>

#include "alarms.h"
#include "detect_opts.h"
#include "flowfilter.h"
#include "flowfmt.h"
#include "flowmap.h"

int top_run(int argc, char **argv);
int watch_run(int argc, char **argv);
int flows_run(int argc, char **argv);
int audit_run(int argc, char **argv);

/* What the flows are sorted by: rates since the last snapshot, totals, the handshake, ... */
enum flow_sort { FS_RATE, FS_PKT_RATE, FS_BYTES, FS_PACKETS, FS_RTT, FS_RETRANS, FS_AGE, FS_COUNT };
extern const char *const flow_sort_names[FS_COUNT]; /* rate, pps, bytes, packets, rtt, ... */
/* The sort a name (or its first letter) stands for; -1 if none. */
int flow_sort_parse(const char *name);

struct flow_snap {
	uint64_t t_ns; /* CLOCK_MONOTONIC */
	struct xs_counters counters;
	struct map_copy flows, sources, services;
	struct flow_view *v; /* the flows the filter passes, sorted by flow_snap_sort() */
	size_t nv, capv;
	size_t *by_key; /* flows' indices in key order: the next snapshot finds rates with it */
	struct alarm_list alarms;
};

/*
 * IF's flow table into s: the pinned one; else, with may_attach, our own attach for as long as
 * we run (said on stderr). Returns an exit code, the reason said.
 */
int flowtools_open(const char *ifname, bool may_attach, const struct flow_opts *fo,
		   struct flow_src *s);
/* The interface to read without -i: the only one with a flow table pinned, else the first
 * up, as tcpdump picks. 0 or -errno. */
int flowtools_pick_if(char *buf, size_t len);

/* A snapshot of src, rates against prev (or none); ff picks the flows (NULL: all). */
int flow_snap_take(struct flow_snap *s, const struct flow_src *src, const struct flow_snap *prev,
		   const struct flowfilter *ff);
void flow_snap_sort(struct flow_snap *s, enum flow_sort by);
void flow_snap_free(struct flow_snap *s);

/* The lines above the table: the tool, the interface, the totals and their rates, the alarms
 * (at most max_alarms). */
void flow_render_header(FILE *f, const char *tool, const struct flow_src *src,
			const struct flow_snap *s, const struct flow_snap *prev, size_t max_alarms);
/* The table's head and its first `rows` rows; the flow column as wide as its widest, at most
 * max_width (0: no limit). */
void flow_render_rows(FILE *f, const struct flow_snap *s, size_t rows, int max_width);
/* The table's width besides the flow column. */
int flow_render_fixed_width(void);

#endif
