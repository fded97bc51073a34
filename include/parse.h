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
/* Pins a packet pointer in a register, so clang cannot rebuild `q + n` from another base,
 * which would lose the verifier's range on q. */
#define XS_PIN(x) asm volatile("" : "+r"(x))
#else
#define XS_PIN(x) ((void)0)
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
 * Copies `len` bytes at p to dst, as far as they were captured, `max` at most (a constant at
 * every call, which bounds the loop for the verifier). Whole words while they fit, then the
 * bytes of a word cut short. Returns how many bytes were copied.
 */
XS_INLINE __u32 xs_copy(__u8 *dst, const __u8 *p, const __u8 *end, __u32 len, __u32 max)
{
	__u32 i, j;

	if (len > max)
		len = max;
	for (i = 0; i < max; i += 4) {
		if (i >= len)
			return len;
		if (p + i + 4 > end)
			break;
		xs_st32(dst + i, xs_ld32(p + i));
	}
	if (i >= len)
		return len;
	for (j = 0; j < 3; j++) {
		if (i + j >= len || p + i + j + 1 > end)
			return i + j;
		dst[i + j] = p[i + j];
	}
	return i + j;
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
	if (optlen) {
		ev->l4x_len = (__u8)xs_copy(tail, p + 20, end, optlen, XS_MAX_OPT);
		if (ev->l4x_len != optlen)
			ev->stop = XS_S_OPT;
	}
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
			ev->l4x_len = (__u8)xs_copy(tail, p + 8, end, 24, 24);
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
	if (hlen > 20)
		ev->l3x_cap = (__u8)xs_copy(ev->var + 8 + XS_MAX_OPT, p + 20, end, hlen - 20, 40);
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
	__u32 i, ext_len, l4;
	__u8 nh;

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
		if (q + 8 > end) {
			ev->stop = XS_S_EXT;
			break;
		}
		if (nh == XS_IPPROTO_FRAGMENT) {
			ev->flags |= XS_F_FRAG;
			ev->ip_frag = xs_ld16(q + 2);
			ev->frag_id = xs_ld32(q + 4);
			hlen = 8;
			if (ev->ip_frag & XS_BE16(0xfff8)) {
				/* A later fragment: nothing of the upper layer is here. */
				ev->flags |= XS_F_LATER_FRAG;
				nh = q[0];
				q += hlen;
				break;
			}
		} else {
			hlen = ((__u32)q[1] + 1) * 8;
		}
		nh = q[0];
		q += hlen;
		XS_PIN(q);
	}
	ev->l4_off = (__u16)(q - data);
	ev->l4_proto = nh;
	if (q == p + 40) {
		xs_parse_l4(ev, ev->var + 32, q, end, nh);
		return;
	}
	/* The extension headers' bytes, for the printer: as many as were captured. */
	ext_len = (__u32)(q - p) - 40;
	ev->l3x_cap = (__u8)xs_copy(ev->var + 32 + XS_MAX_OPT, p + 40, end, ext_len, XS_MAX_L3X);
	if (ev->stop != XS_S_OK || (ev->flags & XS_F_LATER_FRAG))
		return;
	if (xs_is_ext6(nh)) {
		ev->stop = XS_S_EXT_DEEP;
		return;
	}
	/* Every way out of the walk joins here with one bounded offset, so the verifier checks
	 * the transport parser once rather than once per extension-header path. */
	l4 = ev->l4_off & 0x1fff;
	q = data + l4;
	XS_PIN(q);
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
	ev->l4x_len = (__u8)xs_copy(ev->var, p + 8, end, 20, 20);
	if (ev->l4x_len != 20)
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
