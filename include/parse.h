/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The packet parser, written once and compiled twice: into the XDP/TC programs (clang -target
 * bpf) and into the host tools (replay fallback, unit tests, fuzzer). It reads a frame through
 * [data, end) and fills a struct xs_event. It calls no BPF helper, touches no map, keeps no
 * state, and checks every access before making it, in the form the verifier accepts
 * (`if (p + n > end)`). Loops have compile-time bounds.
 *
 * What it copies is exactly what was captured: a header cut short leaves `stop` saying where,
 * and the printer reproduces tcpdump's marker for it from the lengths recorded here.
 */
#ifndef XDPSPY_PARSE_H
#define XDPSPY_PARSE_H

#include <linux/types.h>

#include "event.h"

#ifdef __bpf__
#define XS_INLINE static __always_inline
#else
#include <string.h>
#define XS_INLINE static inline __attribute__((always_inline))
#endif

/* Network-order constants, so the parser compares raw loads without swapping. */
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define XS_BE16(x) ((__u16)((((x) & 0xff) << 8) | (((x) >> 8) & 0xff)))
#else
#define XS_BE16(x) ((__u16)(x))
#endif

#define XS_ETH_IP XS_BE16(0x0800)
#define XS_ETH_IP6 XS_BE16(0x86dd)
#define XS_ETH_ARP XS_BE16(0x0806)
#define XS_ETH_8021Q XS_BE16(0x8100)
#define XS_ETH_8021AD XS_BE16(0x88a8)
#define XS_ETH_QINQ_OLD XS_BE16(0x9100)

#define XS_IPPROTO_HOPOPTS 0
#define XS_IPPROTO_ICMP 1
#define XS_IPPROTO_TCP 6
#define XS_IPPROTO_UDP 17
#define XS_IPPROTO_ROUTING 43
#define XS_IPPROTO_FRAGMENT 44
#define XS_IPPROTO_ICMPV6 58
#define XS_IPPROTO_DSTOPTS 60

/*
 * Raw loads that keep network byte order. The BPF target loads directly (packet access may be
 * unaligned on every JIT we run on); the host goes through memcpy so UBSan accepts unaligned
 * fuzzer buffers.
 */
XS_INLINE __u16 xs_ld16(const __u8 *p)
{
#ifdef __bpf__
	return *(const __u16 *)p;
#else
	__u16 v;
	memcpy(&v, p, sizeof(v));
	return v;
#endif
}

XS_INLINE __u32 xs_ld32(const __u8 *p)
{
#ifdef __bpf__
	return *(const __u32 *)p;
#else
	__u32 v;
	memcpy(&v, p, sizeof(v));
	return v;
#endif
}

XS_INLINE void xs_st16(void *dst, __u16 v)
{
	__builtin_memcpy(dst, &v, sizeof(v));
}

XS_INLINE void xs_st32(void *dst, __u32 v)
{
	__builtin_memcpy(dst, &v, sizeof(v));
}

/*
 * Copies the fixed part of an L4 header (up to 20 bytes) in 4-byte words, as far as it was
 * captured, and records how much was there. Whole words suffice: the printer only needs the
 * ports of a header that is cut short.
 */
XS_INLINE void xs_copy_l4(struct xs_event *ev, const __u8 *p, const __u8 *end, __u32 want)
{
	__u32 i;

	ev->l4_cap = want;
	if (p + 20 <= end) {
		__builtin_memcpy(ev->l4.raw, p, 20);
		return;
	}
	for (i = 0; i < 20; i += 4) {
		if (p + i + 4 > end) {
			/* How many bytes were there, to the byte, for the printer's checks. */
			__u32 have = (__u32)(end - p);

			ev->l4_cap = have < want ? have : want;
			return;
		}
		xs_st32(ev->l4.raw + i, xs_ld32(p + i));
	}
}

/*
 * Copies `len` (<= XS_MAX_TAIL) bytes at p into the tail, as far as they were captured. Whole
 * words while they fit, then the bytes of a word cut short. Returns 0 when all were there.
 */
XS_INLINE int xs_copy_tail(struct xs_event *ev, __u8 *tail, const __u8 *p, const __u8 *end,
			    __u32 len)
{
	__u32 i;

	for (i = 0; i < XS_MAX_TAIL; i += 4) {
		if (i >= len)
			break;
		if (p + i + 4 > end)
			goto bytes;
		xs_st32(tail + i, xs_ld32(p + i));
		ev->tail_len = (i + 4 < len) ? i + 4 : len;
	}
	return 0;
bytes:
	for (__u32 j = 0; j < 3; j++) {
		if (i + j >= len || p + i + j + 1 > end)
			break;
		tail[i + j] = p[i + j];
		ev->tail_len = i + j + 1;
	}
	return -1;
}

