// SPDX-License-Identifier: GPL-2.0-only
/*
 * What two CPUs producing at once cost, per event, in one ring against one ring per CPU:
 *
 *   producers [-r ROUNDS] FRAME.pcap...
 *
 * The real XDP program sends events (no filter) through BPF_PROG_TEST_RUN, repeat mode, from
 * threads pinned to CPU 0 and CPU 1, while a reader thread merges and drains the rings as a
 * live capture does (ring_poll, the same wakeup level). The same program, loaded twice: once
 * with one ring in every CPU's slot (every record takes that ring's busy flag and writes its
 * producer position with atomic exchanges, and a CPU that finds the flag taken loses its
 * record: what a busy server's many CPUs would share), once with a ring per CPU. Each round runs, in turn: one producer (CPU 0) into
 * each, and two producers at once into each; a producer makes CHUNKS test runs of 1000
 * repeats, and the round's figure is the median of the chunks' means (the kernel's timer
 * stops while the thread is scheduled out). Each figure is the median over ROUNDS; lost
 * events are counted and printed, so a reader that fell behind shows. The same in
 * counters-only mode (no ring at all) is the floor: what two CPUs at once cost on this
 * machine whatever the program does (caches, memory, a hypervisor's siblings).
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "frame.h"
#include "loader.h"

#define REPEAT 1000 /* runs per test run */
#define CHUNKS 10 /* test runs per producer and round */
#define RING_KIB 4096 /* the default -B */

/* COUNTING: the same program counting only, no ring: what two CPUs at once cost the machine. */
enum setup { ONE_RING, PER_CPU, COUNTING, SETUPS };

struct producer {
	pthread_t t;
	struct loader *l;
	const struct frame *f;
	int cpu;
	pthread_barrier_t *start;
	uint32_t ns[CHUNKS];
	int err;
};

static atomic_int reading = 1;

static int on_event(void *ctx, void *data, size_t size)
{
	(void)ctx;
	(void)data;
	(void)size;
	return 0;
}

static void *reader(void *arg)
{
	struct ring **rings = arg;

	while (atomic_load(&reading))
		for (int s = 0; s < SETUPS; s++)
			if (rings[s])
				ring_poll(rings[s], 1);
	return NULL;
}

static void *produce(void *arg)
{
	struct producer *p = arg;
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(p->cpu, &set);
	p->err = sched_setaffinity(0, sizeof(set), &set) ? -1 : 0;
	if (p->start)
		pthread_barrier_wait(p->start);
	for (int i = 0; i < CHUNKS && !p->err; i++)
		p->err =
		    loader_test_run_timed(p->l, false, p->f->data, p->f->len, REPEAT, &p->ns[i]);
	return NULL;
}

/* n producers at once (CPU 0, 1, ...): the median of their chunks' means, or 0 on error. */
static uint32_t round_of(struct loader *l, const struct frame *f, int n)
{
	struct producer p[2] = {0};
	uint32_t all[2 * CHUNKS];
	pthread_barrier_t start;
	int err = 0;

	pthread_barrier_init(&start, NULL, (unsigned)n);
	for (int i = 0; i < n; i++) {
		p[i] = (struct producer){.l = l, .f = f, .cpu = i, .start = &start};
		pthread_create(&p[i].t, NULL, produce, &p[i]);
	}
	for (int i = 0; i < n; i++) {
		pthread_join(p[i].t, NULL);
		err |= p[i].err;
		memcpy(all + i * CHUNKS, p[i].ns, sizeof(p[i].ns));
	}
	pthread_barrier_destroy(&start);
	if (err)
		return 0;
	qsort(all, (size_t)(n * CHUNKS), sizeof(all[0]), frame_cmp_u32);
	return all[n * CHUNKS / 2];
}

