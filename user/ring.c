// SPDX-License-Identifier: GPL-2.0-only
/*
 * A capture's rings (ring.h): one BPF ring buffer per possible CPU, in an array of maps the
 * programs look their CPU's ring up in, each mapped here (a consumer page we write, then the
 * producer page and the data, mapped twice in a row so that a record that wraps reads as one
 * piece), all in one epoll set. Edge-triggered: records held for the window stay in their
 * ring, and a level-triggered set would report them again at once, a busy loop; an edge is a
 * wakeup from the kernel, which the programs give by fill level (wakeup_bytes).
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "ring.h"

struct ring {
	int map_fd, epfd;
	unsigned n; /* rings */
	int *fds;
	size_t page;
	struct ring_view *views;
	struct ring_merge merge;
};

static uint64_t now_ns(void)
{
	struct timespec ts;

	/* bpf_ktime_get_ns()'s clock */
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000 + (uint64_t)ts.tv_nsec;
}

static int map_view(struct ring_view *v, int fd, size_t size, size_t page)
{
	void *p = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);

	if (p == MAP_FAILED)
		return -errno;
	v->consumer_pos = p;
	p = mmap(NULL, page + 2 * size, PROT_READ, MAP_SHARED, fd, (off_t)page);
	if (p == MAP_FAILED)
		return -errno;
	v->producer_pos = p;
	v->data = (const uint8_t *)p + page;
	v->size = size;
	v->cons = v->published = *v->consumer_pos;
	return 0;
}

/* Without -B a CPU's ring is what the one ring was before each CPU had its own, so a flood on
 * one queue has the room it had; on many CPUs all of them take at most RING_ALL_KIB. */
#define RING_CPU_KIB 4096u
#define RING_ALL_KIB (64u * 1024)

/* A CPU's share of kib KiB (0: the default): a power of two, at least a page. */
static size_t share(unsigned kib, unsigned n, size_t page)
{
	size_t all = kib ? (size_t)kib * 1024 : (size_t)RING_ALL_KIB * 1024, size = page, want;

	want = all / (n ? n : 1);
	if (!kib && want > (size_t)RING_CPU_KIB * 1024)
		want = (size_t)RING_CPU_KIB * 1024;
	while (size < want)
		size *= 2;
	return size;
}

/* The rings, mapped and watched, and the array of maps that hands them to the programs. */
static int make_rings(struct ring *r, size_t size, unsigned slots)
{
	struct epoll_event ev = {.events = EPOLLIN | EPOLLET};
	int err;

	for (unsigned i = 0; i < r->n; i++) {
		r->fds[i] =
		    bpf_map_create(BPF_MAP_TYPE_RINGBUF, "events_cpu", 0, 0, (__u32)size, NULL);
		if (r->fds[i] < 0)
			return -errno;
		if ((err = map_view(&r->views[i], r->fds[i], size, r->page)))
			return err;
		if (epoll_ctl(r->epfd, EPOLL_CTL_ADD, r->fds[i], &ev))
			return -errno;
	}
	LIBBPF_OPTS(bpf_map_create_opts, opts, .inner_map_fd = r->fds[0]);
	r->map_fd = bpf_map_create(BPF_MAP_TYPE_ARRAY_OF_MAPS, "events", sizeof(__u32),
				   sizeof(__u32), slots, &opts);
	if (r->map_fd < 0)
		return -errno;
	for (__u32 cpu = 0; cpu < slots; cpu++)
		if (bpf_map_update_elem(r->map_fd, &cpu, &r->fds[r->n == 1 ? 0 : cpu], BPF_ANY))
			return -errno;
	return 0;
}

int ring_new(struct ring **out, unsigned kib, bool shared, ring_event_fn fn, void *ctx)
{
	struct ring *r = calloc(1, sizeof(*r));
	int cpus = libbpf_num_possible_cpus(), err;

	if (!r)
		return -ENOMEM;
	r->map_fd = -1;
	r->page = (size_t)sysconf(_SC_PAGESIZE);
	r->epfd = epoll_create1(EPOLL_CLOEXEC);
	r->n = shared ? 1 : (unsigned)cpus;
	r->fds = malloc(r->n * sizeof(*r->fds));
	r->views = calloc(r->n, sizeof(*r->views));
	for (unsigned i = 0; r->fds && i < r->n; i++)
		r->fds[i] = -1;
	if (cpus < 0)
		err = cpus;
	else if (r->epfd < 0)
		err = -errno;
	else if (!r->fds || !r->views)
		err = -ENOMEM;
	else
		err = make_rings(r, share(kib, r->n, r->page), (unsigned)cpus);
	if (err) {
		ring_free(r);
		return err;
	}
	r->merge = (struct ring_merge){.rings = r->views, .n = r->n, .fn = fn, .ctx = ctx};
	*out = r;
	return 0;
}

int ring_fd(const struct ring *r)
{
	return r->map_fd;
}

size_t ring_bytes(const struct ring *r)
{
	return r->views[0].size;
}

int ring_poll(struct ring *r, int timeout_ms)
{
	struct epoll_event ev[8];
	uint64_t held = ring_merge_oldest(&r->merge), now = now_ns();

	/*
	 * Records waiting out the window: wake when the oldest may go, but a millisecond from now
	 * at the soonest. Under a steady flow the oldest held record is always due, as it came
	 * right after the last read's watermark: waking at once read some 50 records a time, at
	 * two system calls for each read (this one and the loop's poll of stdout).
	 */
	if (held != UINT64_MAX) {
		uint64_t due = held + RING_WINDOW_NS,
			 ms = due > now + 1000000 ? (due - now + 999999) / 1000000 : 1;

		if (ms < (uint64_t)timeout_ms)
			timeout_ms = (int)ms;
	}
	if (epoll_wait(r->epfd, ev, 8, timeout_ms) < 0 && errno != EINTR)
		return -errno;
	/* Below the wakeup level nothing woke us: read on every timeout all the same. */
	now = now_ns();
	return ring_merge_run(&r->merge, now > RING_WINDOW_NS ? now - RING_WINDOW_NS : 0);
}

int ring_drain(struct ring *r)
{
	return ring_merge_run(&r->merge, UINT64_MAX);
}

unsigned ring_count(const struct ring *r)
{
	return r->n;
}

unsigned long long ring_records(const struct ring *r, unsigned i)
{
	return i < r->n ? r->views[i].records : 0;
}

unsigned long long ring_late(const struct ring *r)
{
	return r->merge.late;
}

void ring_free(struct ring *r)
{
	if (!r)
		return;
	for (unsigned i = 0; r->views && i < r->n; i++) {
		struct ring_view *v = &r->views[i];

		if (v->producer_pos)
			munmap((void *)v->producer_pos, r->page + 2 * v->size);
		if (v->consumer_pos)
			munmap(v->consumer_pos, r->page);
	}
	for (unsigned i = 0; r->fds && i < r->n; i++)
		if (r->fds[i] >= 0)
			close(r->fds[i]);
	if (r->map_fd >= 0)
		close(r->map_fd);
	if (r->epfd >= 0)
		close(r->epfd);
	free(r->fds);
	free(r->views);
	free(r);
}
