/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The only code that touches the BPF skeleton: load, test-run, ring-buffer consumption,
 * counters. Everything returns 0 or -errno.
 */
#ifndef XDPSPY_LOADER_H
#define XDPSPY_LOADER_H

#define XS_PROG_XDP "xdpspy_xdp" /* the programs' names, as the kernel shows them */
#define XS_PROG_EGRESS "xdpspy_egress"
#define XS_PROG_INGRESS "xdpspy_ingress"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app_bytes.h"
#include "cbpf.h"
#include "counters.h"
#include "flow_table.h"
#include "owner_cfg.h"
#include "ring.h"

/* The maps of --flows (include/flow_table.h), as pinned beside stats. */
enum loader_flow_map { LFM_FLOWS, LFM_SOURCES, LFM_SERVICES, LFM_DETECT, LFM_COUNT };
extern const char *const loader_flow_pin[LFM_COUNT]; /* their pin names */

struct loader_cfg {
	unsigned ring_kib;
	uint32_t wakeup_bytes; /* the fill level that wakes the reader (bpf/cpu_ring.h); 0: none */
	bool counters_only; /* count, send no events (`xdpspy attach`) */
	bool compact; /* the default line's events as compact records (compact_wanted()) */
	int stats_fd; /* > 0: count into this (pinned) map instead of a new one */
	const struct cbpf_prog *filter; /* the filter expression's program; NULL or empty: none */
	/* The TC hooks' own, compiled as for a live socket (metadata loads); empty: `filter`. */
	const struct cbpf_prog *filter_tc;
	uint32_t snap_len; /* frame bytes each event carries (-s, -x, -w); 0: none */
	/* Without snap_len: the records that carry bytes for the printer's payload decoders
	 * (include/app_bytes.h); NULL: none. */
	const struct xs_app_cfg *app;
	bool verify_sum; /* -v: the kernel sums each TCP segment for its checksum verdict */
	uint8_t seg_filter; /* enum seg_filter: the filter on sends segmented after egress */
	bool test_runs; /* replay: only the XDP programs, run by test runs; the ring never wakes */
	const struct ring *rings; /* send into these, which the caller reads; NULL: its own */
	bool cooked; /* -i any: TC hooks only, no VLAN tag put back, filters on a LINUX_SLL2 view */
	uint16_t hatype; /* cooked: the device's ARPHRD_ type, for the filter's view */
	bool flows; /* --flows: the flow table and the detectors */
	struct xs_detect_cfg detect; /* with flows: their thresholds and sizes */
	int flow_fds[LFM_COUNT]; /* > 0: reuse these (the pinned maps), as stats_fd */
	/* --process: the socket-side programs on cgroup_root (the cgroup v2 mount), the
	 * owners' tail on each record, and the owner filters */
	struct owner_cfg process;
	const char *cgroup_root; /* NULL: the socket side not attached (a benchmark's test runs) */
	/* > 0: the segments' wait map of another interface's loader, whose tracepoint program
	 * stamps this one's segments too (loader_tap_share()): one program for the capture */
	int tap_fd;
};

struct loader;

enum xdp_mode { XDP_MODE_AUTO, XDP_MODE_NATIVE, XDP_MODE_GENERIC };
enum tc_mode { TC_MODE_AUTO, TC_MODE_TCX, TC_MODE_CLSACT };

/* What is attached where, for messages. */
struct attach_info {
	bool xdp_generic; /* native XDP was refused and generic mode taken */
	bool egress_clsact; /* the egress program went in as a clsact filter, not a TCX link */
	bool ingress_clsact; /* likewise the TC ingress program */
};

/* Names the capabilities a load needs and this process lacks; returns how many. */
int loader_missing_caps(char *buf, size_t len);

/* Without cfg->rings, the loader makes its own rings (ring.h) and fn gets their records. */
int loader_open(struct loader **out, const struct loader_cfg *cfg, ring_event_fn fn, void *ctx);
void loader_close(struct loader *l);
/* --process: a socket (cookie, owner v) that owns flow k, as the socket side would record it;
 * for a benchmark's test runs. */
