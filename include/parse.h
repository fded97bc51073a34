/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The packet parser, written once and compiled twice: into the XDP/TC programs (clang -target
 * bpf) and into the host tools (replay fallback, unit tests, fuzzer). It reads a frame through
 * [data, end) and fills a struct xs_event. It calls no BPF helper but the load_bytes ones and
 * bpf_loop(), touches no map, keeps no state, and checks every access before making it, in
 * the form the verifier accepts (`if (p + n > f->end)`). Loops have compile-time bounds, or
 * are bpf_loop() callbacks.
 *
 * What it copies is exactly what was captured: a header cut short leaves `stop` saying where,
 * and the printer reproduces tcpdump's marker for it from the lengths recorded here.
 */
#ifndef XDPSPY_PARSE_H
#define XDPSPY_PARSE_H

#include <linux/types.h>

#include "event.h"
#include "proto.h"
#include "target.h"

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

/*
 * Walks of unbounded length: VLAN tags past the XS_MAX_VLAN the event holds, and IPv6
 * extension and AH headers, which tcpdump follows as far as the frame goes. The BPF side runs
 * each step in a bpf_loop() callback that reads through the load_bytes helpers: the verifier
 * checks one step, not one path per header. The host runs the same step in a plain loop.
 */
enum xs_walk_mode {
	XS_WALK_VLAN, /* 802.1Q/802.1ad tags */
	XS_WALK_IP6, /* hop-by-hop, routing, fragment, destination options, then AH */
	XS_WALK_IP4, /* AH only (print-ip-demux.c) */
};

struct xs_walk {
#ifdef __bpf__
	void *ctx; /* the program's context, for the load_bytes helpers */
#else
	const __u8 *data; /* the frame */
#endif
	__u32 len; /* bytes the parser reads: the linear part */
	__u32 off; /* the header being looked at */
	__u32 frag_id; /* the last fragment header's identification, as on the wire */
	__u16 frag_offlg; /* and its offset and M flag */
	__u16 etype; /* VLAN walk: the type after the last tag, host order */
	__u8 mode; /* enum xs_walk_mode */
	__u8 nh; /* the next header's protocol */
	__u8 stop; /* XS_S_EXT or XS_S_VLAN: a header cut short */
	__u8 frag; /* a fragment header was met */
	__u8 later; /* a fragment with a non-zero offset: nothing of the upper layer follows */
	__u8 ah; /* an AH header was met: tcpdump follows only AH after it */
};

/*
 * Reads n bytes at off, inside the linear part: 0 when done. skb is a constant at every call:
 * an XDP program may not even name the skb helper.
 */
XS_INLINE int xs_walk_load(const struct xs_walk *w, int skb, __u32 off, __u8 *dst, __u32 n)
{
	if (off > 0xffff || off + n > w->len)
		return -1;
#ifdef __bpf__
	return skb ? bpf_skb_load_bytes(w->ctx, off, dst, n)
		   : bpf_xdp_load_bytes(w->ctx, off, dst, n);
#else
	(void)skb;
	memcpy(dst, w->data + off, n);
	return 0;
#endif
}

XS_INLINE int xs_is_vlan(__u16 proto)
{
	return proto == XS_BE16(XS_ETH_P_8021Q) || proto == XS_BE16(XS_ETH_P_8021AD) ||
	       proto == XS_BE16(XS_ETH_P_QINQ1) || proto == XS_BE16(XS_ETH_P_QINQ2);
}

/* One VLAN tag at w->off; 1 ends the walk. */
XS_INLINE long xs_vlan_step(struct xs_walk *w, int skb)
{
	__u8 b[4];

	if (xs_walk_load(w, skb, w->off, b, 4)) {
		w->stop = XS_S_VLAN;
		return 1;
	}
	w->etype = (__u16)(b[2] << 8 | b[3]);
	w->off += 4;
	return !xs_is_vlan(XS_BE16(w->etype));
}

