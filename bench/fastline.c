// SPDX-License-Identifier: GPL-2.0-only
/*
 * What a printed line costs in user space after the ring: the TCP segments of a capture made
 * into the compact records a live capture reads (held in memory, as the ring holds them),
 * then each record decoded and printed to standard output as live.c does, the general way
 * (the lookahead, the sink, print_packet()) and the one-pass way (print/fastline.h),
 * interleaved over rounds. Prints the CPU time per line of each round and the medians.
 *
 *   fastline [-r ROUNDS] [-1 general|fast] CAPTURE > /dev/null
 *
 * -1: that way alone, every round (for a profiler).
 */
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ahead.h"
#include "compact.h"
#include "compact_rec.h"
#include "decode.h"
#include "opts.h"
#include "parse_host.h"
#include "print/fastline.h"
#include "sink.h"

#define BATCH 256 /* records per read of the rings, as a busy capture's */

struct recs {
	struct xs_compact *r;
	size_t *size;
	size_t n, cap;
};

static int load(const char *path, struct recs *rs)
{
	char errbuf[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *h;
	const u_char *data;
	pcap_t *pc = pcap_open_offline(path, errbuf);

	if (!pc) {
		fprintf(stderr, "%s: %s\n", path, errbuf);
		return -1;
	}
	while (pcap_next_ex(pc, &h, &data) == 1) {
		struct xs_event ev;

		memset(&ev, 0, sizeof(ev));
		xs_parse(&ev, &(struct xs_frame){.data = data, .end = data + h->caplen});
		ev.wire_len = h->len;
		ev.ts_ns = (uint64_t)h->ts.tv_sec * 1000000000 + (uint64_t)h->ts.tv_usec * 1000;
		if (!xs_compact_ok(&ev))
			continue;
		if (rs->n == rs->cap) {
			rs->cap = rs->cap ? rs->cap * 2 : 4096;
			rs->r = realloc(rs->r, rs->cap * sizeof(*rs->r));
			rs->size = realloc(rs->size, rs->cap * sizeof(*rs->size));
			if (!rs->r || !rs->size)
				return -1;
		}
		rs->size[rs->n] = compact_encode(&ev, &rs->r[rs->n]);
		rs->n++;
	}
	pcap_close(pc);
	return 0;
}

static double cpu_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static void packet_info(const struct xs_event *ev, struct pkt_info *pi)
{
	*pi = (struct pkt_info){.sec = (int64_t)(ev->ts_ns / 1000000000),
				.nsec = (int64_t)(ev->ts_ns % 1000000000),
				.wire_len = ev->wire_len,
				.cap_len = ev->cap_len};
}

/* One pass over the records, as live.c's on_event() takes them; CPU ns per line. */
static double one_run(const struct opts *o, const struct recs *rs, bool fast)
{
	static struct fastline fl;
	struct sink *s = sink_new(o);
	struct ahead *a = ahead_new(s);
	double t0 = cpu_ns(), t;

	for (size_t i = 0; i < rs->n; i++) {
		const uint8_t *bytes;
		struct xs_event ev;
		struct pkt_info pi;
		uint32_t n;

		if (fast && fastline_take(&fl, &rs->r[i], rs->size[i])) {
			pi = (struct pkt_info){.sec = (int64_t)(fl.ev.ts_ns / 1000000000),
					       .nsec = (int64_t)(fl.ev.ts_ns % 1000000000)};
			sink_fastline(s, &fl, &pi);
			continue;
		}
		if (decode_event(&rs->r[i], rs->size[i], &ev, &bytes, &n))
			continue;
		packet_info(&ev, &pi);
		ahead_push(a, &ev, &pi);
		if (i % BATCH == BATCH - 1)
			ahead_flush(a); /* the end of a read of the rings */
	}
	ahead_flush(a);
	sink_flush(s);
	t = cpu_ns() - t0;
	ahead_free(a);
	sink_close(s);
	return t / (double)rs->n;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	static struct opts o;
	struct recs rs = {0};
	int rounds = 5, only = -1, c;
	double *t[2];

	while ((c = getopt(argc, argv, "r:1:")) != -1) {
		if (c == 'r')
			rounds = atoi(optarg);
		else if (c == '1')
			only = !strcmp(optarg, "fast");
	}
	if (optind != argc - 1 || rounds < 1 || load(argv[optind], &rs) || !rs.n) {
		fprintf(stderr, "usage: fastline [-r ROUNDS] [-1 general|fast] CAPTURE\n");
		return 2;
	}
	o.print.nflag = 1;
	t[0] = calloc((size_t)rounds, sizeof(double));
	t[1] = calloc((size_t)rounds, sizeof(double));
	for (int r = 0; r < rounds; r++) {
		/* A B, then B A: neither side always runs on a warmer cache. */
		for (int i = 0; i < 2; i++) {
			int fast = only >= 0 ? only : (r + i) % 2;

			t[fast][r] = one_run(&o, &rs, fast);
		}
		fprintf(stderr, "round %d: general %.1f ns, one pass %.1f ns a line\n", r + 1,
			t[0][r], t[1][r]);
	}
	qsort(t[0], (size_t)rounds, sizeof(double), cmp);
	qsort(t[1], (size_t)rounds, sizeof(double), cmp);
	fprintf(stderr, "%zu records; median: general %.1f ns, one pass %.1f ns a line\n", rs.n,
		t[0][rounds / 2], t[1][rounds / 2]);
	return 0;
}
