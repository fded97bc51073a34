/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Which events travel as a compact record (include/event.h's struct xs_compact), and its size:
 * compiled by clang for the BPF programs, which send them, and by the host compiler for the
 * decoder (user/compact.c) and tests/kernel, which holds the two to the same answer.
 */
#ifndef XDPSPY_COMPACT_REC_H
#define XDPSPY_COMPACT_REC_H

#include "event.h"
#include "target.h"

/*
 * A whole TCP segment right after an untagged Ethernet header and a plain IPv4 (no options,
 * not a fragment) or IPv6 (no extension header) header; nothing the frame's bytes must carry
 * (XS_F_HDRS, a send segmented or summed later, a tag put back from the skb).
 */
XS_INLINE int xs_compact_ok(const struct xs_event *ev)
{
	__u16 other = (__u16) ~(XS_F_IP4 | XS_F_IP6 | XS_F_EGRESS);

	if (ev->kind != XS_K_TCP || ev->stop != XS_S_OK || (ev->flags & other) || ev->nvlan ||
	    ev->l3x_cap || ev->l4_cap != 20 || ev->l3_off != 14 || ev->etype_l3 != ev->etype[0] ||
	    ev->ip_proto != 6 || ev->l4_proto != 6)
		return 0;
	if (ev->flags & XS_F_IP6)
		return ev->l4_off == 14 + 40;
	return (ev->flags & XS_F_IP4) && ev->ip_vhl == 0x45 && ev->l4_off == 14 + 20;
}

/* Bytes of the compact record of an event: fixed part, addresses, options, 8-byte rounded. */
XS_INLINE __u32 xs_compact_size(int ip6, __u32 l4x_len)
{
	return (XS_COMPACT_FIXED + (ip6 ? 32 : 8) + l4x_len + 7) & ~7u;
}

#endif