/* One extension or AH header at w->off; 1 ends the walk. */
XS_INLINE long xs_ext_step(struct xs_walk *w, int skb)
{
	__u32 hlen;
	__u8 b[8];

	if (w->nh != XS_IPPROTO_AH && (w->mode != XS_WALK_IP6 || w->ah || !xs_is_ext6(w->nh)))
		return 1; /* the upper layer */
	if (xs_walk_load(w, skb, w->off, b, 8)) {
		w->stop = XS_S_EXT;
		return 1;
	}
	if (w->nh == XS_IPPROTO_AH) {
		hlen = XS_AH_LEN(b[1]);
		w->ah = 1;
	} else if (w->nh == XS_IPPROTO_FRAGMENT) {
		hlen = 8;
		w->frag = 1;
		__builtin_memcpy(&w->frag_offlg, b + 2, 2);
		__builtin_memcpy(&w->frag_id, b + 4, 4);
		w->later = b[2] || (b[3] & 0xf8);
	} else {
		hlen = XS_EXT6_LEN(b[1]);
	}
	w->nh = b[0];
	w->off += hlen;
	return w->later ? 1 : 0;
}

/* The steps as bpf_loop() callbacks, one per hook type. */
static inline long xs_vlan_step_xdp(__u32 i, void *w)
{
	(void)i;
	return xs_vlan_step(w, 0);
}

static inline long xs_vlan_step_skb(__u32 i, void *w)
{
	(void)i;
	return xs_vlan_step(w, 1);
}

static inline long xs_ext_step_xdp(__u32 i, void *w)
{
	(void)i;
	return xs_ext_step(w, 0);
}

static inline long xs_ext_step_skb(__u32 i, void *w)
{
	(void)i;
	return xs_ext_step(w, 1);
}

#ifdef __bpf__
#define XS_LOOP(n, fn, w) bpf_loop(n, fn, w, 0)
#else
static inline void xs_loop(__u32 n, long (*fn)(__u32, void *), void *w)
{
	for (__u32 i = 0; i < n; i++)
		if (fn(i, w))
			return;
}
#define XS_LOOP(n, fn, w) xs_loop(n, fn, w)
#endif

XS_INLINE void xs_walk_init(struct xs_walk *w, const struct xs_frame *f, __u32 off, __u8 mode)
{
	__builtin_memset(w, 0, sizeof(*w));
#ifdef __bpf__
	w->ctx = f->ctx;
#else
	w->data = f->data;
#endif
	w->len = (__u32)(f->end - f->data);
	w->off = off;
	w->mode = mode;
}

/* Every step advances at least 4 bytes and stops at the end of the linear part. */
XS_INLINE __u32 xs_walk_steps(const struct xs_walk *w, __u32 unit)
{
	__u32 left = w->len > w->off ? w->len - w->off : 0;

	return left / unit + 1;
}

/*
 * The bytes from the fixed L3 header's end (l3end) to XS_L3X_PAST past the upper layer's
 * start (l4), as far as they fit: XS_F_HDRS when tcpdump may read more than that.
 */
XS_INLINE void xs_copy_l3x(struct xs_event *ev, __u8 *dst, const struct xs_frame *f, __u32 l3end,
			   __u32 l4)
{
	__u32 want = l4 - l3end + XS_L3X_PAST, len = (__u32)(f->end - f->data);
	__u32 avail = len > l3end ? len - l3end : 0;
	const __u8 *p = f->data + (l3end & 0x1fff);

	XS_PIN(p);
	ev->l3x_cap = (__u8)xs_copy_tail(dst, p, f, want, XS_MAX_L3X);
	if ((want < avail ? want : avail) > XS_MAX_L3X)
		ev->flags |= XS_F_HDRS;
}

/*
 * A walk from off: VLAN tags (records the network layer's offset and ethertype), or IPv6
 * extension / AH headers whose first protocol is nh (records the upper layer's offset and
 * protocol, the fragment header, and the headers' bytes, from l3end on). Returns where the
 * next layer starts, or -1 when nothing more is to be parsed. The BPF programs run it as a
 * global function (xs_walk_xdp, xs_walk_skb): checked once, and its stack is not on the path
 * of the transport parser's.
 */
