/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A send the kernel segments in software after the egress hook (XS_F_GSO, include/gso.h),
 * made into the segments tcpdump sees: what tcp_gso_segment(), inet_gso_segment() and
 * ipv6_gso_segment() make of it, field by field and byte by byte.
 */
#ifndef XDPSPY_SEGMENTS_H
#define XDPSPY_SEGMENTS_H

#include <stdbool.h>
#include <stdint.h>

#include "app_bytes.h"
#include "event.h"

struct segments_cfg {
	uint32_t snap; /* frame bytes each segment carries (opts_event_snap()); 0: none */
	/* Without snap: the segments that carry the bytes their payload decoder reads, as the
	 * kernel's records do (include/app_bytes.h); NULL: none. */
	const struct xs_app_cfg *app;
	bool sum; /* -v: each segment's checksum sum (XS_F_SUM), from the send's bytes */
	/* The filter expression, run on each segment's frame (its headers only when the record
	 * has no bytes): false drops the segment, counted in filtered. NULL: every segment. */
	bool (*keep)(void *keep_ctx, const uint8_t *frame, uint32_t wire_len, uint32_t cap_len);
	void *keep_ctx;
	unsigned long long filtered;
};

/* One segment: its event, and its first bytes when cfg->snap asks for them (else NULL). */
typedef int (*segment_fn)(void *ctx, struct xs_event *ev, const uint8_t *data, uint32_t data_len);

/*
 * Calls fn for each segment of ev, in order, with the bytes of the record (data, data_len:
 * the whole send, or NULL); stops at the first non-zero return, which it returns. The bytes
 * passed are valid during the call only.
 */
int segments_each(const struct xs_event *ev, const uint8_t *data, uint32_t data_len,
		  struct segments_cfg *cfg, segment_fn fn, void *ctx);
/* The same for segments first to end - 1 only (numbered from 0; end past the last: to the
 * last), as each passes the tap (user/seg_taps.c). */
int segments_range(const struct xs_event *ev, const uint8_t *data, uint32_t data_len,
		   struct segments_cfg *cfg, uint32_t first, uint32_t end, segment_fn fn,
		   void *ctx);

#endif
