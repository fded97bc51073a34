/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The BPF ring buffer a capture's events come through, made apart from any one interface's
 * programs: with several interfaces (-i any), every interface's programs share it, so the
 * events of all come out in the order they were made, and it lives as long as the capture
 * however interfaces come and go.
 */
#ifndef XDPSPY_RING_H
#define XDPSPY_RING_H

#include <stddef.h>

#include "loader.h"

struct ring;

/* A ring of kib KiB; fn gets every record. 0 or -errno. */
int ring_new(struct ring **out, unsigned kib, loader_event_fn fn, void *ctx);
/* Its map, for loader_cfg.ring_fd. */
int ring_fd(const struct ring *r);
/* Waits up to timeout_ms for a wakeup, then hands over whatever is there: records, or -errno. */
int ring_poll(struct ring *r, int timeout_ms);
void ring_free(struct ring *r);

#endif
