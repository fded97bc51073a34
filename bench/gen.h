/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The traffic generator's template (gen.c) and the one rewrite it applies: the client port of
 * cycle N is the template's port plus N modulo the number of flows, with the TCP checksum
 * updated to match. The replay capture is written with the same function (tmpl.c), so it
 * holds exactly the frames sent.
 */
#ifndef XS_BENCH_GEN_H
#define XS_BENCH_GEN_H

#include <linux/types.h>

#define GEN_FRAME_MAX 1518 /* an untagged or single-tagged Ethernet frame, without FCS */
#define GEN_SLOTS 256 /* templates at most */

struct gen_tmpl {
	__u16 len; /* frame length */
	__u16 port_off; /* offset of the client's port */
	__u16 csum_off; /* offset of the TCP checksum */
	__u16 port; /* the client's port in data, host order */
	__u16 csum; /* the TCP checksum in data, as stored */
	__u16 pad[3];
	__u8 data[GEN_FRAME_MAX];
};

/* RFC 1624: HC' = ~(~HC + ~m + m'), on 16-bit words as stored (any byte order works). */
static inline __u16 gen_csum_replace(__u16 csum, __u16 old, __u16 new)
{
	__u32 s = (__u16)~csum;

	s += (__u16)~old;
	s += new;
	s = (s & 0xffff) + (s >> 16);
	s = (s & 0xffff) + (s >> 16);
	return (__u16)~s;
}

static inline __u16 gen_be16(__u16 v)
{
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	return __builtin_bswap16(v);
#else
	return v;
#endif
}

/* The frame of flow `flow` from template t: new port and checksum, both as stored. */
static inline void gen_flow(const struct gen_tmpl *t, __u32 flow, __u16 *port, __u16 *csum)
{
	*port = gen_be16((__u16)(t->port + flow));
	*csum = gen_csum_replace(t->csum, gen_be16(t->port), *port);
}

#endif
