// SPDX-License-Identifier: GPL-2.0-only
/*
 * In-kernel cost per packet, measured with BPF_PROG_TEST_RUN in repeat mode:
 *
 *   kernel_cost [-r ROUNDS] [-e EXPRESSION] [-s SNAPLEN] [-v] FRAME.pcap...
 *
 * For the first frame of each file: an XDP program that only passes (the floor), xdpspy in
 * counters-only mode, xdpspy sending events, and xdpspy with the filter EXPRESSION, with
 * SNAPLEN bytes of each frame in the events (-s), with the -v checksum sum (-v); then the
 * same floor, counters and events at the TC ingress hook. Events are drained after every 1000
 * runs, so the ring never fills and the cost is the delivering path, not the losing one. Each
 * figure is the median over ROUNDS of the kernel's mean. Every loader that sends events has
 * its records carry the bytes the payload decoders read, as a live capture's do
 * (user/app_ports.c): the http-get and dns-query frames' records carry them.
 *
 * --flows (the flow table and the detectors): `flows` is counters-only with them, `ev-flows`
 * events with them, `tc-flows` the former at TC; `flows-added` is what they add to
 * counters-only, the median of the differences of rounds run in turn (counters, flows,
 * counters, ...), so a machine's drift between two columns does not count. The frame is the
 * same at every run: its flow is in the table, as a packet of a flow under way finds it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app_ports.h"
#include "filter.h"
#include "frame.h"
#include "loader.h"
#include "log.h"
#include "opts.h"

#define CHUNK 1000 /* runs between two drains of the ring */

static unsigned long long delivered;

static int on_event(void *ctx, void *data, size_t size)
{
	(void)ctx;
	(void)data;
	(void)size;
	delivered++;
	return 0;
}

static int cmp_i32(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;

	return x < y ? -1 : x > y;
}

/* The median over rounds of the mean ns per run at XDP (tc: TC ingress); l NULL: the empty
 * program. */
static double measure_at(struct loader *l, bool tc, const struct frame *f, int rounds)
{
	uint32_t ns[rounds], warm;

	/* A round not counted first: the ring's pages and the caches are cold. */
	if (l ? loader_test_run_timed(l, tc, f->data, f->len, CHUNK, &warm)
	      : loader_test_run_empty(tc, f->data, f->len, CHUNK, &warm))
		return -1;
	if (l)
		loader_consume(l);
	for (int r = 0; r < rounds; r++) {
		int err = l ? loader_test_run_timed(l, tc, f->data, f->len, CHUNK, &ns[r])
			    : loader_test_run_empty(tc, f->data, f->len, CHUNK, &ns[r]);

		if (err) {
			fprintf(stderr, "kernel_cost: test run: %s\n", strerror(-err));
			return -1;
		}
		if (l)
			loader_consume(l);
	}
	qsort(ns, (size_t)rounds, sizeof(ns[0]), frame_cmp_u32);
	return ns[rounds / 2];
}

static double measure(struct loader *l, const struct frame *f, int rounds)
{
	return measure_at(l, false, f, rounds);
}

/* The median over rounds of b's cost minus a's, a round of each in turn (XDP). */
static double measure_added(struct loader *a, struct loader *b, const struct frame *f, int rounds)
{
	uint32_t ta, tb;
	int32_t d[rounds];

	for (int r = -1; r < rounds; r++) { /* round -1: the warm-up */
		if (loader_test_run_timed(a, false, f->data, f->len, CHUNK, &ta) ||
		    loader_test_run_timed(b, false, f->data, f->len, CHUNK, &tb))
			return -1;
		if (r >= 0)
			d[r] = (int32_t)tb - (int32_t)ta;
	}
	qsort(d, (size_t)rounds, sizeof(d[0]), cmp_i32);
	return d[rounds / 2];
}

/* The bytes a live `xdpspy -n` (-v: `-n -v`) has its records carry for the payload decoders. */
static const struct xs_app_cfg *live_app(bool verbose)
{
	static struct xs_app_cfg app[2];

	app_ports_fill(&app[verbose], &(struct print_opts){.nflag = 1, .vflag = verbose});
	return &app[verbose];
}

