/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The detectors' alarms as user space sees them: which are active in the maps' entries at a
 * given time, with their evidence, as a line of text or as JSON members. An entry's alarm
 * holds while its window, or the one before, raised it (bpf/detect.h); it has ended once a
 * whole window went by without.
 */
#ifndef XDPSPY_ALARMS_H
#define XDPSPY_ALARMS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "flow_table.h"
#include "flowmap.h"

enum alarm_kind {
	AK_SYN_FLOOD,
	AK_PORT_SCAN,
	AK_RST_STORM,
	AK_STEALTH,
	AK_LAND,
	AK_MARTIAN,
	AK_COUNT
};

extern const char *const alarm_names[AK_COUNT]; /* syn_flood, port_scan, ... */

struct alarm {
	int kind; /* enum alarm_kind */
	struct xs_host_key key; /* the service (SYN flood) or the source */
	double window_s; /* the window the evidence covers */
	unsigned count; /* SYNs, probes, RSTs or packets in it */
	double rate; /* per second: SYNs, RSTs */
	double completed_pct; /* SYN flood: handshakes completed per SYN */
	unsigned distinct; /* SYN flood: sources; port scan: targets (estimated) */
	bool at_least; /* the estimate's bitmap is full: `distinct` is a floor */
	unsigned null_scan, fin_scan, xmas_scan, synfin_scan; /* stealth: the flag sets */
};

struct alarm_list {
	struct alarm *a;
	size_t n, cap;
};

/* Every alarm active at now (CLOCK_MONOTONIC ns) in the sources' and services' copies. */
int alarms_collect(const struct map_copy *sources, const struct map_copy *services,
		   const struct xs_detect_cfg *cfg, uint64_t now, struct alarm_list *out);
void alarm_list_free(struct alarm_list *l);
/* Whether two alarms are the same one (kind and subject). */
bool alarm_same(const struct alarm *a, const struct alarm *b);
/* "SYN flood to 10.0.0.1.80: 48 210 SYN/s, 0.4 % completed, 1 203 sources" */
void alarm_text(char *buf, size_t len, const struct alarm *a);
/* Its two halves: "SYN flood to 10.0.0.1.80", "48 210 SYN/s, 0.4 % completed, ..." */
void alarm_title(char *buf, size_t len, const struct alarm *a);
void alarm_evidence(char *buf, size_t len, const struct alarm *a);
/* How strong it is, to keep its peak: a scan's targets, else the count in its window (a rate
 * taken early in a window is the least reliable). */
double alarm_magnitude(const struct alarm *a);
/* Its subject alone: "10.0.0.1.80" (a service), "10.0.0.9" (a source). */
void alarm_subject(char *buf, size_t len, const struct alarm *a);
/* Its JSON members (no braces): "alarm":"syn_flood","address":"10.0.0.1","port":80,... */
void alarm_json(FILE *f, const struct alarm *a);

#endif
