// SPDX-License-Identifier: GPL-2.0-only
/*
 * The benchmark's traffic generator:
 *
 *   gen -i IF [-n COUNT] [-r PPS] [-f FLOWS] [-c CPU] [-b BATCH] MIX.pcap
 *   gen -w OUT.pcap [-n COUNT] [-r PPS] [-f FLOWS] MIX.pcap
 *
 * Sends COUNT frames out of IF (run it in IF's network namespace), cycling through the
 * templates of MIX.pcap and moving each cycle to the next of FLOWS client ports (gen.h), as
 * fast as one CPU can or at PPS frames per second. The frames are built by an XDP program run
 * with BPF_F_TEST_XDP_LIVE_FRAMES, whose counter gives the exact number sent; the last line on
 * stdout is `sent=N failed=N seconds=S pps=P` (paced: S from the first frame to the last). With -w it writes those same frames as a pcap
 * instead, time-stamped PPS apart (default 100000), for the replay benchmark.
 */
#define _GNU_SOURCE
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <limits.h>
#include <net/if.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "gen.skel.h"
#include "tmpl.h"

struct args {
	const char *ifname, *out, *mix;
	unsigned long long count;
	double pps;
	unsigned int flows, batch;
	int cpu;
};

static struct gen_tmpl tmpls[GEN_SLOTS];

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int usage(void)
{
	fprintf(stderr,
		"usage: gen -i IF [-n COUNT] [-r PPS] [-f FLOWS] [-c CPU] [-b BATCH] MIX.pcap\n"
		"       gen -w OUT.pcap [-n COUNT] [-r PPS] [-f FLOWS] MIX.pcap\n");
	return 2;
}

static int parse_args(int argc, char **argv, struct args *a)
{
	int c;

	*a = (struct args){.count = 1000000, .flows = 1024, .batch = 64, .cpu = -1};
	while ((c = getopt(argc, argv, "i:w:n:r:f:c:b:")) != -1) {
		switch (c) {
		case 'i':
			a->ifname = optarg;
			break;
		case 'w':
			a->out = optarg;
			break;
		case 'n':
			a->count = strtoull(optarg, NULL, 10);
			break;
		case 'r':
			a->pps = strtod(optarg, NULL);
			break;
		case 'f':
			a->flows = (unsigned int)strtoul(optarg, NULL, 10);
			break;
		case 'c':
			a->cpu = atoi(optarg);
			break;
		case 'b':
			a->batch = (unsigned int)strtoul(optarg, NULL, 10);
			break;
		default:
			return -1;
		}
	}
	if (optind != argc - 1 || !a->ifname == !a->out || a->flows < 1 || a->flows > 1024 ||
	    a->batch < 1 || a->batch > 256 || a->pps < 0)
		return -1;
	a->mix = argv[optind];
	return 0;
}

static int pin_cpu(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set)) {
		fprintf(stderr, "gen: CPU %d: %s\n", cpu, strerror(errno));
		return -1;
	}
	return 0;
}

struct watch {
	struct gen_bpf *skel;
	unsigned long long count;
	double end; /* when the last frame is due */
	pthread_t runner;
};

static void on_signal(int sig)
{
	(void)sig;
}

/* Paced: interrupts the runner's BPF_PROG_RUN (EINTR) once the last frame went out. */
static void *watch(void *arg)
{
	const struct watch *w = arg;
	double wait = w->end - 0.02 - now();
	struct timespec ms = {.tv_nsec = 1000000};

	if (wait > 0) {
		struct timespec ts = {.tv_sec = (time_t)wait};

		ts.tv_nsec = (long)((wait - (double)ts.tv_sec) * 1e9);
		nanosleep(&ts, NULL);
	}
	while (__atomic_load_n(&w->skel->bss->sent, __ATOMIC_RELAXED) < w->count)
		nanosleep(&ms, NULL);
	pthread_kill(w->runner, SIGUSR1);
	return NULL;
}

/*
 * Runs the program until `count` frames went out, in one BPF_PROG_RUN call: a call costs some
 * 20 ms of setup, a pause paced traffic must not have. As fast as possible, every run sends a
 * frame, so the repeat count is exact. Paced, most runs only find that no frame is due yet, so
 * the call runs "forever" and a watcher thread interrupts it with a signal when it is done.
 */
