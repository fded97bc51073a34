/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The packet parser, written once and compiled twice: into the XDP/TC programs (clang -target
 * bpf) and into the host tools (replay fallback, unit tests, fuzzer). It reads a frame through
 * [data, end) and fills a struct xs_event. It calls no BPF helper, touches no map, keeps no
 * state, and checks every access before making it, in the form the verifier accepts
 * (`if (p + n > f->end)`). Loops have compile-time bounds.
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
/* Reads a byte/half-word field back from the event on the stack: the verifier keeps no value
 * for such narrow stack writes, so paths that differed only there look the same again. */
#define XS_FORGET(lv) (*(volatile __typeof__(lv) *)&(lv))
#else
#define XS_FORGET(lv) (lv)
#define XS_PIN(x) ((void)0)
#include <string.h>
#define XS_INLINE static inline __attribute__((always_inline))
#endif

/*
 * The frame being parsed: its bytes, and on the BPF side the program's context, which the
 * load_bytes helpers take (skb: a TC program's struct __sk_buff, else an XDP program's
 * struct xdp_md). The host leaves ctx NULL.
 */
struct xs_frame {
	const __u8 *data;
	const __u8 *end;
	void *ctx;
	int skb;
	int count_only; /* the tails' lengths only, not their bytes: all that counting reads */
};

/* Network-order constants, so the parser compares raw loads without swapping. */
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define XS_BE16(x) ((__u16)((((x)&0xff) << 8) | (((x) >> 8) & 0xff)))
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

/* How many of `len` bytes at p a copy of at most `max` gets: min(len, max, bytes left). */
XS_INLINE __u32 xs_avail(const __u8 *p, const struct xs_frame *f, __u32 len, __u32 max)
{
	__u32 avail = p < f->end ? (__u32)(f->end - p) : 0;
	__u32 n = len < max ? len : max;

	/* clang 19 turns !n into (u32)p == (u32)end: a pointer shift the verifier refuses. */
	XS_PIN(avail);

	return n < avail ? n : avail;
}

/*
 * Copies min(len, max, bytes left in the frame) bytes at p to dst and returns that count. The
 * BPF side copies through the kernel's load_bytes helper: the verifier checks one call with a
 * bounded length, where a copy loop would give it a path per length to walk through all that
 * follows. `max` is a constant at every call.
 */
XS_INLINE __u32 xs_copy(__u8 *dst, const __u8 *p, const struct xs_frame *f, __u32 len, __u32 max)
{
	__u32 n = xs_avail(p, f, len, max);

	if (!n)
		return 0;
	/* The sizes TCP sends most (timestamps; a SYN's options), without a helper call. */
	if (n == 12 && max >= 12 && p + 12 <= f->end) {
		__builtin_memcpy(dst, p, 12);
		return 12;
	}
	if (n == 20 && max >= 20 && p + 20 <= f->end) {
		__builtin_memcpy(dst, p, 20);
		return 20;
	}
#ifdef __bpf__
	{
		__u32 off = (__u32)(p - f->data) & 0xffff;
		__u64 size = n;

		/* clang knows n <= max and would drop the check the verifier needs to see. */
		XS_PIN(size);
		if (size == 0 || size > max)
			return 0;
		if (f->skb ? bpf_skb_load_bytes(f->ctx, off, dst, size)
			   : bpf_xdp_load_bytes(f->ctx, off, dst, size))
			return 0;
	}
#else
	memcpy(dst, p, n);
#endif
	return n;
}

/*
 * Copies what follows a fixed header (options, extension headers, addresses) into the tail,
 * or with f->count_only, says only how much of it is there: the stop codes come out the same.
 */
XS_INLINE __u32 xs_copy_tail(__u8 *dst, const __u8 *p, const struct xs_frame *f, __u32 len,
			     __u32 max)
{
	if (f->count_only)
		return xs_avail(p, f, len, max);
	return xs_copy(dst, p, f, len, max);
}