/* The program with its rings: one in every slot (ONE_RING), or one per CPU; or none. */
static int open_setup(enum setup s, struct ring **ring, struct loader **l)
{
	int err = s == COUNTING ? 0 : ring_new(ring, RING_KIB, s == ONE_RING, on_event, NULL);

	if (!err) {
		struct loader_cfg cfg = {.ring_kib = RING_KIB,
					 .counters_only = s == COUNTING,
					 .rings = *ring,
					 .wakeup_bytes =
					     *ring ? (uint32_t)(ring_bytes(*ring) / 4) : 0};

		err = loader_open(l, &cfg, NULL, NULL);
	}
	if (err)
		fprintf(stderr, "producers: cannot load the BPF program: %s\n", strerror(-err));
	return err;
}

static double median(uint32_t *v, int n)
{
	qsort(v, (size_t)n, sizeof(v[0]), frame_cmp_u32);
	return v[n / 2];
}

/* One frame: every setup, rounds in turn; prints its row. */
static int measure(struct loader **l, const struct frame *f, int rounds)
{
	uint32_t one[SETUPS][rounds], two[SETUPS][rounds];
	double o[SETUPS], t[SETUPS];

	for (int s = 0; s < SETUPS; s++) /* warm-up: the rings' pages and the caches */
		round_of(l[s], f, 2);
	for (int r = 0; r < rounds; r++)
		for (int s = 0; s < SETUPS; s++) {
			one[s][r] = round_of(l[s], f, 1);
			two[s][r] = round_of(l[s], f, 2);
			if (!one[s][r] || !two[s][r])
				return -1;
		}
	for (int s = 0; s < SETUPS; s++) {
		o[s] = median(one[s], rounds);
		t[s] = median(two[s], rounds);
	}
	printf("%-16s %6u", f->name, f->len);
	for (int s = 0; s < SETUPS; s++)
		printf(" %7.0f %7.0f", o[s], t[s]);
	for (int s = 0; s < SETUPS; s++)
		printf(" %7.2fx", t[s] / o[s]);
	printf("\n");
	return 0;
}

int main(int argc, char **argv)
{
	struct ring *ring[SETUPS] = {0};
	struct loader *l[SETUPS] = {0};
	struct frame *f = calloc(1, sizeof(*f));
	pthread_t rd;
	int rounds = 40, c, rc = 1;

	while ((c = getopt(argc, argv, "r:")) != -1) {
		if (c != 'r')
			return 2;
		rounds = atoi(optarg);
	}
	if (optind >= argc || rounds < 1 || !f) {
		fprintf(stderr, "usage: producers [-r ROUNDS] FRAME.pcap...\n");
		return 2;
	}
	if (sysconf(_SC_NPROCESSORS_ONLN) < 2) {
		fprintf(stderr, "producers: needs two CPUs\n");
		return 2;
	}
	for (int s = 0; s < SETUPS; s++)
		if (open_setup((enum setup)s, &ring[s], &l[s]))
			goto out;
	pthread_create(&rd, NULL, reader, ring);
	printf("%-23s %15s %15s %15s %8s %8s %8s   (XDP, ns per event, median of %d rounds)\n",
	       "producers at once:", "one ring", "per-CPU rings", "counters only", "one", "per-CPU",
	       "counters", rounds);
	printf("%-16s %6s %7s %7s %7s %7s %7s %7s %8s %8s %8s\n", "frame", "bytes", "1", "2", "1",
	       "2", "1", "2", "2/1", "2/1", "2/1");
	rc = 0;
	for (int i = optind; i < argc && !rc; i++)
		rc = frame_read(argv[i], f) || measure(l, f, rounds);
	atomic_store(&reading, 0);
	pthread_join(rd, NULL);
	for (int s = 0; s < SETUPS; s++) {
		struct xs_counters k;

		if (!ring[s])
			continue;
		ring_drain(ring[s]);
		if (!loader_counters(l[s], &k))
			printf("%s: %llu events, %llu lost\n",
			       s == ONE_RING ? "one ring" : "per-CPU", (unsigned long long)k.events,
			       (unsigned long long)k.lost);
	}
out:
	for (int s = 0; s < SETUPS; s++) {
		loader_close(l[s]);
		ring_free(ring[s]);
	}
	free(f);
	return rc;
}