XS_INLINE void xs_parse_tcp(struct xs_event *ev, __u8 *tail, const __u8 *p, const __u8 *end)
{
	__u32 optlen;

	ev->kind = XS_K_TCP;
	xs_copy_l4(ev, p, end, 20);
	if (ev->l4_cap < 20) {
		ev->stop = XS_S_L4;
		return;
	}
	optlen = (ev->l4.tcp.doff >> 4) * 4;
	if (optlen < 20) {
		ev->stop = XS_S_L4_BAD;
		return;
	}
	optlen -= 20;
	if (optlen && xs_copy_tail(ev, tail, p + 20, end, optlen))
		ev->stop = XS_S_OPT;
}

XS_INLINE void xs_parse_l4(struct xs_event *ev, __u8 *tail, const __u8 *p, const __u8 *end,
			   __u8 proto)
{
	ev->l4_proto = proto;
	switch (proto) {
	case XS_IPPROTO_TCP:
		xs_parse_tcp(ev, tail, p, end);
		return;
	case XS_IPPROTO_UDP:
		ev->kind = XS_K_UDP;
		xs_copy_l4(ev, p, end, 8);
		break;
	case XS_IPPROTO_ICMP:
		ev->kind = XS_K_ICMP;
		xs_copy_l4(ev, p, end, 8);
		break;
	case XS_IPPROTO_ICMPV6:
		ev->kind = XS_K_ICMP6;
		xs_copy_l4(ev, p, end, 8);
		/* Neighbour discovery names a target address after the 8 fixed bytes. */
		if (ev->l4_cap == 8)
			xs_copy_tail(ev, tail, p + 8, end, 24);
		return;
	default:
		ev->kind = XS_K_IP;
		return;
	}
	if (ev->l4_cap < 8)
		ev->stop = XS_S_L4;
}

XS_INLINE void xs_parse_ip4(struct xs_event *ev, const __u8 *data, const __u8 *p,
			    const __u8 *end)
{
	__u32 hlen;
	__u16 frag;

	ev->kind = XS_K_IP;
	if (p + 20 > end) {
		if (p + 1 <= end)
			ev->ip_vhl = p[0];
		ev->stop = XS_S_L3;
		return;
	}
	ev->flags |= XS_F_IP4;
	__builtin_memcpy(&ev->ip_vhl, p, 2); /* version/IHL, TOS */
	__builtin_memcpy(&ev->ip_len, p + 2, 6); /* length, id, flags/offset */
	ev->ip_ttl = p[8];
	ev->ip_proto = p[9];
	ev->ip_csum = xs_ld16(p + 10);
	xs_st32(ev->var, xs_ld32(p + 12));
	xs_st32(ev->var + 4, xs_ld32(p + 16));
	hlen = (p[0] & 0xf) * 4;
	ev->l4_off = (__u16)(p - data) + hlen;
	if ((p[0] >> 4) != 4 || hlen < 20) {
		ev->stop = XS_S_L3_BAD;
		return;
	}
	frag = ev->ip_frag;
	if (frag & XS_BE16(0x3fff)) {
		ev->flags |= XS_F_FRAG;
		if (frag & XS_BE16(0x1fff)) {
			ev->flags |= XS_F_LATER_FRAG;
			return;
		}
	}
	if (p + hlen > end) {
		ev->stop = XS_S_L3;
		return;
	}
	xs_parse_l4(ev, ev->var + 8, p + hlen, end, ev->ip_proto);
}

/* Is nh an extension header we follow to find the upper-layer header? */
XS_INLINE int xs_is_ext6(__u8 nh)
{
	return nh == XS_IPPROTO_HOPOPTS || nh == XS_IPPROTO_ROUTING ||
	       nh == XS_IPPROTO_FRAGMENT || nh == XS_IPPROTO_DSTOPTS;
}