/*
 * Copies the fixed part of an L4 header (`want` bytes, up to 20) as far as it was captured,
 * and records how much was there, for the printer's checks.
 */
XS_INLINE void xs_copy_l4(struct xs_event *ev, const __u8 *p, const struct xs_frame *f, __u32 want)
{
	if (p + 20 <= f->end) {
		__builtin_memcpy(ev->l4.raw, p, 20);
		ev->l4_cap = want;
		return;
	}
	ev->l4_cap = (__u8)xs_copy(ev->l4.raw, p, f, want, 20);
}

XS_INLINE void xs_parse_tcp(struct xs_event *ev, __u8 *tail, const __u8 *p,
			    const struct xs_frame *f)
{
	__u32 optlen;

	ev->kind = XS_K_TCP;
	xs_copy_l4(ev, p, f, 20);
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
		ev->l4x_len = (__u8)xs_copy_tail(tail, p + 20, f, optlen, XS_MAX_OPT);
		if (ev->l4x_len != optlen)
			ev->stop = XS_S_OPT;
	}
}

XS_INLINE void xs_parse_l4(struct xs_event *ev, __u8 *tail, const __u8 *p, const struct xs_frame *f,
			   __u8 proto)
{
	ev->l4_proto = proto;
	switch (proto) {
	case XS_IPPROTO_TCP:
		xs_parse_tcp(ev, tail, p, f);
		return;
	case XS_IPPROTO_UDP:
		ev->kind = XS_K_UDP;
		xs_copy_l4(ev, p, f, 8);
		break;
	case XS_IPPROTO_ICMP:
		ev->kind = XS_K_ICMP;
		xs_copy_l4(ev, p, f, 8);
		break;
	case XS_IPPROTO_ICMPV6:
		ev->kind = XS_K_ICMP6;
		xs_copy_l4(ev, p, f, 8);
		/* Neighbour discovery names a target address after the 8 fixed bytes. */
		if (ev->l4_cap == 8)
			ev->l4x_len = (__u8)xs_copy_tail(tail, p + 8, f, 24, 24);
		return;
	default:
		ev->kind = XS_K_IP;
		return;
	}
	if (ev->l4_cap < 8)
		ev->stop = XS_S_L4;
}

/*
 * The transport parser for the header at offset `off` of the frame, after an IPv6 extension
 * header walk. The BPF programs route it through a global function of their own (xs_l4_xdp,
 * xs_l4_skb): the verifier checks a global function once, on its own, rather than once for
 * every way out of the walk. IPv4 and plain IPv6 parse inline, which saves the call.
 */
XS_INLINE void xs_parse_l4_at(struct xs_event *ev, const struct xs_frame *f, __u32 off, __u8 proto)
{
	const __u8 *q = f->data + (off & 0x1fff);

	XS_PIN(q);
	xs_parse_l4(ev, ev->var + xs_addr_len(ev), q, f, proto);
}

#ifdef __bpf__
int xs_l4_xdp(struct xdp_md *ctx, struct xs_event *ev, __u32 off, __u32 proto);
int xs_l4_skb(struct __sk_buff *skb, struct xs_event *ev, __u32 off, __u32 proto);
#define XS_L4(ev, f, off, proto)                                                                   \
	((f)->skb ? xs_l4_skb((f)->ctx, ev, off, proto) : xs_l4_xdp((f)->ctx, ev, off, proto))
#else
#define XS_L4(ev, f, off, proto) xs_parse_l4_at(ev, f, off, proto)
#endif