static int send_all(struct gen_bpf *skel, const struct args *a, unsigned int ifindex,
		    unsigned int frame_len)
{
	static __u8 frame[GEN_FRAME_MAX]; /* the pages' first content: overwritten in each run */
	struct xdp_md md = {.data_end = frame_len, .ingress_ifindex = ifindex};
	LIBBPF_OPTS(bpf_test_run_opts, o, .data_in = frame, .data_size_in = frame_len,
		    .ctx_in = &md, .ctx_size_in = sizeof(md), .flags = BPF_F_TEST_XDP_LIVE_FRAMES,
		    .batch_size = a->batch);
	struct sigaction sa = {.sa_handler = on_signal};
	struct watch w = {.skel = skel, .count = a->count, .runner = pthread_self()};
	int fd = bpf_program__fd(skel->progs.gen);
	pthread_t th;

	memcpy(frame, tmpls[0].data, tmpls[0].len);
	sigaction(SIGUSR1, &sa, NULL);
	if (a->pps > 0) {
		w.end = now() + (double)a->count / a->pps;
		if (pthread_create(&th, NULL, watch, &w)) {
			fprintf(stderr, "gen: cannot start the watcher thread\n");
			return -1;
		}
	}
	while (skel->bss->sent < a->count) {
		unsigned long long left = a->count - skel->bss->sent, failed = skel->bss->failed;

		o.repeat = a->pps > 0 || left > INT_MAX ? INT_MAX : (int)left;
		if (bpf_prog_test_run_opts(fd, &o) && errno != EINTR) {
			fprintf(stderr, "gen: BPF_PROG_RUN: %s\n", strerror(errno));
			break;
		}
		if (a->pps == 0 && skel->bss->failed - failed >= left) {
			fprintf(stderr, "gen: every frame failed (%llu)\n", skel->bss->failed);
			break;
		}
	}
	if (a->pps > 0) {
		if (skel->bss->sent < a->count)
			pthread_cancel(th);
		pthread_join(th, NULL);
	}
	return skel->bss->sent < a->count ? -1 : 0;
}

static int run(const struct args *a, int n)
{
	unsigned int ifindex = if_nametoindex(a->ifname), max_len = 0;
	struct gen_bpf *skel;
	double t0, secs;
	int err = -1;

	if (!ifindex) {
		fprintf(stderr, "gen: %s: %s\n", a->ifname, strerror(errno));
		return -1;
	}
	if (a->cpu >= 0 && pin_cpu(a->cpu))
		return -1;
	skel = gen_bpf__open();
	if (!skel) {
		fprintf(stderr, "gen: cannot open the BPF object\n");
		return -1;
	}
	skel->rodata->ntmpl = (__u32)n;
	skel->rodata->nflows = a->flows;
	skel->rodata->gap_ns = a->pps > 0 ? (__u64)(1e9 / a->pps) : 0;
	if (gen_bpf__load(skel)) {
		fprintf(stderr, "gen: cannot load the BPF program (root, kernel >= 5.18?)\n");
		goto out;
	}
	for (__u32 i = 0; i < (__u32)n; i++) {
		if (bpf_map__update_elem(skel->maps.tmpls, &i, sizeof(i), &tmpls[i],
					 sizeof(tmpls[i]), BPF_ANY)) {
			fprintf(stderr, "gen: template %u: %s\n", i, strerror(errno));
			goto out;
		}
		if (tmpls[i].len > max_len)
			max_len = tmpls[i].len;
	}
	skel->bss->limit = a->count;
	t0 = now();
	err = send_all(skel, a, ifindex, max_len);
	secs = now() - t0;
	/* Paced, the rate is the program's own, from the first frame to the last. */
	if (skel->bss->last_ns > skel->bss->first_ns)
		secs = (double)(skel->bss->last_ns - skel->bss->first_ns) * 1e-9 *
		       (double)skel->bss->sent / (double)(skel->bss->sent - 1);
	printf("sent=%llu failed=%llu seconds=%.6f pps=%.0f\n", skel->bss->sent, skel->bss->failed,
	       secs, (double)skel->bss->sent / secs);
out:
	gen_bpf__destroy(skel);
	return err;
}

int main(int argc, char **argv)
{
	struct args a;
	int n;

	if (parse_args(argc, argv, &a))
		return usage();
	n = tmpl_read(a.mix, tmpls);
	if (n < 0)
		return 1;
	if (a.out)
		return tmpl_write_pcap(a.out, tmpls, n, a.flows, a.count, a.pps > 0 ? a.pps : 1e5)
			   ? 1
			   : 0;
	return run(&a, n) ? 1 : 0;
}
