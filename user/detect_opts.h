/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * --flows and the detectors' thresholds: the options a capture, `attach` and `top` share, with
 * their defaults, ranges and help in one table.
 */
#ifndef XDPSPY_DETECT_OPTS_H
#define XDPSPY_DETECT_OPTS_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

#include "flow_table.h"

/* Option codes (getopt_long's val), clear of opts.c's and of every letter. */
enum {
	DOPT_FLOWS = 400,
	DOPT_FLOW_ENTRIES,
	DOPT_SYN_FLOOD_RATE,
	DOPT_SYN_FLOOD_RATIO,
	DOPT_SCAN_TARGETS,
	DOPT_SCAN_WINDOW,
	DOPT_RST_STORM_RATE,
	DOPT_NO_VERDICTS,
	DOPT_END,
	DOPT_PROCESS, /* the subcommands' --process (a capture's is opts.c's) */
};

#define DETECT_NOPTS (DOPT_END - DOPT_FLOWS)
/* The subcommands' long options from here: the table's and --process. */
#define DETECT_NOPTS_SUBCMD (DETECT_NOPTS + 1)

struct detect_opt {
	struct option lo;
	const char *arg;
	const char *help;
};

extern const struct detect_opt detect_opts[DETECT_NOPTS];

/* What the options say: on or off, and the thresholds (the defaults until one is given). */
struct flow_opts {
	bool on;
	/* --process of `watch`, `audit`, `top` and `attach`: the flow table's own programs
	 * attach the socket side too, so its flows learn their owners (a capture's --process is
	 * opts.h's) */
	bool process;
	struct xs_detect_cfg cfg;
};

void flow_opts_init(struct flow_opts *f);
/* Takes option code c with its argument: 1 if it is one of ours, -1 if its value is bad
 * (said), 0 if it is not ours. A threshold switches --flows on. */
int flow_opts_take(struct flow_opts *f, int c, const char *arg);
/* Appends our long options to lo (room for DETECT_NOPTS) and returns how many. */
int flow_opts_long(struct option *lo);
/* The same for `watch`, `audit`, `top` and `attach` (room for DETECT_NOPTS_SUBCMD): --process
 * too, which switches --flows on. */
int flow_opts_long_subcmd(struct option *lo);
/* The help lines, as --help prints options. */
void flow_opts_help(FILE *f, const char *indent);

#endif
