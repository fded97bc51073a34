// SPDX-License-Identifier: GPL-2.0-only
/*
 * `xdpspy flows [IF] [--json | --prometheus | --textfile DIR] [--top N] [--interval S]`: a
 * snapshot of the pinned flow tables (IF's, else every one): as text (top's block), as one JSON
 * object per interface, or in Prometheus' exposition: every counter `stats` exports, the
 * table's gauges, the alarms under way per detector, and the busiest N flows (10 by default)
 * as gauges, their rank a label, so a scrape holds at most N flows per interface. --textfile
 * writes DIR/xdpspy_IF.prom, the file `stats --textfile` writes, which it replaces.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "exit_codes.h"
#include "flows_out.h"
#include "log.h"
#include "pins.h"

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static int add_pinned(const char *ifname, void *ctx)
{
	struct flows_run *r = ctx;

	if (r->nifs < FLOWS_MAX_IFS && !flow_src_open_pinned(&r->src[r->nifs], ifname))
		r->nifs++;
	return 0;
}

/* One option; false if it is none of ours or its value is bad. */
static bool take(struct flows_run *r, const char **ifname, int c, const char *arg)
{
	switch (c) {
	case 'i':
		*ifname = arg;
		return true;
	case 'j':
		r->fmt = FO_JSON;
		return true;
	case 'T':
		r->textfile_dir = arg;
		r->fmt = FO_PROMETHEUS;
		return true;
	case 'P':
		r->fmt = FO_PROMETHEUS;
		return true;
	case 'N':
		r->top = strtol(arg, NULL, 10);
		return r->top > 0;
	case 'I':
		r->interval = strtod(arg, NULL);
		return r->interval > 0;
	default:
		return false;
	}
}

static int parse(struct flows_run *r, int argc, char **argv, const char **ifname)
{
	static const struct option lo[] = {
	    {"json", no_argument, NULL, 'j'},		{"prometheus", no_argument, NULL, 'P'},
	    {"textfile", required_argument, NULL, 'T'}, {"top", required_argument, NULL, 'N'},
	    {"interval", required_argument, NULL, 'I'}, {NULL, 0, NULL, 0},
	};
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "i:", lo, NULL)) != -1)
		if (!take(r, ifname, c, optarg)) {
			optind =
			    argc + 1; /* the usage below: getopt must not read past argv's end */
			break;
		}
	if (optind == argc - 1 && !*ifname)
		*ifname = argv[optind++];
	if (optind != argc) {
		fprintf(stderr, "usage: xdpspy flows [IF] [--json|--prometheus|--textfile DIR] "
				"[--top N] [--interval S]\n");
		return XS_EXIT_ERR;
	}
	return XS_EXIT_OK;
}

static int open_sources(struct flows_run *r, const char *ifname)
{
	if (ifname) {
		struct flow_opts fo;

		flow_opts_init(&fo);
		if (flowtools_open(ifname, false, &fo, &r->src[0]))
			return XS_EXIT_ERR;
		r->nifs = 1;
		return XS_EXIT_OK;
	}
	pins_for_each(add_pinned, r);
	if (!r->nifs) {
		log_msg("no flow table pinned under %s (`xdpspy attach IF --flows`)", XS_PIN_ROOT);
		return XS_EXIT_ERR;
	}
	return XS_EXIT_OK;
}

/* One snapshot of every interface, printed; rates against the round before. */
static int round_once(struct flows_run *r)
{
	for (int i = 0; i < r->nifs; i++) {
		struct flow_snap *s = &r->snap[r->cur][i], *prev = &r->snap[!r->cur][i];
		int err;

		flow_snap_free(s);
		err = flow_snap_take(s, &r->src[i], prev->t_ns ? prev : NULL, NULL);
		if (err) {
			log_msg("%s: reading the flow table: %s", r->src[i].ifname, strerror(-err));
			return XS_EXIT_ERR;
		}
		flow_snap_sort(s, prev->t_ns ? FS_RATE : FS_BYTES);
	}
	return flows_print(r);
}

int flows_run(int argc, char **argv)
{
	struct flows_run *r = calloc(1, sizeof(*r));
	const char *ifname = NULL;
	int rc;

	if (!r)
		return XS_EXIT_ERR;
	rc = parse(r, argc, argv, &ifname);
	if (!rc)
		rc = open_sources(r, ifname);
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	while (!rc) {
		struct timespec ts = {(time_t)r->interval,
				      (long)((r->interval - (double)(time_t)r->interval) * 1e9)};

		rc = round_once(r);
		if (rc || r->interval <= 0 || stop)
			break;
		nanosleep(&ts, NULL);
		if (stop)
			break;
		r->cur = !r->cur;
	}
	for (int i = 0; i < r->nifs; i++) {
		flow_snap_free(&r->snap[0][i]);
		flow_snap_free(&r->snap[1][i]);
		flow_src_close(&r->src[i]);
	}
	free(r);
	return rc;
}