XS_INLINE int xs_walk(struct xs_event *ev, const struct xs_frame *f, __u32 l3end, __u32 off,
		      __u8 nh, __u8 mode)
{
	struct xs_walk w;

	xs_walk_init(&w, f, off, mode);
	if (mode == XS_WALK_VLAN) {
		XS_LOOP(xs_walk_steps(&w, 4), f->skb ? xs_vlan_step_skb : xs_vlan_step_xdp, &w);
		ev->flags |= XS_F_HDRS;
		ev->l3_off = (__u16)w.off;
		ev->l4_off = (__u16)w.off;
		ev->etype_l3 = XS_BE16(w.etype);
		if (w.stop || w.off > 0x1fff) {
			ev->stop = XS_S_VLAN;
			return -1;
		}
		return (int)w.off;
	}
	w.nh = nh;
	XS_LOOP(xs_walk_steps(&w, 8), f->skb ? xs_ext_step_skb : xs_ext_step_xdp, &w);
	ev->stop = w.stop;
	ev->l4_proto = w.nh;
	ev->l4_off = (__u16)w.off;
	if (w.frag) {
		ev->flags |= XS_F_FRAG;
		ev->ip_frag = w.frag_offlg;
		ev->frag_id = w.frag_id;
	}
	if (w.later)
		ev->flags |= XS_F_LATER_FRAG;
	xs_copy_l3x(ev, ev->var + (mode == XS_WALK_IP6 ? 32 : 8) + XS_MAX_OPT, f, l3end,
		    w.off < 0xffff ? w.off : 0xffff);
	if (w.stop || w.later)
		return -1;
	if (w.off > 0x1fff) {
		ev->stop = XS_S_L4; /* beyond any linear part the hooks see */
		return -1;
	}
	return (int)w.off;
}

#ifdef __bpf__
int xs_walk_xdp(struct xdp_md *ctx, struct xs_event *ev, __u32 l3end, __u32 off_nh);
int xs_walk_skb(struct __sk_buff *skb, struct xs_event *ev, __u32 l3end, __u32 off_nh);
/* off, nh and the mode in one argument: a global function takes at most five. */
#define XS_WALK_ARG(off, nh, mode) (((off)&0xffff) | (__u32)(nh) << 16 | (__u32)(mode) << 24)
#define XS_WALK(ev, f, l3end, off, nh, mode)                                                       \
	((f)->skb ? xs_walk_skb((f)->ctx, ev, l3end, XS_WALK_ARG(off, nh, mode))                   \
		  : xs_walk_xdp((f)->ctx, ev, l3end, XS_WALK_ARG(off, nh, mode)))
#else
#define XS_WALK(ev, f, l3end, off, nh, mode) xs_walk(ev, f, l3end, off, nh, mode)
#endif

/* Extension or AH headers from off, then the transport layer after them. */
XS_INLINE void xs_parse_ext(struct xs_event *ev, const struct xs_frame *f, __u32 l3end, __u32 off,
			    __u8 nh, __u8 mode)
{
	int l4 = XS_WALK(ev, f, l3end, off, nh, mode);

	if (l4 >= 0)
		XS_L4(ev, f, (__u32)l4, XS_FORGET(ev->l4_proto));
}

XS_INLINE void xs_parse_ip4(struct xs_event *ev, const __u8 *data, const __u8 *p,
			    const struct xs_frame *f)
{
	__u32 hlen, l3end;
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
	l3end = (__u32)(p - data) + 20;
	ev->l4_off = (__u16)(p - data) + hlen;
	if ((p[0] >> 4) != 4 || hlen < 20) {
		ev->stop = XS_S_L3_BAD;
		return;
	}
	frag = ev->ip_frag;
	if (frag & XS_BE16(XS_IP_MF | XS_IP_OFFMASK)) {
		ev->flags |= XS_F_FRAG;
		if (frag & XS_BE16(XS_IP_OFFMASK)) {
			ev->flags |= XS_F_LATER_FRAG;
			if (hlen > 20)
				xs_copy_l3x(ev, ev->var + 8 + XS_MAX_OPT, f, l3end,
					    l3end + hlen - 20);
			return;
		}
	}
	if (p + hlen > f->end) {
		if (hlen > 20)
			xs_copy_l3x(ev, ev->var + 8 + XS_MAX_OPT, f, l3end, l3end + hlen - 20);
		ev->stop = XS_S_L3;
		return;
	}
	/* AH is walked; ESP's SPI and sequence number are what tcpdump prints of it. */
	if (ev->ip_proto == XS_IPPROTO_AH || ev->ip_proto == XS_IPPROTO_ESP) {
		xs_parse_ext(ev, f, l3end, l3end + hlen - 20, ev->ip_proto, XS_WALK_IP4);
		return;
	}
	if (hlen > 20)
		xs_copy_l3x(ev, ev->var + 8 + XS_MAX_OPT, f, l3end, l3end + hlen - 20);
	xs_parse_l4(ev, ev->var + 8, p + hlen, f, ev->ip_proto);
}

