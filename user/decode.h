/* SPDX-License-Identifier: GPL-2.0-only */
/* Ring-buffer record -> struct xs_event, checked for size and version before it is read. */
#ifndef XDPSPY_DECODE_H
#define XDPSPY_DECODE_H

#include <stddef.h>

#include "event.h"

/* Returns 0, or -EINVAL for a record of the wrong size or version. */
int decode_event(const void *data, size_t size, struct xs_event *ev);

#endif
