/* SPDX-License-Identifier: GPL-2.0-only */
/* What `xdpspy flows` prints of its snapshots: text, JSON, Prometheus (flows_cmd.c). */
#ifndef XDPSPY_FLOWS_OUT_H
#define XDPSPY_FLOWS_OUT_H

#include "flowtools.h"

#define FLOWS_MAX_IFS 64

enum flows_format { FO_TEXT, FO_JSON, FO_PROMETHEUS };

struct flows_run {
	enum flows_format fmt;
	const char *textfile_dir; /* Prometheus into DIR/xdpspy_IF.prom */
	long top; /* flows shown (text, JSON: 0 for all) or exported (Prometheus: 0 for 10) */
	double interval; /* > 0: again every so many seconds */
	struct flow_src src[FLOWS_MAX_IFS];
	struct flow_snap snap[2][FLOWS_MAX_IFS]; /* this round's and the one before */
	int cur;
	int nifs;
};

/* Prints (or writes) this round's snapshots, sorted. An exit code. */
int flows_print(const struct flows_run *r);

#endif