XS_INLINE void xs_parse_ip4(struct xs_event *ev, const __u8 *data, const __u8 *p,
			    const struct xs_frame *f)
{
	__u32 hlen;
	__u16 frag;

	ev->kind = XS_K_IP;
	if (p + 20 > f->end) {
		if (p + 1 <= f->end)
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
		ev->l3x_cap =
		    (__u8)xs_copy_tail(ev->var + 8 + XS_MAX_OPT, p + 20, f, hlen - 20, 40);
	frag = ev->ip_frag;
	if (frag & XS_BE16(0x3fff)) {
		ev->flags |= XS_F_FRAG;
		if (frag & XS_BE16(0x1fff)) {
			ev->flags |= XS_F_LATER_FRAG;
			return;
		}
	}
	if (p + hlen > f->end) {
		ev->stop = XS_S_L3;
		return;
	}
	xs_parse_l4(ev, ev->var + 8, p + hlen, f, ev->ip_proto);
}

/* Is nh an extension header we follow to find the upper-layer header? */
XS_INLINE int xs_is_ext6(__u8 nh)
{
	return nh == XS_IPPROTO_HOPOPTS || nh == XS_IPPROTO_ROUTING || nh == XS_IPPROTO_FRAGMENT ||
	       nh == XS_IPPROTO_DSTOPTS;
}

/*
 * The fixed IPv6 header, and the transport header when it comes right after. Returns 1 when
 * extension headers come first instead, for xs_parse_ip6() to walk: the BPF side parses the
 * plain header inline and leaves only the walk to a global function (a call costs ~10 ns).
 */
XS_INLINE int xs_parse_ip6_hdr(struct xs_event *ev, const __u8 *data, const __u8 *p,
			       const struct xs_frame *f)
{
	ev->kind = XS_K_IP;
	if (p + 40 > f->end) {
		if (p + 1 <= f->end)
			ev->ip_vhl = p[0];
		ev->stop = XS_S_L3;
		return 0;
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
		return 0;
	}
	if (xs_is_ext6(p[6]))
		return 1;
	ev->l4_off = (__u16)(p + 40 - data);
	xs_parse_l4(ev, ev->var + 32, p + 40, f, p[6]);
	return 0;
}

/* The fixed header again (it writes the same fields), then the extension headers' walk. */
XS_INLINE void xs_parse_ip6(struct xs_event *ev, const __u8 *data, const __u8 *p,
			    const struct xs_frame *f)
{
	__u32 i, ext_len, l4, frag_off = 0, later = 0;
	__u8 nh, stop = XS_S_OK;
	const __u8 *q;

	if (!xs_parse_ip6_hdr(ev, data, p, f))
		return;
	nh = p[6];
	q = p + 40;
	/* The walk only finds where the upper layer starts; everything it learns is recorded
	 * after it, so the verifier meets few distinct states at its end. */
	for (i = 0; i < XS_MAX_EXT; i++) {
		__u32 hlen;

		if (!xs_is_ext6(nh))
			break;
		if (q + 8 > f->end) {
			stop = XS_S_EXT;
			break;
		}
		hlen = ((__u32)q[1] + 1) * 8;
		if (nh == XS_IPPROTO_FRAGMENT) {
			hlen = 8;
			frag_off = (__u32)(q - data);
			if (q[2] || (q[3] & 0xf8))
				later = 1; /* a later fragment: the upper layer is not here */
		}
		nh = q[0];
		q += hlen;
		XS_PIN(q);
		if (later)
			break;
	}
	if (!stop && !later && xs_is_ext6(nh))
		stop = XS_S_EXT_DEEP;
	if (later)
		ev->flags |= XS_F_LATER_FRAG;
	/* The walk's findings go into the event and are read back from there: the verifier
	 * keeps no value for narrow stack writes, so the many ways out of the walk become one
	 * and the rest is checked once. */
	ev->stop = stop;
	ev->l4_proto = nh;
	ev->l4_off = (__u16)((__u32)(q - data) & 0x1fff);
	ev->ip_frag = (__u16)(frag_off & 0x1fff); /* where the fragment header is, for now */
	frag_off = XS_FORGET(ev->ip_frag) & 0x1fff;
	ev->ip_frag = 0;
	if (frag_off) {
		const __u8 *fh = data + frag_off;

		XS_PIN(fh);
		if (fh + 8 <= f->end) {
			ev->flags |= XS_F_FRAG;
			ev->ip_frag = xs_ld16(fh + 2);
			ev->frag_id = xs_ld32(fh + 4);
		}
	}
	/* The extension headers' bytes, for the printer: as many as were captured, including
	 * those of a header cut short (the walk stopped before it). */
	stop = XS_FORGET(ev->stop);
	l4 = XS_FORGET(ev->l4_off) & 0x1fff;
	ext_len = l4 - (__u32)(p - data) - 40;
	if (stop == XS_S_EXT)
		ext_len += 8;
	ev->l3x_cap = (__u8)xs_copy_tail(ev->var + 32 + XS_MAX_OPT, p + 40, f, ext_len, XS_MAX_L3X);
	if (stop || (XS_FORGET(ev->flags) & XS_F_LATER_FRAG))
		return;
	XS_L4(ev, f, l4, ev->l4_proto);
}

XS_INLINE void xs_parse_arp(struct xs_event *ev, const __u8 *p, const struct xs_frame *f)
{
	ev->kind = XS_K_ARP;
	xs_copy_l4(ev, p, f, 8);
	if (ev->l4_cap < 8) {
		ev->stop = XS_S_L3;
		return;
	}
	/* Ethernet/IPv4 addresses: sender MAC, sender IP, target MAC, target IP. */
	ev->l4x_len = (__u8)xs_copy_tail(ev->var, p + 8, f, 20, 20);
	if (ev->l4x_len != 20)
		ev->stop = XS_S_L3;
}

/*
 * Fills ev (whose fixed part the caller has zeroed) from the frame [data, end). The caller
 * sets ts_ns and wire_len.
 */
/* The network layer at `off` (after the VLAN tags), as the ethertype says. */
XS_INLINE void xs_parse_l3_at(struct xs_event *ev, const struct xs_frame *f, __u32 off, __u16 proto)
{
	const __u8 *p = f->data + (off & 0x1f); /* 14 + 4 * XS_MAX_VLAN at most */

	XS_PIN(p);
	if (proto == XS_ETH_IP)
		xs_parse_ip4(ev, f->data, p, f);
	else if (proto == XS_ETH_IP6)
		xs_parse_ip6(ev, f->data, p, f);
	else if (proto == XS_ETH_ARP)
		xs_parse_arp(ev, p, f);
}

/*
 * The BPF side parses ARP and IPv6 extension headers in a global function, like the transport
 * layer after IPv6 extensions: the verifier checks them once, not once for each number of
 * VLAN tags.
 */
#ifdef __bpf__
int xs_l3_xdp(struct xdp_md *ctx, struct xs_event *ev, __u32 off, __u32 proto);
int xs_l3_skb(struct __sk_buff *skb, struct xs_event *ev, __u32 off, __u32 proto);
#define XS_L3(ev, f, off, proto)                                                                   \
	((f)->skb ? xs_l3_skb((f)->ctx, ev, off, proto) : xs_l3_xdp((f)->ctx, ev, off, proto))
#else
#define XS_L3(ev, f, off, proto) xs_parse_l3_at(ev, f, off, proto)
#endif

XS_INLINE void xs_parse(struct xs_event *ev, const struct xs_frame *f)
{
	const __u8 *data = f->data;
	const __u8 *p = data;
	__u16 proto;
	__u32 i;

	ev->version = XS_EVENT_VERSION;
	ev->cap_len = (__u32)(f->end - data);
	if (p + 14 > f->end) {
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
		if (p + 4 > f->end) {
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
	/* IPv4 and plain IPv6 inline: the common cases pay no call. */
	if (proto == XS_ETH_IP)
		xs_parse_ip4(ev, data, p, f);
	else if (proto != XS_ETH_IP6 || xs_parse_ip6_hdr(ev, data, p, f))
		XS_L3(ev, f, ev->l3_off, proto);
}

#endif