int loader_owner_seed(struct loader *l, const struct xs_owner_flow *k, uint64_t cookie,
		      const struct xs_owner_val *v);
/*
 * Runs one frame through the XDP program (BPF_PROG_TEST_RUN); *verdict gets its return.
 * wire_len: the frame's length on the wire when len bytes of it were captured (the filter's
 * `len`), 0 when the frame is whole.
 */
int loader_test_run(struct loader *l, const void *frame, uint32_t len, uint32_t wire_len,
		    uint32_t *verdict);
/* Runs one frame repeat times through the XDP program (tc: the TC ingress one); *ns gets the
 * kernel's mean per run. */
int loader_test_run_timed(struct loader *l, bool tc, const void *frame, uint32_t len,
			  uint32_t repeat, uint32_t *ns);
/* The same through a program that only lets the packet pass: the floor under the hook. */
int loader_test_run_empty(bool tc, const void *frame, uint32_t len, uint32_t repeat, uint32_t *ns);
/*
 * The tracepoint program that stamps segments at the tap (bpf/seg_tap.h), when this loader
 * attached it: new fds of its link (which keeps it attached after loader_close()) and of its
 * wait map, for the tap_fd of the capture's other interfaces. -ENOENT when it has none.
 */
int loader_tap_share(struct loader *l, int *map_fd, int *link_fd);
/* Hands every record in its own rings to the callback, in time order; returns how many. */
int loader_consume(struct loader *l);
/* Its own rings (NULL with cfg->rings or counters only): the benchmark's and tests' view. */
struct ring *loader_ring(struct loader *l);
/*
 * Live attach. XDP and TCX go in as bpf_links, which the kernel removes when the process dies;
 * a clsact filter does not, and loader_detach() removes it (a killed run's is found by
 * loader_remove_stale_clsact() at the next start). Ingress goes in at XDP or at TC.
 */
int loader_attach_xdp(struct loader *l, int ifindex, enum xdp_mode mode, struct attach_info *ai);
int loader_attach_tc(struct loader *l, int ifindex, bool ingress, enum tc_mode mode,
		     struct attach_info *ai);
void loader_detach(struct loader *l);
/*
 * Capture on an interface in counters-only mode: swaps the capture programs into the links
 * `attach` pinned (loader_detach() swaps the counters-only ones back). Open the loader with
 * the pinned stats map (stats_fd), so the counters keep counting throughout.
 */
int loader_take_over(struct loader *l, const char *ifname, bool in, bool out);
/* Removes clsact filters of ours left on ifindex; returns 1 if one was there. */
int loader_remove_stale_clsact(int ifindex);
/* The id and name of the XDP program on ifindex (id 0: none). */
int loader_xdp_query(int ifindex, uint32_t *id, char *name, size_t namelen);
/* The id of an xdpspy program attached to ifindex through TCX, 0 if none. */
uint32_t loader_tcx_ours(int ifindex);
/* Takes the XDP program off again (the ingress hook moves to TC). */
void loader_detach_xdp(struct loader *l);

/* Sums the per-CPU counters. */
int loader_counters(struct loader *l, struct xs_counters *out);
/* Pins the counters map at path, for bpftool and `xdpspy stats`. */
int loader_pin_stats(struct loader *l, const char *path);
/* With --flows, pins its maps in the interface's pin directory (loader_flow_pin names). */
int loader_pin_flows(struct loader *l, const char *ifname);
/* The fd of the counters' map. */
int loader_stats_fd(struct loader *l);
/* The fd of a --flows map, -1 without --flows. */
int loader_flow_fd(struct loader *l, enum loader_flow_map m);
/* Pins the attached links and programs in the interface's pin directory (`attach`). */
int loader_pin_links(struct loader *l, const char *ifname);

#endif
