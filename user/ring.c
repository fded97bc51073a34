// SPDX-License-Identifier: GPL-2.0-only
/* A capture's ring buffer (ring.h), through libbpf's consumer. */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "ring.h"

struct ring {
	int fd;
	struct ring_buffer *rb;
};

int ring_new(struct ring **out, unsigned kib, loader_event_fn fn, void *ctx)
{
	struct ring *r = calloc(1, sizeof(*r));
	int err;

	if (!r)
		return -ENOMEM;
	r->fd = bpf_map_create(BPF_MAP_TYPE_RINGBUF, "events", 0, 0, kib * 1024u, NULL);
	if (r->fd < 0) {
		err = -errno;
		free(r);
		return err;
	}
	r->rb = ring_buffer__new(r->fd, fn, ctx, NULL);
	if (!r->rb) {
		err = -errno;
		close(r->fd);
		free(r);
		return err;
	}
	*out = r;
	return 0;
}

int ring_fd(const struct ring *r)
{
	return r->fd;
}

int ring_poll(struct ring *r, int timeout_ms)
{
	int n = ring_buffer__poll(r->rb, timeout_ms);

	if (n < 0 && n != -EINTR)
		return n;
	/* Below the wakeup level nothing woke us: consume on every timeout all the same. */
	return ring_buffer__consume(r->rb);
}

void ring_free(struct ring *r)
{
	if (!r)
		return;
	ring_buffer__free(r->rb);
	close(r->fd);
	free(r);
}
