/* SPDX-License-Identifier: GPL-2.0-only */
/* Ring-buffer record -> struct xs_event, checked for size and version before it is read. */
#ifndef XDPSPY_DECODE_H
#define XDPSPY_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "event.h"
#include "proc_owner.h"

/*
 * Returns 0, or -EINVAL for a record of the wrong size or version. *data and *data_len: the
 * frame bytes the record carries (XS_F_DATA), else NULL and 0. When they are fewer than the
 * kernel parsed (a live -s shorter than the headers), the event is parsed again from them, so
 * the line shows what tcpdump shows with the same snapshot length.
 */
int decode_event(const void *rec, size_t size, struct xs_event *ev, const uint8_t **data,
		 uint32_t *data_len);

/* Parses ev again from len bytes of its frame (fewer than it was parsed from), keeping what
 * the hook alone knows: time stamp, length, direction. */
void decode_reparse(struct xs_event *ev, const uint8_t *data, uint32_t len);

/* --process: a record ending with its packet's owner (XS_F_OWNER) gives it up: *o gets it and
 * *size shrinks to the record's own bytes, for decode_event(). false when there is none. */
bool decode_owner(const void *rec, size_t *size, struct xs_owner *o);

#endif