/*
 * The fixed IPv6 header, and the transport header when it comes right after. Returns 1 when
 * extension headers come first instead, for xs_parse_ext() to walk: the BPF side parses the
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
	if (xs_is_ext6(p[6]) || p[6] == XS_IPPROTO_AH || p[6] == XS_IPPROTO_ESP)
		return 1;
	ev->l4_off = (__u16)(p + 40 - data);
	xs_parse_l4(ev, ev->var + 32, p + 40, f, p[6]);
	return 0;
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
 * The network layer at `off` (after the VLAN tags), as the ethertype says; first the tags
 * past the XS_MAX_VLAN the event holds, when proto is still a VLAN type.
 */
XS_INLINE void xs_parse_l3_at(struct xs_event *ev, const struct xs_frame *f, __u32 off, __u16 proto)
{
	const __u8 *p;

	if (xs_is_vlan(proto)) {
		int l3 = XS_WALK(ev, f, 0, off, 0, XS_WALK_VLAN);

		if (l3 < 0)
			return;
		off = (__u32)l3;
		proto = XS_FORGET(ev->etype_l3);
	}
	p = f->data + (off & 0x1fff);
	XS_PIN(p);
	if (proto == XS_BE16(XS_ETH_P_IP)) {
		xs_parse_ip4(ev, f->data, p, f);
	} else if (proto == XS_BE16(XS_ETH_P_IPV6)) {
		if (xs_parse_ip6_hdr(ev, f->data, p, f))
			xs_parse_ext(ev, f, (off & 0x1fff) + 40, (off & 0x1fff) + 40, p[6],
				     XS_WALK_IP6);
	} else if (proto == XS_BE16(XS_ETH_P_ARP)) {
		xs_parse_arp(ev, p, f);
	}
}

/*
 * The BPF side parses ARP, IPv6 extension headers and long VLAN stacks in a global function,
 * like the transport layer after IPv6 extensions: the verifier checks them once, not once for
 * each number of VLAN tags.
 */
#ifdef __bpf__
int xs_l3_xdp(struct xdp_md *ctx, struct xs_event *ev, __u32 off, __u32 proto);
int xs_l3_skb(struct __sk_buff *skb, struct xs_event *ev, __u32 off, __u32 proto);
#define XS_L3(ev, f, off, proto)                                                                   \
	((f)->skb ? xs_l3_skb((f)->ctx, ev, off, proto) : xs_l3_xdp((f)->ctx, ev, off, proto))
#else
#define XS_L3(ev, f, off, proto) xs_parse_l3_at(ev, f, off, proto)
#endif

/*
 * Fills ev (whose fixed part the caller has zeroed) from the frame [data, end). The caller
 * sets ts_ns and wire_len.
 */
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
		if (!xs_is_vlan(proto))
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
	ev->etype_l3 = proto;
	/* IPv4 and plain IPv6 inline: the common cases pay no call. */
	if (proto == XS_BE16(XS_ETH_P_IP))
		xs_parse_ip4(ev, data, p, f);
	else if (proto != XS_BE16(XS_ETH_P_IPV6) || xs_parse_ip6_hdr(ev, data, p, f))
		XS_L3(ev, f, ev->l3_off, proto);
}

#endif
