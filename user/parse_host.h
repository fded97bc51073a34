/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The parser's seam on the host (include/parse.h): the whole frame is in memory, so a load is
 * a copy, a walk is a plain loop, and nothing runs out of line. Replay, the tests and the
 * fuzzers parse through this header.
 */
#ifndef XDPSPY_PARSE_HOST_H
#define XDPSPY_PARSE_HOST_H

#include <string.h>

#define XS_PARSE_SEAM
#include "parse.h"

static inline long xs_load_host(const void *src, __u32 off, void *dst, __u32 n)
{
	memcpy(dst, (const __u8 *)src + off, n);
	return 0;
}

XS_INLINE long xs_frame_load(const struct xs_frame *f, __u32 off, void *dst, __u32 n, __u32 max)
{
	(void)max;
	return xs_load_host(f->data, off, dst, n);
}

XS_INLINE const void *xs_frame_src(const struct xs_frame *f)
{
	return f->data;
}

XS_INLINE void xs_walk_loop(const struct xs_frame *f, struct xs_walk *w, __u32 steps)
{
	(void)f;
	for (__u32 i = 0; i < steps; i++)
		if (w->mode == XS_WALK_VLAN ? xs_vlan_step(w, xs_load_host)
					    : xs_ext_step(w, xs_load_host))
			return;
}

XS_INLINE void xs_call_l3(struct xs_event *ev, const struct xs_frame *f, __u32 off, __u16 proto)
{
	xs_parse_l3_at(ev, f, off, proto);
}

XS_INLINE void xs_call_l4(struct xs_event *ev, const struct xs_frame *f, __u32 off, __u8 proto)
{
	xs_parse_l4_at(ev, f, off, proto);
}

XS_INLINE int xs_call_walk(struct xs_event *ev, const struct xs_frame *f, __u32 l3end, __u32 off,
			   __u8 nh, __u8 mode)
{
	return xs_walk(ev, f, l3end, off, nh, mode);
}

#endif