XS_INLINE void xs_parse_ip6(struct xs_event *ev, const __u8 *data, const __u8 *p,
			    const __u8 *end)
{
	const __u8 *q;
	__u8 nh;
	__u32 i;

	ev->kind = XS_K_IP;
	if (p + 40 > end) {
		if (p + 1 <= end)
			ev->ip_vhl = p[0];
		ev->stop = XS_S_L3;
		return;
	}
	ev->flags |= XS_F_IP6;
	ev->ip_vhl = p[0];
	ev->ip6_flow = xs_ld32(p);
	ev->ip_tos = (__u8)((p[0] << 4) | (p[1] >> 4));
	ev->ip_len = xs_ld16(p + 4);
	ev->ip_proto = p[6];
	ev->ip_ttl = p[7];
	__builtin_memcpy(ev->var, p + 8, 32);
	if ((p[0] >> 4) != 6) {
		ev->stop = XS_S_L3_BAD;
		return;
	}
	nh = p[6];
	q = p + 40;
	for (i = 0; i < XS_MAX_EXT; i++) {
		__u32 hlen;

		if (!xs_is_ext6(nh))
			break;
		ev->ext[i] = nh;
		ev->n_ext = i + 1;
		ev->l4_off = (__u16)(q - data);
		if (q + 8 > end) {
			ev->stop = XS_S_EXT;
			return;
		}
		if (nh == XS_IPPROTO_FRAGMENT) {
			ev->flags |= XS_F_FRAG;
			ev->ip_frag = xs_ld16(q + 2);
			ev->frag_id = xs_ld32(q + 4);
			hlen = 8;
			if (ev->ip_frag & XS_BE16(0xfff8)) {
				ev->flags |= XS_F_LATER_FRAG;
				ev->l4_proto = q[0];
				return;
			}
		} else {
			ev->ext_hl[i] = q[1];
			hlen = ((__u32)q[1] + 1) * 8;
			/* RFC 2675: a jumbo payload option leads the hop-by-hop header. */
			if (nh == XS_IPPROTO_HOPOPTS && q[2] == 0xc2 && q[3] == 4)
				ev->jumbo = xs_ld32(q + 4);
		}
		nh = q[0];
		q += hlen;
	}
	ev->l4_off = (__u16)(q - data);
	ev->l4_proto = nh;
	if (xs_is_ext6(nh)) {
		ev->stop = XS_S_EXT_DEEP;
		return;
	}
	xs_parse_l4(ev, ev->var + 32, q, end, nh);
}

XS_INLINE void xs_parse_arp(struct xs_event *ev, const __u8 *p, const __u8 *end)
{
	ev->kind = XS_K_ARP;
	xs_copy_l4(ev, p, end, 8);
	if (ev->l4_cap < 8) {
		ev->stop = XS_S_L3;
		return;
	}
	/* Ethernet/IPv4 addresses: sender MAC, sender IP, target MAC, target IP. */
	if (xs_copy_tail(ev, ev->var, p + 8, end, 20))
		ev->stop = XS_S_L3;
}

/*
 * Fills ev (whose fixed part the caller has zeroed) from the frame [data, end). The caller
 * sets ts_ns and wire_len.
 */
XS_INLINE void xs_parse(struct xs_event *ev, const __u8 *data, const __u8 *end)
{
	const __u8 *p = data;
	__u16 proto;
	__u32 i;

	ev->version = XS_EVENT_VERSION;
	ev->cap_len = (__u32)(end - data);
	if (p + 14 > end) {
		ev->kind = XS_K_SHORT;
		return;
	}
	__builtin_memcpy(ev->mac_dst, p, 12);
	proto = xs_ld16(p + 12);
	ev->etype[0] = proto;
	p += 14;
	for (i = 0; i < XS_MAX_VLAN; i++) {
		if (proto != XS_ETH_8021Q && proto != XS_ETH_8021AD && proto != XS_ETH_QINQ_OLD)
			break;
		if (p + 4 > end) {
			ev->l3_off = (__u16)(p - data);
			ev->stop = XS_S_VLAN;
			return;
		}
		ev->vlan_tci[i] = xs_ld16(p);
		proto = xs_ld16(p + 2);
		ev->etype[i + 1] = proto;
		ev->nvlan = i + 1;
		p += 4;
	}
	ev->l3_off = (__u16)(p - data);
	ev->l4_off = ev->l3_off;
	if (proto == XS_ETH_IP)
		xs_parse_ip4(ev, data, p, end);
	else if (proto == XS_ETH_IP6)
		xs_parse_ip6(ev, data, p, end);
	else if (proto == XS_ETH_ARP)
		xs_parse_arp(ev, p, end);
}

#endif