static struct loader *open_loader(bool counters_only, const struct cbpf_prog *filter,
				  uint32_t snap_len, bool verify_sum, bool flows)
{
	struct loader_cfg cfg = {.ring_kib = 4096,
				 .app = counters_only ? NULL : live_app(verify_sum),
				 .counters_only = counters_only,
				 .filter = filter,
				 .snap_len = snap_len,
				 .verify_sum = verify_sum,
				 .flows = flows,
				 .detect = XS_DETECT_DEFAULTS};
	struct loader *l;
	int err = loader_open(&l, &cfg, on_event, NULL);

	if (err) {
		fprintf(stderr, "kernel_cost: cannot load the BPF program: %s\n", strerror(-err));
		return NULL;
	}
	return l;
}

int main(int argc, char **argv)
{
	struct loader *counting = NULL, *events = NULL, *filtered = NULL, *snapped = NULL,
		      *summed = NULL, *flowing = NULL, *ev_flowing = NULL;
	uint32_t snap = 0;
	bool sum = false;
	struct cbpf_prog prog = {0};
	struct frame *f = calloc(1, sizeof(*f));
	const char *expr = NULL;
	int rounds = 200, c, rc = 1;

	while ((c = getopt(argc, argv, "r:e:s:v")) != -1) {
		if (c == 'r')
			rounds = atoi(optarg);
		else if (c == 'e')
			expr = optarg;
		else if (c == 's')
			snap = (uint32_t)atoi(optarg);
		else if (c == 'v')
			sum = true;
		else
			return 2;
	}
	if (optind >= argc || rounds < 1 || !f) {
		fprintf(stderr, "usage: kernel_cost [-r ROUNDS] [-e EXPRESSION] [-s SNAPLEN] [-v] "
				"FRAME.pcap...\n");
		return 2;
	}
	if (expr) {
		struct opts o = {.expr = (char **)&expr, .expr_words = 1};

		if (filter_build(&o, NULL, FILTER_LIVE_SNAPLEN, &prog))
			goto out;
	}
	counting = open_loader(true, NULL, 0, false, false);
	events = open_loader(false, NULL, 0, false, false);
	filtered = expr ? open_loader(false, &prog, 0, false, false) : NULL;
	snapped = snap ? open_loader(false, NULL, snap, false, false) : NULL;
	summed = sum ? open_loader(false, NULL, 0, true, false) : NULL;
	flowing = open_loader(true, NULL, 0, false, true);
	ev_flowing = open_loader(false, NULL, 0, false, true);
	if (!counting || !events || (expr && !filtered) || (snap && !snapped) || (sum && !summed) ||
	    !flowing || !ev_flowing)
		goto out;

	printf("%-16s %6s %8s %10s %8s", "frame", "bytes", "empty", "counters", "events");
	if (expr)
		printf(" %8s", "filter");
	if (snap)
		printf("  -s %-5u", snap);
	if (sum)
		printf(" %8s", "-v");
	printf(" %8s %11s %9s", "tc-empty", "tc-counters", "tc-events");
	printf(" %6s %8s %8s %11s", "flows", "ev-flows", "tc-flows", "flows-added");
	printf("   (ns per packet%s%s)\n", expr ? "; filter: " : "", expr ? expr : "");
	for (int i = optind; i < argc; i++) {
		if (frame_read(argv[i], f))
			goto out;
		printf("%-16s %6u %8.0f %10.0f %8.0f", f->name, f->len, measure(NULL, f, rounds),
		       measure(counting, f, rounds), measure(events, f, rounds));
		if (filtered)
			printf(" %8.0f", measure(filtered, f, rounds));
		if (snapped)
			printf(" %9.0f", measure(snapped, f, rounds));
		if (summed)
			printf(" %8.0f", measure(summed, f, rounds));
		printf(" %8.0f %11.0f %9.0f", measure_at(NULL, true, f, rounds),
		       measure_at(counting, true, f, rounds), measure_at(events, true, f, rounds));
		printf(" %6.0f %8.0f %8.0f %11.0f", measure(flowing, f, rounds),
		       measure(ev_flowing, f, rounds), measure_at(flowing, true, f, rounds),
		       measure_added(counting, flowing, f, rounds));
		printf("\n");
	}
	rc = 0;
out:
	loader_close(counting);
	loader_close(events);
	loader_close(filtered);
	loader_close(snapped);
	loader_close(summed);
	loader_close(flowing);
	loader_close(ev_flowing);
	filter_free(&prog);
	free(f);
	return rc;
}
