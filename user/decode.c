// SPDX-License-Identifier: GPL-2.0-only
/* Copies a ring record into a zeroed host struct: records end where their data ends. */
#include <errno.h>
#include <string.h>

#include "decode.h"

int decode_event(const void *data, size_t size, struct xs_event *ev)
{
	if (size < XS_EVENT_FIXED || size > sizeof(*ev))
		return -EINVAL;
	memset(ev, 0, sizeof(*ev));
	memcpy(ev, data, size);
	if (ev->version != XS_EVENT_VERSION || xs_event_size(ev) != size)
		return -EINVAL;
	return 0;
}
