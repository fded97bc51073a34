// SPDX-License-Identifier: GPL-2.0-only
/* --flows and the detectors' thresholds (detect_opts.h). */
#include <stdlib.h>
#include <string.h>

#include "detect_opts.h"
#include "lincount.h"
#include "log.h"

const struct detect_opt detect_opts[DETECT_NOPTS] = {
    {{"flows", no_argument, NULL, DOPT_FLOWS},
     NULL,
     "keep the flow table and run the detectors in the kernel (top, watch, flows read them)"},
    {{"flow-entries", required_argument, NULL, DOPT_FLOW_ENTRIES},
     "N",
     "flows the table holds, the least recently seen evicted (default 65536)"},
    {{"syn-flood-rate", required_argument, NULL, DOPT_SYN_FLOOD_RATE},
     "N",
     "SYN flood: N new connections per second to one service (default 1000) ..."},
    {{"syn-flood-ratio", required_argument, NULL, DOPT_SYN_FLOOD_RATIO},
     "PCT",
     "... of which fewer than PCT % complete their handshake (default 50)"},
    {{"scan-targets", required_argument, NULL, DOPT_SCAN_TARGETS},
     "N",
     "port scan: N distinct address:port probed by one source in a window (default 100)"},
    {{"scan-window", required_argument, NULL, DOPT_SCAN_WINDOW},
     "S",
     "a source's window for scans, RST storms, land and martians (default 5 s)"},
    {{"rst-storm-rate", required_argument, NULL, DOPT_RST_STORM_RATE},
     "N",
     "RST storm: N RSTs per second from one source (default 100)"},
    {{"no-verdicts", no_argument, NULL, DOPT_NO_VERDICTS},
     NULL,
     "with --flows, do not read payload for the verdicts (TLS, SSH, clear-text logins, ...)"},
};

/* Each threshold's range. */
static const struct {
	int code;
	long min, max;
} ranges[] = {
    {DOPT_FLOW_ENTRIES, 64, 1L << 24}, {DOPT_SYN_FLOOD_RATE, 1, 100000000},
    {DOPT_SYN_FLOOD_RATIO, 1, 100},    {DOPT_SCAN_TARGETS, 1, XS_TARGET_BITS / 2},
    {DOPT_SCAN_WINDOW, 1, 3600},       {DOPT_RST_STORM_RATE, 1, 100000000},
};

void flow_opts_init(struct flow_opts *f)
{
	const struct xs_detect_cfg d = XS_DETECT_DEFAULTS;

	f->on = false;
	f->process = false;
	f->cfg = d;
}

static void set(struct xs_detect_cfg *d, int c, long v)
{
	switch (c) {
	case DOPT_FLOW_ENTRIES:
		d->flow_entries = (__u32)v;
		break;
	case DOPT_SYN_FLOOD_RATE:
		d->syn_flood_rate = (__u32)v;
		break;
	case DOPT_SYN_FLOOD_RATIO:
		d->syn_flood_pct = (__u32)v;
		break;
	case DOPT_SCAN_TARGETS:
		d->scan_targets = (__u32)v;
		break;
	case DOPT_SCAN_WINDOW:
		d->window_ns = (__u64)v * 1000000000ull;
		break;
	case DOPT_RST_STORM_RATE:
		d->rst_storm_rate = (__u32)v;
		break;
	}
	d->rst_storm_window = (__u32)(d->rst_storm_rate * (d->window_ns / 1000000000ull));
	/* What the kernel compares: the bits so many distinct targets set (lincount.h). */
	d->scan_bits = (__u32)(lincount_bits(XS_TARGET_BITS, d->scan_targets) + 0.999);
}

int flow_opts_take(struct flow_opts *f, int c, const char *arg)
{
	char *end;
	long v;

	if (c == DOPT_FLOWS) {
		f->on = true;
		return 1;
	}
	if (c == DOPT_NO_VERDICTS) {
		f->cfg.verdicts = 0;
		return 1;
	}
	if (c == DOPT_PROCESS) {
		f->process = f->on = true;
		return 1;
	}
	for (size_t i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++) {
		if (ranges[i].code != c)
			continue;
		v = strtol(arg, &end, 10);
		if (!*arg || *end || v < ranges[i].min || v > ranges[i].max) {
			log_msg("invalid --%s %s (%ld to %ld)", detect_opts[c - DOPT_FLOWS].lo.name,
				arg, ranges[i].min, ranges[i].max);
			return -1;
		}
		set(&f->cfg, c, v);
		f->on = true;
		return 1;
	}
	return 0;
}

int flow_opts_long(struct option *lo)
{
	for (int i = 0; i < DETECT_NOPTS; i++)
		lo[i] = detect_opts[i].lo;
	return DETECT_NOPTS;
}

int flow_opts_long_subcmd(struct option *lo)
{
	int n = flow_opts_long(lo);

	lo[n] = (struct option){"process", no_argument, NULL, DOPT_PROCESS};
	return n + 1;
}

void flow_opts_help(FILE *f, const char *indent)
{
	for (int i = 0; i < DETECT_NOPTS; i++) {
		char left[64];

		snprintf(left, sizeof(left), "    --%s%s%s", detect_opts[i].lo.name,
			 detect_opts[i].arg ? " " : "",
			 detect_opts[i].arg ? detect_opts[i].arg : "");
		fprintf(f, "%s%-40s %s\n", indent, left, detect_opts[i].help);
	}
}
