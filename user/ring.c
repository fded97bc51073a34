// SPDX-License-Identifier: GPL-2.0-only
/*
 * A capture's rings (ring.h): one mmapable array per possible CPU, holding that CPU's ring
 * (include/ring_region.h), in an array of maps the programs look their CPU's ring up in, each
 * mapped here whole: the control lines (the consumer position we write) and the data, with
 * its slack past the end where a record that wraps is written whole. The programs ring a bell,
 * a small BPF ring buffer whose bytes are never read, by fill level (wakeup_bytes); we wait on
 * it with epoll, edge-triggered: records held for the window stay in their ring, and a
 * level-triggered set would report them again at once, a busy loop.
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
#include "ring_region.h"

struct ring {
	int map_fd, epfd, bell_fd;
	unsigned n, slots; /* rings; slots in the array of maps (possible CPUs) */
	int *fds;
	size_t page, map_len; /* a ring's mapping */
	unsigned long *bell_cons;
	const unsigned long *bell_prod;
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

_Static_assert(sizeof(unsigned long) == sizeof(__u64), "ring_view reads 64-bit positions");

static int map_view(struct ring_view *v, int fd, size_t size, size_t len)
{
	struct xs_ring_ctl *ctl = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);

	if (ctl == MAP_FAILED)
		return -errno;
	v->consumer_pos = (unsigned long *)&ctl->cons;
	v->producer_pos = (const unsigned long *)&ctl->prod;
	v->data = (const uint8_t *)(ctl + 1);
	v->size = size;
	v->cons = v->published = *v->consumer_pos;
	return 0;
}

static size_t region_bytes(size_t size)
{
	return sizeof(struct xs_ring_ctl) + size + XS_RING_SLACK;
}

/* The bell: a small BPF ring buffer, watched for its wakeups; its producer position is all
 * that is read of it. */
#define RING_BELL_PAGES 4

static int make_bell(struct ring *r)
{
	struct epoll_event ev = {.events = EPOLLIN | EPOLLET};
	void *p;

	r->bell_fd = bpf_map_create(BPF_MAP_TYPE_RINGBUF, "ring_bell", 0, 0,
				    (__u32)(RING_BELL_PAGES * r->page), NULL);
	if (r->bell_fd < 0)
		return -errno;
	p = mmap(NULL, r->page, PROT_READ | PROT_WRITE, MAP_SHARED, r->bell_fd, 0);
	if (p == MAP_FAILED)
		return -errno;
	r->bell_cons = p;
	p = mmap(NULL, r->page, PROT_READ, MAP_SHARED, r->bell_fd, (off_t)r->page);
	if (p == MAP_FAILED)
		return -errno;
	r->bell_prod = p;
	return epoll_ctl(r->epfd, EPOLL_CTL_ADD, r->bell_fd, &ev) ? -errno : 0;
}

/* Whatever rang is heard: room for the next rings. */
static void quiet_bell(struct ring *r)
{
	unsigned long prod = __atomic_load_n(r->bell_prod, __ATOMIC_ACQUIRE);

	if (*r->bell_cons != prod)
		__atomic_store_n(r->bell_cons, prod, __ATOMIC_RELEASE);
}

/* Without -B a CPU's ring is what the one ring was before each CPU had its own, so a flood on
 * one queue has the room it had; on many CPUs all of them take at most RING_ALL_KIB. */
#define RING_CPU_KIB 4096u
#define RING_ALL_KIB (64u * 1024)

/* At most this a CPU: the verifier bounds an offset into a map value by 512 MiB. */
#define RING_CPU_MAX (256ul << 20)

/* A CPU's share of kib KiB (0: the default): a power of two, at least a page, at most
 * RING_CPU_MAX. */
static size_t share(unsigned kib, unsigned n, size_t page)
{
	size_t all = kib ? (size_t)kib * 1024 : (size_t)RING_ALL_KIB * 1024, size = page, want;

	want = all / (n ? n : 1);
	if (!kib && want > (size_t)RING_CPU_KIB * 1024)
		want = (size_t)RING_CPU_KIB * 1024;
	if (want > RING_CPU_MAX)
		want = RING_CPU_MAX;
	while (size < want)
		size *= 2;
	return size;
}

/* The rings, mapped, and the array of maps that hands them to the programs. */
static int make_rings(struct ring *r, size_t size, unsigned slots)
{
	LIBBPF_OPTS(bpf_map_create_opts, ring_opts, .map_flags = BPF_F_MMAPABLE);
	size_t bytes = region_bytes(size);
	int err;

	if (bytes > UINT32_MAX)
		return -E2BIG;
	r->map_len = (bytes + r->page - 1) & ~(r->page - 1);
	for (unsigned i = 0; i < r->n; i++) {
		r->fds[i] = bpf_map_create(BPF_MAP_TYPE_ARRAY, "events_cpu", sizeof(__u32),
					   (__u32)bytes, 1, &ring_opts);
		if (r->fds[i] < 0)
			return -errno;
		if ((err = map_view(&r->views[i], r->fds[i], size, r->map_len)))
			return err;
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
	r->map_fd = r->bell_fd = -1;
	r->page = (size_t)sysconf(_SC_PAGESIZE);
	r->epfd = epoll_create1(EPOLL_CLOEXEC);
	r->n = shared ? 1 : (unsigned)cpus;
	r->slots = (unsigned)cpus;
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
	else if (!(err = make_bell(r)))
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

bool ring_shared(const struct ring *r)
{
	return r->n == 1 && r->slots > 1;
}

int ring_bell_fd(const struct ring *r)
{
	return r->bell_fd;
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
	quiet_bell(r);
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
			munmap((void *)v->producer_pos, r->map_len);
	}
	if (r->bell_prod)
		munmap((void *)r->bell_prod, r->page);
	if (r->bell_cons)
		munmap(r->bell_cons, r->page);
	if (r->bell_fd >= 0)
		close(r->bell_fd);
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
