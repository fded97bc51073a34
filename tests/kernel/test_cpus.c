// SPDX-License-Identifier: GPL-2.0-only
/*
 * Kernel in the loop, on two CPUs at once: two threads, pinned to CPU 0 and CPU 1, run the
 * real XDP program (BPF_PROG_TEST_RUN) on SYNs numbered in their sequence field, each thread
 * its own source port, while a reader merges the per-CPU rings as a live capture does
 * (ring_poll, then the final drain). Every record must come out once, in time-stamp order
 * across the CPUs, each CPU's in its own order, from that CPU's ring. Then rings too small
 * for what the two send, read only at the end: on each CPU, the records its ring delivered
 * are its `events` counter and events + lost are its runs, exactly.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../check.h"
#include "counters_user.h"
#include "event.h"
#include "loader.h"

#define RUNS 20000
#define SPORT0 41000 /* CPU c's SYNs come from port SPORT0 + c */

static const unsigned char syn[74] = {
    2,	  0,	0, 0,  0,  2, 2, 0,   0,    0,	  0,	1,    0x08, 0x00, 0x45, 0,    0,    60, 0,
    1,	  0x40, 0, 64, 6,  0, 0, 192, 0,    2,	  1,	198,  51,   100,  2,	0x86, 0x2c, 0,	80,
    0,	  0,	0, 1,  0,  0, 0, 0,   0xa0, 0x02, 0xfa, 0xf0, 0,    0,	  0,	0,    2,    4,	5,
    0xb4, 4,	2, 8,  10, 0, 0, 0,   1,    0,	  0,	0,    0,    1,	  3,	3,    7};

struct producer {
	pthread_t t;
	struct loader *l;
	int cpu;
	unsigned runs, failed;
	atomic_int *done;
};

static void *produce(void *arg)
{
	struct producer *p = arg;
	unsigned char frame[sizeof(syn)];
	uint16_t sport = htons((uint16_t)(SPORT0 + p->cpu));
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(p->cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set))
		p->failed = p->runs;
	memcpy(frame, syn, sizeof(frame));
	memcpy(frame + 34, &sport, 2);
	for (unsigned i = 0; i < p->runs && !p->failed; i++) {
		uint32_t seq = htonl(i);

		memcpy(frame + 38, &seq, 4);
		if (loader_test_run(p->l, frame, sizeof(frame), 0, NULL))
			p->failed++;
	}
	atomic_fetch_add(p->done, 1);
	return NULL;
}

struct seen {
	uint64_t last_ts;
	unsigned records, out_of_order, wrong, switches, last_cpu;
	uint32_t next_seq[2];
};

static int on_record(void *ctx, void *data, size_t size)
{
	struct seen *s = ctx;
	struct xs_event ev = {0};
	unsigned cpu;

	memcpy(&ev, data, size < sizeof(ev) ? size : sizeof(ev));
	cpu = (unsigned)(ntohs(ev.l4.tcp.sport) - SPORT0);
	s->records++;
	if (ev.ts_ns < s->last_ts)
		s->out_of_order++;
	s->last_ts = ev.ts_ns;
	if (cpu > 1 || ntohl(ev.l4.tcp.seq) != s->next_seq[cpu]) {
		s->wrong++;
		return 0;
	}
	s->next_seq[cpu]++;
	s->switches += s->records > 1 && cpu != s->last_cpu;
	s->last_cpu = cpu;
	return 0;
}

/* Two producers, started together; polls the rings (poll: as a live capture) until both end. */
static void run_two(struct loader *l, unsigned runs, bool poll)
{
	atomic_int done = 0;
	struct producer p[2];

	for (int c = 0; c < 2; c++) {
		p[c] = (struct producer){.l = l, .cpu = c, .runs = runs, .done = &done};
		pthread_create(&p[c].t, NULL, produce, &p[c]);
	}
	while (poll && atomic_load(&done) < 2)
		ring_poll(loader_ring(l), 5);
	for (int c = 0; c < 2; c++) {
		pthread_join(p[c].t, NULL);
		CHECK(!p[c].failed, "CPU %d: %u test runs failed", c, p[c].failed);
	}
	ring_drain(loader_ring(l));
}

static void test_merged(void)
{
	struct loader_cfg cfg = {.ring_kib = 16384}; /* 8 MiB a CPU: holds every record */
	static struct seen s;
	struct xs_counters c;
	struct loader *l;
	struct ring *ring;
	int err = loader_open(&l, &cfg, on_record, &s);

	CHECK(!err, "load: %s", strerror(-err));
	if (err)
		return;
	ring = loader_ring(l);
	run_two(l, RUNS, true);
	CHECK(!loader_counters(l, &c), "counters");
	CHECK(c.events == 2 * RUNS && c.lost == 0, "events %llu lost %llu of %u",
	      (unsigned long long)c.events, (unsigned long long)c.lost, 2 * RUNS);
	CHECK(s.records == 2 * RUNS && s.wrong == 0, "%u records, %u not in their CPU's order",
	      s.records, s.wrong);
	CHECK(s.out_of_order == 0 && ring_late(ring) == 0,
	      "%u records out of time order (late %llu)", s.out_of_order, ring_late(ring));
	CHECK(ring_records(ring, 0) == RUNS && ring_records(ring, 1) == RUNS,
	      "ring 0 gave %llu, ring 1 %llu", ring_records(ring, 0), ring_records(ring, 1));
	/* Else the two never ran at once, and nothing here needed merging. */
	CHECK(s.switches >= 10, "the CPUs' records alternate only %u times", s.switches);
	printf("cpus: %u records from two CPUs at once, merged in time order (%u alternations)\n",
	       s.records, s.switches);
	loader_close(l);
}

static void test_full_rings(void)
{
	struct loader_cfg cfg = {.ring_kib = 8}; /* a page a CPU */
	const unsigned runs = 300;
	static struct seen s;
	struct loader *l;
	int err = loader_open(&l, &cfg, on_record, &s);

	CHECK(!err, "load: %s", strerror(-err));
	if (err)
		return;
	run_two(l, runs, false);
	for (int cpu = 0; cpu < 2; cpu++) {
		struct xs_counters c;

		CHECK(!counters_read_cpu(loader_stats_fd(l), cpu, &c), "CPU %d's counters", cpu);
		CHECK(c.lost > 0, "CPU %d: a full ring lost nothing?", cpu);
		CHECK(c.events + c.lost == runs, "CPU %d: events %llu + lost %llu != %u runs", cpu,
		      (unsigned long long)c.events, (unsigned long long)c.lost, runs);
		CHECK(ring_records(loader_ring(l), (unsigned)cpu) == c.events,
		      "CPU %d: its ring delivered %llu, counted %llu", cpu,
		      ring_records(loader_ring(l), (unsigned)cpu), (unsigned long long)c.events);
		printf("cpus: CPU %d's full ring: %u runs, %llu delivered, %llu lost\n", cpu, runs,
		       (unsigned long long)c.events, (unsigned long long)c.lost);
	}
	CHECK(s.wrong == 0 && s.out_of_order == 0, "%u out of order", s.out_of_order + s.wrong);
	loader_close(l);
}

int main(void)
{
	if (sysconf(_SC_NPROCESSORS_ONLN) < 2) {
		printf("cpus: one CPU online: nothing to merge, skipped\n");
		return 0;
	}
	test_merged();
	test_full_rings();
	return check_summary();
}
