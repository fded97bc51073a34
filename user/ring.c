// SPDX-License-Identifier: GPL-2.0-only
/*
 * A capture's ring buffer (ring.h), read directly from its mapping. The layout is the kernel's
 * UAPI (kernel/bpf/ringbuf.c): a consumer page we write, then a producer page and the data,
 * mapped twice in a row so that a record that wraps reads as one piece. Each record has an
 * 8-byte header: its length with BUSY (still being written) and DISCARD bits, then the data,
 * rounded up to 8 bytes. libbpf's consumer publishes the consumer position after every
 * record, so every reservation on the producing CPU reads a cache line the reader has just
 * written; this one publishes it once per batch (or every RING_PUBLISH bytes, so a long batch
 * still frees room as it goes).
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <linux/bpf.h>

#include "ring.h"

#define RING_PUBLISH (64ul * 1024) /* consumed bytes after which the position is published */

struct ring {
	int fd, epfd;
	size_t size; /* data bytes: a power of two */
	size_t page;
	unsigned long *consumer_pos; /* the consumer page */
	const unsigned long *producer_pos; /* the producer page */
	const uint8_t *data; /* size bytes, mapped twice */
	loader_event_fn fn;
	void *ctx;
};

static int map_ring(struct ring *r)
{
	void *p;

	r->page = (size_t)sysconf(_SC_PAGESIZE);
	p = mmap(NULL, r->page, PROT_READ | PROT_WRITE, MAP_SHARED, r->fd, 0);
	if (p == MAP_FAILED)
		return -errno;
	r->consumer_pos = p;
	p = mmap(NULL, r->page + 2 * r->size, PROT_READ, MAP_SHARED, r->fd, (off_t)r->page);
	if (p == MAP_FAILED)
		return -errno;
	r->producer_pos = p;
	r->data = (const uint8_t *)p + r->page;
	return 0;
}

int ring_new(struct ring **out, unsigned kib, loader_event_fn fn, void *ctx)
{
	struct epoll_event ev = {.events = EPOLLIN};
	struct ring *r = calloc(1, sizeof(*r));
	int err;

	if (!r)
		return -ENOMEM;
	r->fn = fn;
	r->ctx = ctx;
	r->size = (size_t)kib * 1024;
	r->epfd = -1;
	r->fd = bpf_map_create(BPF_MAP_TYPE_RINGBUF, "events", 0, 0, (__u32)r->size, NULL);
	if (r->fd < 0) {
		err = -errno;
		free(r);
		return err;
	}
	err = map_ring(r);
	if (!err) {
		r->epfd = epoll_create1(EPOLL_CLOEXEC);
		if (r->epfd < 0 || epoll_ctl(r->epfd, EPOLL_CTL_ADD, r->fd, &ev))
			err = -errno;
	}
	if (err) {
		ring_free(r);
		return err;
	}
	*out = r;
	return 0;
}

int ring_fd(const struct ring *r)
{
	return r->fd;
}

/* Every record the producers have committed, in order; the count, or the callback's stop. */
static int consume(struct ring *r)
{
	unsigned long cons = *r->consumer_pos, prod, published = cons;
	int n = 0;

	prod = __atomic_load_n(r->producer_pos, __ATOMIC_ACQUIRE);
	while (cons < prod) {
		const uint32_t *hdr = (const uint32_t *)(r->data + (cons & (r->size - 1)));
		uint32_t len = __atomic_load_n(hdr, __ATOMIC_ACQUIRE);
		int stop = 0;

		if (len & BPF_RINGBUF_BUSY_BIT)
			break; /* reserved, not yet submitted: the records after it wait for it */
		if (!(len & BPF_RINGBUF_DISCARD_BIT)) {
			stop = r->fn(r->ctx, (void *)(hdr + 2), len & ~BPF_RINGBUF_DISCARD_BIT);
			n++;
		}
		cons += ((len & ~BPF_RINGBUF_DISCARD_BIT) + BPF_RINGBUF_HDR_SZ + 7) & ~7ul;
		if (stop || cons - published >= RING_PUBLISH) {
			__atomic_store_n(r->consumer_pos, cons, __ATOMIC_RELEASE);
			published = cons;
		}
		if (stop)
			return n;
		if (cons == prod)
			prod = __atomic_load_n(r->producer_pos, __ATOMIC_ACQUIRE);
	}
	if (cons != published)
		__atomic_store_n(r->consumer_pos, cons, __ATOMIC_RELEASE);
	return n;
}

int ring_poll(struct ring *r, int timeout_ms)
{
	struct epoll_event ev;

	if (epoll_wait(r->epfd, &ev, 1, timeout_ms) < 0 && errno != EINTR)
		return -errno;
	/* Below the wakeup level nothing woke us: consume on every timeout all the same. */
	return consume(r);
}

void ring_free(struct ring *r)
{
	if (!r)
		return;
	if (r->producer_pos)
		munmap((void *)r->producer_pos, r->page + 2 * r->size);
	if (r->consumer_pos)
		munmap(r->consumer_pos, r->page);
	if (r->epfd >= 0)
		close(r->epfd);
	close(r->fd);
	free(r);
}
