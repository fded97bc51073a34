/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * One interface of a live capture: checked free, its programs loaded (sending into the
 * capture's shared ring) and attached at the hooks planned for it, its counters pinned, its
 * promiscuous mode held; then detached and cleaned up. A capture has one (-i IF) or several
 * (-i any, -i A -i B: cooked, TC hooks only).
 */
#ifndef XDPSPY_CAPIF_H
#define XDPSPY_CAPIF_H

#include <net/if.h>
#include <stdbool.h>
#include <stdint.h>

#include "cbpf.h"
#include "counters.h"
#include "loader.h"
#include "opts.h"

struct capif_cfg {
	const struct opts *o;
	bool cooked; /* several interfaces: TC hooks only, a cooked view and output */
	bool any; /* -i any: as tcpdump's any device, no interface promiscuous */
	const struct cbpf_prog *filter; /* the capture file's (XDP), or the cooked one */
	const struct cbpf_prog *filter_tc; /* compiled for a live socket; empty: filter */
	const struct ring *rings;
	uint32_t wakeup_bytes;
	uint8_t seg_filter; /* loader_cfg.seg_filter: segmented sends the filter cannot judge */
	int tap_fd; /* loader_cfg.tap_fd: the first interface's, shared by the others */
};

struct capif {
	char name[IF_NAMESIZE];
	int index;
	uint16_t hatype; /* ARPHRD_ type, for -i any's cooked header */
	struct loader *l;
	struct attach_info ai;
	struct xs_counters base; /* the counters when the capture began (attach's ran before) */
	bool borrowed; /* `xdpspy attach`'s hooks, taken over */
	bool pinned;
	int promisc; /* the socket holding promiscuous mode, or -1 */
	int stats_fd; /* attach's pinned counters (borrowed), or -1 */
	int flow_fds[LFM_COUNT]; /* attach's pinned flow table (borrowed, --flows), or -1 */
	struct xs_detect_cfg detect; /* the thresholds loaded: attach's when borrowed */
	bool flows; /* the flow table runs */
	bool flows_pinned; /* our flow table pinned beside attach's counters: removed at close */
};

/*
 * Attaches the capture to interface name. Returns 0, or an exit code (exit_codes.h: busy,
 * error), the reason logged. c is ready for capif_close() either way.
 */
int capif_open(struct capif *c, const char *name, const struct capif_cfg *cfg);
/* Takes the hooks off (the ring may still hold this interface's last events). */
void capif_detach(struct capif *c);
/* The counters since the capture began. */
void capif_counters(const struct capif *c, struct xs_counters *out);
/* Detaches, removes the pins, gives promiscuous mode back, unloads. */
void capif_close(struct capif *c);

#endif
