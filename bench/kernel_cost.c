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
 * -p (--process): `proc-miss` events with the owner lookup finding no socket (a forwarded
 * packet's path), `proc-hit` finding the socket that owns the frame's flow (seeded into the
 * tables as the socket side records one), `tc-proc-hit` the same at TC ingress, `proc-added`
 * what the found owner adds to `events` (medians of differences, as flows-added); with --flows
 * too, `proc-flows` the found owner written into the flow's entry (bpf/flow_owner.h), and
 * `pf-added` what --process adds to `ev-flows`.
 *
 * --flows (the flow table and the detectors): `flows` is counters-only with them, `ev-flows`
 * events with them, `tc-flows` the former at TC; `flows-added` is what they add to
 * counters-only, the median of the differences of rounds run in turn (counters, flows,
 * counters, ...), so a machine's drift between two columns does not count. The frame is the
 * same at every run: its flow is in the table, as a packet of a flow under way finds it.
 *
 * -V (the verdicts, on with --flows unless --no-verdicts): `verd-added` is what they add to
 * `flows` for a flow under way (its direction's verdict done: one byte tested), `verd-first`
 * what they add to the packet that is read and classified, a direction's first with payload:
 * single runs with the flow table emptied before each, the median of the differences of runs
 * in turn with and without verdicts, which one first alternating (a pure ACK's, which is read
 * by neither, says what is left of the noise).
 */
#include <stdio.h>
#include <sys/socket.h>

#include <bpf/bpf.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app_ports.h"
#include "filter.h"
#include "frame.h"
#include "loader.h"
#include "log.h"
#include "opts.h"
#include "parse_host.h"
#include "proto.h"

#define CHUNK 1000 /* runs between two drains of the ring */
#define RING_KIB 4096 /* each loader's ring (per CPU) */

static unsigned long long delivered, delivered_bytes;

static int on_event(void *ctx, void *data, size_t size)
{
	(void)ctx;
	(void)data;
	delivered++;
	delivered_bytes += size;
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

static void owner_addr(uint8_t *dst, const uint8_t *a, bool ip6)
{
	static const uint8_t mapped[12] = {[10] = 0xff, [11] = 0xff};

	if (ip6) {
		memcpy(dst, a, 16);
		return;
	}
	memcpy(dst, mapped, 12);
	memcpy(dst + 12, a, 4);
}

/* -p: the frame's flow owned by a socket, as an arriving packet of a local connection finds
 * it (the test runs' device is this network namespace's loopback). */
static int seed_owner(struct loader *l, const struct frame *f)
{
	struct xs_owner_val v = {.o = {.pid = 1, .state = XS_OWN_OPEN, .comm = "bench"}};
	struct xs_owner_flow k = {0};
	socklen_t len = sizeof(k.netns);
	struct xs_event ev = {0};
	int s = socket(AF_INET, SOCK_DGRAM, 0);
	bool ip6, ok;

	ok = s >= 0 && !getsockopt(s, SOL_SOCKET, 71 /* SO_NETNS_COOKIE */, &k.netns, &len);
	if (s >= 0)
		close(s);
	xs_parse(&ev, &(struct xs_frame){.data = f->data, .end = f->data + f->len});
	if (!ok || (ev.kind != XS_K_TCP && ev.kind != XS_K_UDP))
		return -1;
	ip6 = ev.flags & XS_F_IP6;
	owner_addr(k.laddr, ev.var + (ip6 ? 16 : 4), ip6);
	owner_addr(k.raddr, ev.var, ip6);
	k.lport = ev.l4.tcp.dport;
	k.rport = ev.l4.tcp.sport;
	k.proto = ev.kind == XS_K_TCP ? XS_IPPROTO_TCP : XS_IPPROTO_UDP;
	return loader_owner_seed(l, &k, 1, &v);
}

static double measure(struct loader *l, const struct frame *f, int rounds)
{
	return measure_at(l, false, f, rounds);
}

/* Sends events until the ring has been written around twice. A ring's pages are untouched
 * until its first lap, and on a virtual machine the first write through a page is far dearer
 * than the next ones (likely the hypervisor filling its page tables in): without this the first frame measured paid for the
 * whole lap (~200 ns per event more than the same frame measured later). 1: done, 0: the
 * loader sends nothing for this frame (a filter that rejects it), -1: error. */
static int warm_ring(struct loader *l, const struct frame *f)
{
	uint32_t ns;

	delivered_bytes = 0;
	for (int i = 0; i < 4096 && delivered_bytes < 2ULL * RING_KIB * 1024; i++) {
		unsigned long long before = delivered_bytes;

		if (loader_test_run_timed(l, false, f->data, f->len, CHUNK, &ns))
			return -1;
		loader_consume(l);
		if (delivered_bytes == before)
			break;
	}
	return delivered_bytes > 0;
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

/* Empties l's flow table: the next run's packet is its flow's first. */
static void flows_clear(struct loader *l)
{
	int fd = loader_flow_fd(l, LFM_FLOWS);
	struct xs_flow_key k;

	while (!bpf_map_get_next_key(fd, NULL, &k))
		bpf_map_delete_elem(fd, &k);
}

/* -V: the median over rounds of b's cost minus a's for a flow's first packet (one run each,
 * the tables emptied before it). */
static double measure_first(struct loader *a, struct loader *b, const struct frame *f, int rounds)
{
	uint32_t ta, tb;
	int32_t d[rounds];

	for (int r = -1; r < rounds; r++) {
		struct loader *first = r & 1 ? b : a, *second = r & 1 ? a : b;
		uint32_t *t1 = r & 1 ? &tb : &ta, *t2 = r & 1 ? &ta : &tb;

		/* In turn which runs first: the second finds the caches the first warmed. */
		flows_clear(a);
		flows_clear(b);
		if (loader_test_run_timed(first, false, f->data, f->len, 1, t1) ||
		    loader_test_run_timed(second, false, f->data, f->len, 1, t2))
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

static bool no_verdicts; /* the next open_loader()'s --no-verdicts */

static struct loader *open_loader(bool counters_only, const struct cbpf_prog *filter,
				  uint32_t snap_len, bool verify_sum, bool flows, bool process)
{
	struct loader_cfg cfg = {.ring_kib = RING_KIB,
				 .app = counters_only ? NULL : live_app(verify_sum),
				 .counters_only = counters_only,
				 /* as -n's line is sent: compact records where they do */
				 .compact = !snap_len && !verify_sum,
				 .filter = filter,
				 .snap_len = snap_len,
				 .verify_sum = verify_sum,
				 .flows = flows,
				 .detect = XS_DETECT_DEFAULTS,
				 .process = {.on = process}};
	struct loader *l;
	int err;

	cfg.detect.verdicts = !no_verdicts;
	err = loader_open(&l, &cfg, on_event, NULL);

	if (err) {
		fprintf(stderr, "kernel_cost: cannot load the BPF program: %s\n", strerror(-err));
		return NULL;
	}
	return l;
}

/* Every loader that sends events, its ring warmed (warm_ring) with the first of the frames
 * it sends events for, so no figure depends on the order of the files. */
static int warm_rings(struct loader **ls, int n, char **paths, int npaths)
{
	struct frame *f = calloc(1, sizeof(*f));
	int err = !f;

	for (int p = 0; !err && p < npaths; p++) {
		err = frame_read(paths[p], f);
		for (int i = 0; !err && i < n; i++) {
			int w = ls[i] ? warm_ring(ls[i], f) : 0;

			err = w < 0;
			if (w > 0)
				ls[i] = NULL; /* warm: the next frames are for the others */
		}
	}
	free(f);
	return err ? -1 : 0;
}

int main(int argc, char **argv)
{
	struct loader *counting = NULL, *events = NULL, *filtered = NULL, *snapped = NULL,
		      *summed = NULL, *flowing = NULL, *ev_flowing = NULL, *proc = NULL,
		      *proc_hit = NULL, *proc_flows = NULL, *unjudged = NULL;
	uint32_t snap = 0;
	bool sum = false, process = false, verdicts = false;
	struct cbpf_prog prog = {0};
	struct frame *f = calloc(1, sizeof(*f));
	const char *expr = NULL;
	int rounds = 200, c, rc = 1;

	while ((c = getopt(argc, argv, "r:e:s:vpV")) != -1) {
		if (c == 'r')
			rounds = atoi(optarg);
		else if (c == 'e')
			expr = optarg;
		else if (c == 's')
			snap = (uint32_t)atoi(optarg);
		else if (c == 'v')
			sum = true;
		else if (c == 'p')
			process = true;
		else if (c == 'V')
			verdicts = true;
		else
			return 2;
	}
	if (optind >= argc || rounds < 1 || !f) {
		fprintf(
		    stderr,
		    "usage: kernel_cost [-r ROUNDS] [-e EXPRESSION] [-s SNAPLEN] [-v] [-p] [-V] "
		    "FRAME.pcap...\n");
		return 2;
	}
	if (expr) {
		struct opts o = {.expr = (char **)&expr, .expr_words = 1};

		if (filter_build(&o, NULL, FILTER_LIVE_SNAPLEN, &prog))
			goto out;
	}
	counting = open_loader(true, NULL, 0, false, false, false);
	events = open_loader(false, NULL, 0, false, false, false);
	filtered = expr ? open_loader(false, &prog, 0, false, false, false) : NULL;
	snapped = snap ? open_loader(false, NULL, snap, false, false, false) : NULL;
	summed = sum ? open_loader(false, NULL, 0, true, false, false) : NULL;
	flowing = open_loader(true, NULL, 0, false, true, false);
	ev_flowing = open_loader(false, NULL, 0, false, true, false);
	proc = process ? open_loader(false, NULL, 0, false, false, true) : NULL;
	proc_hit = process ? open_loader(false, NULL, 0, false, false, true) : NULL;
	proc_flows = process ? open_loader(false, NULL, 0, false, true, true) : NULL;
	no_verdicts = true;
	unjudged = verdicts ? open_loader(true, NULL, 0, false, true, false) : NULL;
	no_verdicts = false;
	if (!counting || !events || (expr && !filtered) || (snap && !snapped) || (sum && !summed) ||
	    !flowing || !ev_flowing || (process && (!proc || !proc_hit || !proc_flows)) ||
	    (verdicts && !unjudged))
		goto out;

	if (warm_rings((struct loader *[]){events, filtered, snapped, summed, ev_flowing, proc,
					   proc_hit, proc_flows},
		       8, argv + optind, argc - optind))
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
	if (process)
		printf(" %9s %8s %11s %10s %10s %8s", "proc-miss", "proc-hit", "tc-proc-hit",
		       "proc-added", "proc-flows", "pf-added");
	if (verdicts)
		printf(" %10s %10s", "verd-added", "verd-first");
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
		if (process) {
			if (seed_owner(proc_hit, f) || seed_owner(proc_flows, f))
				goto out;
			printf(" %9.0f %8.0f %11.0f %10.0f", measure(proc, f, rounds),
			       measure(proc_hit, f, rounds), measure_at(proc_hit, true, f, rounds),
			       measure_added(events, proc_hit, f, rounds));
			printf(" %10.0f %8.0f", measure(proc_flows, f, rounds),
			       measure_added(ev_flowing, proc_flows, f, rounds));
		}
		if (verdicts)
			printf(" %10.0f %10.0f", measure_added(unjudged, flowing, f, rounds),
			       measure_first(unjudged, flowing, f, rounds));
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
	loader_close(proc);
	loader_close(proc_hit);
	loader_close(proc_flows);
	loader_close(unjudged);
	filter_free(&prog);
	free(f);
	return rc;
}
