/* SPDX-License-Identifier: GPL-2.0-only */
/* Compact records (include/event.h's struct xs_compact): when to ask for them, and reading one. */
#ifndef XDPSPY_COMPACT_USER_H
#define XDPSPY_COMPACT_USER_H

#include <stdbool.h>
#include <stddef.h>

#include "event.h"

struct opts;

/* Whether the lines these options print need no more of a plain TCP segment than a compact
 * record holds: no -e, -v, -x/-X/-A, -s, -w, --json, --classic or --process. */
bool compact_wanted(const struct opts *o);

/* A compact record of size bytes -> the struct xs_event the kernel would have sent, less the
 * fields the record leaves out (MACs, IPv4 ID, TTL, fragment word and checksum, IPv6 flow
 * word), which are 0. Returns 0, or -EINVAL for a record of the wrong size or flags. */
int compact_decode(const void *rec, size_t size, struct xs_event *ev);

/* The compact record the BPF programs send (bpf/xdpspy.bpf.c compact_copy()) for an event
 * xs_compact_ok() takes, made on the host for the tests and benchmarks; its size. */
size_t compact_encode(const struct xs_event *ev, struct xs_compact *c);

#endif
