/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The packet parser, written once and compiled twice: into the XDP/TC programs (clang -target
 * bpf) and into the host tools (replay fallback, unit tests, fuzzer). It reads a frame through
 * [data, end) and fills a struct xs_event. It touches no map, keeps no state, and checks every
 * access before making it, in the form the verifier accepts (`if (p + n > f->end)`). Loops
 * have compile-time bounds, or are walks whose steps the includer runs.
 *
 * It knows no hook: what differs between the BPF programs and the host (how bytes past the
 * direct reach are loaded, how a walk's steps run, which parts run out of line) it asks of the
 * seam below, which the including file defines: bpf/parse_glue.h, user/parse_host.h. Include
 * one of those, not this header.
 *
 * What it copies is exactly what was captured: a header cut short leaves `stop` saying where,
 * and the printer reproduces tcpdump's marker for it from the lengths recorded here.
 */
#ifndef XDPSPY_PARSE_H
#define XDPSPY_PARSE_H

#ifndef XS_PARSE_SEAM
#error "include parse.h through its seam: bpf/parse_glue.h or user/parse_host.h"
#endif

#include <linux/types.h>

#include "event.h"
#include "proto.h"
#include "target.h"

/* The frame being parsed. */
struct xs_frame {
	const __u8 *data;
	const __u8 *end;
	/* The includer's, for its xs_frame_load(); the parser reads neither. The BPF programs
	 * keep their context here, and which hook's helper loads from it. */
	void *src;
	int src_kind;
	int count_only; /* the tails' lengths only, not their bytes: all that counting reads */
};

/*
 * Walks of unbounded length: VLAN tags past the XS_MAX_VLAN the event holds, and IPv6
 * extension and AH headers, which tcpdump follows as far as the frame goes. The includer runs
 * the steps (xs_walk_loop()): the BPF side as bpf_loop() callbacks that read through the
 * load_bytes helpers, so the verifier checks one step, not one path per header; the host in a
 * plain loop.
 */
enum xs_walk_mode {
	XS_WALK_VLAN, /* 802.1Q/802.1ad tags */
	XS_WALK_IP6, /* hop-by-hop, routing, fragment, destination options, then AH */
	XS_WALK_IP4, /* AH only (print-ip-demux.c) */
};

struct xs_walk {
	const void *src; /* what the steps load from: xs_frame_src() */
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
 * The seam, defined by the includer. xs_frame_load() reads n bytes, 1 <= n <= max (max a
 * constant at every call), at offset off of the frame into dst, whether or not [data, end)
 * reaches them; 0 when done. A walk step loads from the frame's xs_frame_src() with the load
 * it is given, a constant at each call.
 */
typedef long (*xs_load_fn)(const void *src, __u32 off, void *dst, __u32 n);
XS_INLINE long xs_frame_load(const struct xs_frame *f, __u32 off, void *dst, __u32 n, __u32 max);
XS_INLINE const void *xs_frame_src(const struct xs_frame *f);
/* Runs w's steps (xs_vlan_step() or xs_ext_step(), as w->mode says) until one returns non-zero
 * or `steps` have run. */
XS_INLINE void xs_walk_loop(const struct xs_frame *f, struct xs_walk *w, __u32 steps);
/* xs_parse_l3_at(), xs_parse_l4_at() and xs_walk(), or a call of the includer's that runs them
 * out of line (the BPF side: global functions, each checked once by the verifier). */
XS_INLINE void xs_call_l3(struct xs_event *ev, const struct xs_frame *f, __u32 off, __u16 proto);
XS_INLINE void xs_call_l4(struct xs_event *ev, const struct xs_frame *f, __u32 off, __u8 proto);
XS_INLINE int xs_call_walk(struct xs_event *ev, const struct xs_frame *f, __u32 l3end, __u32 off,
			   __u8 nh, __u8 mode);

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
 * BPF side copies through the kernel's load_bytes helper (xs_frame_load()): the verifier checks
 * one call with a bounded length, where a copy loop would give it a path per length to walk
 * through all that follows. `max` is a constant at every call.
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
	if (xs_frame_load(f, (__u32)(p - f->data) & 0xffff, dst, n, max))
		return 0;
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
	xs_copy_l4(ev, p, f, XS_TCP_HLEN);
	if (ev->l4_cap < XS_TCP_HLEN) {
		ev->stop = XS_S_L4;
		return;
	}
	optlen = (ev->l4.tcp.doff >> 4) * 4;
	if (optlen < XS_TCP_HLEN) {
		ev->stop = XS_S_L4_BAD;
		return;
	}
	optlen -= XS_TCP_HLEN;
	if (optlen) {
		ev->l4x_len = (__u8)xs_copy_tail(tail, p + XS_TCP_HLEN, f, optlen, XS_MAX_OPT);
		if (ev->l4x_len != optlen)
			ev->stop = XS_S_OPT;
	}
}

/*
 * Encapsulations: the event holds one header stack, so a tunnelled packet's record carries the
 * frame's bytes (XS_F_HDRS), from which the printer decodes the outer headers and the inner
 * packet as tcpdump does (user/print/tunnel.c). These tests sit off the plain TCP path.
 */
XS_INLINE int xs_is_tunnel_proto(__u8 proto)
{
	return proto == XS_IPPROTO_GRE || proto == XS_IPPROTO_IPIP || proto == XS_IPPROTO_IPV6;
}

/* VXLAN and Geneve, by either port, as udp_print() picks them. */
XS_INLINE int xs_is_tunnel_port(const struct xs_event *ev)
{
	__u16 s = ev->l4.udp.sport, d = ev->l4.udp.dport;

	return s == XS_BE16(XS_PORT_VXLAN) || d == XS_BE16(XS_PORT_VXLAN) ||
	       s == XS_BE16(XS_PORT_GENEVE) || d == XS_BE16(XS_PORT_GENEVE);
}

/* MPLS label stacks and PPPoE (sessions; discovery's tags print from the same bytes). */
XS_INLINE int xs_is_tunnel_etype(__u16 proto)
{
	return proto == XS_BE16(XS_ETH_P_MPLS_UC) || proto == XS_BE16(XS_ETH_P_MPLS_MC) ||
	       proto == XS_BE16(XS_ETH_P_PPPOE_SES) || proto == XS_BE16(XS_ETH_P_PPPOE_DISC);
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
		xs_copy_l4(ev, p, f, XS_UDP_HLEN);
		break;
	case XS_IPPROTO_ICMP:
		ev->kind = XS_K_ICMP;
		xs_copy_l4(ev, p, f, XS_ICMP_HLEN);
		break;
	case XS_IPPROTO_ICMPV6:
		ev->kind = XS_K_ICMP6;
		xs_copy_l4(ev, p, f, XS_ICMP_HLEN);
		/* Neighbour discovery names a target address after the 8 fixed bytes. */
		if (ev->l4_cap == XS_ICMP_HLEN)
			ev->l4x_len = (__u8)xs_copy_tail(tail, p + XS_ICMP_HLEN, f,
							 XS_ND_TARGET_LEN, XS_ND_TARGET_LEN);
		return;
	default:
		ev->kind = XS_K_IP;
		if (xs_is_tunnel_proto(proto))
			ev->flags |= XS_F_HDRS;
		return;
	}
	if (ev->l4_cap < XS_UDP_HLEN) /* = XS_ICMP_HLEN */
		ev->stop = XS_S_L4;
	else if (proto == XS_IPPROTO_UDP && xs_is_tunnel_port(ev))
		ev->flags |= XS_F_HDRS;
}

/*
 * The transport parser for the header at offset `off` of the frame, after an IPv6 extension
 * header walk. The BPF programs run it out of line (xs_call_l4()): the verifier checks a global
 * function once, on its own, rather than once for every way out of the walk. IPv4 and plain
 * IPv6 parse inline, which saves the call.
 */
XS_INLINE void xs_parse_l4_at(struct xs_event *ev, const struct xs_frame *f, __u32 off, __u8 proto)
{
	const __u8 *q = f->data + (off & 0x1fff);

	XS_PIN(q);
	xs_parse_l4(ev, ev->var + xs_addr_len(ev), q, f, proto);
}

/* Reads n bytes at off through `load`, inside the linear part: 0 when done. */
XS_INLINE long xs_walk_load(const struct xs_walk *w, xs_load_fn load, __u32 off, __u8 *dst, __u32 n)
{
	if (off > 0xffff || off + n > w->len)
		return -1;
	return load(w->src, off, dst, n);
}

XS_INLINE int xs_is_vlan(__u16 proto)
{
	return proto == XS_BE16(XS_ETH_P_8021Q) || proto == XS_BE16(XS_ETH_P_8021AD) ||
	       proto == XS_BE16(XS_ETH_P_QINQ1) || proto == XS_BE16(XS_ETH_P_QINQ2);
}

/* One VLAN tag at w->off; 1 ends the walk. */
XS_INLINE long xs_vlan_step(struct xs_walk *w, xs_load_fn load)
{
	__u8 b[XS_VLAN_HLEN];

	if (xs_walk_load(w, load, w->off, b, XS_VLAN_HLEN)) {
		w->stop = XS_S_VLAN;
		return 1;
	}
	w->etype = (__u16)(b[2] << 8 | b[3]);
	w->off += XS_VLAN_HLEN;
	return !xs_is_vlan(XS_BE16(w->etype));
}

/* One extension or AH header at w->off; 1 ends the walk. */
XS_INLINE long xs_ext_step(struct xs_walk *w, xs_load_fn load)
{
	__u32 hlen;
	__u8 b[8];

	if (w->nh != XS_IPPROTO_AH && (w->mode != XS_WALK_IP6 || w->ah || !xs_is_ext6(w->nh)))
		return 1; /* the upper layer */
	if (xs_walk_load(w, load, w->off, b, 8)) {
		w->stop = XS_S_EXT;
		return 1;
	}
	if (w->nh == XS_IPPROTO_AH) {
		hlen = XS_AH_LEN(b[1]);
		w->ah = 1;
	} else if (w->nh == XS_IPPROTO_FRAGMENT) {
		hlen = XS_IP6_FRAG_HLEN;
		w->frag = 1;
		__builtin_memcpy(&w->frag_offlg, b + 2, 2);
		__builtin_memcpy(&w->frag_id, b + 4, 4);
		w->later = b[2] || (b[3] & (XS_IP6_FRAG_OFFMASK & 0xff));
	} else {
		hlen = XS_EXT6_LEN(b[1]);
	}
	w->nh = b[0];
	w->off += hlen;
	return w->later ? 1 : 0;
}

XS_INLINE void xs_walk_init(struct xs_walk *w, const struct xs_frame *f, __u32 off, __u8 mode)
{
	__builtin_memset(w, 0, sizeof(*w));
	w->src = xs_frame_src(f);
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
 * next layer starts, or -1 when nothing more is to be parsed. The BPF programs run it out of
 * line (xs_call_walk()): checked once, and its stack is not on the path of the transport
 * parser's.
 */
XS_INLINE int xs_walk(struct xs_event *ev, const struct xs_frame *f, __u32 l3end, __u32 off,
		      __u8 nh, __u8 mode)
{
	struct xs_walk w;

	xs_walk_init(&w, f, off, mode);
	if (mode == XS_WALK_VLAN) {
		xs_walk_loop(f, &w, xs_walk_steps(&w, XS_VLAN_HLEN));
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
	xs_walk_loop(f, &w, xs_walk_steps(&w, 8));
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

/* Extension or AH headers from off, then the transport layer after them. */
XS_INLINE void xs_parse_ext(struct xs_event *ev, const struct xs_frame *f, __u32 l3end, __u32 off,
			    __u8 nh, __u8 mode)
{
	int l4 = xs_call_walk(ev, f, l3end, off, nh, mode);

	if (l4 >= 0)
		xs_call_l4(ev, f, (__u32)l4, XS_FORGET(ev->l4_proto));
}

XS_INLINE void xs_parse_ip4(struct xs_event *ev, const __u8 *data, const __u8 *p,
			    const struct xs_frame *f)
{
	__u32 hlen, l3end;
	__u16 frag;

	ev->kind = XS_K_IP;
	if (p + XS_IP4_HLEN > f->end) {
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
	l3end = (__u32)(p - data) + XS_IP4_HLEN;
	ev->l4_off = (__u16)(p - data) + hlen;
	if ((p[0] >> 4) != 4 || hlen < XS_IP4_HLEN) {
		ev->stop = XS_S_L3_BAD;
		return;
	}
	frag = ev->ip_frag;
	if (frag & XS_BE16(XS_IP_MF | XS_IP_OFFMASK)) {
		ev->flags |= XS_F_FRAG;
		if (frag & XS_BE16(XS_IP_OFFMASK)) {
			ev->flags |= XS_F_LATER_FRAG;
			if (hlen > XS_IP4_HLEN)
				xs_copy_l3x(ev, ev->var + 8 + XS_MAX_OPT, f, l3end,
					    l3end + hlen - XS_IP4_HLEN);
			return;
		}
	}
	if (p + hlen > f->end) {
		if (hlen > XS_IP4_HLEN)
			xs_copy_l3x(ev, ev->var + 8 + XS_MAX_OPT, f, l3end,
				    l3end + hlen - XS_IP4_HLEN);
		ev->stop = XS_S_L3;
		return;
	}
	/* AH is walked; ESP's SPI and sequence number are what tcpdump prints of it. */
	if (ev->ip_proto == XS_IPPROTO_AH || ev->ip_proto == XS_IPPROTO_ESP) {
		xs_parse_ext(ev, f, l3end, l3end + hlen - XS_IP4_HLEN, ev->ip_proto, XS_WALK_IP4);
		return;
	}
	if (hlen > XS_IP4_HLEN)
		xs_copy_l3x(ev, ev->var + 8 + XS_MAX_OPT, f, l3end, l3end + hlen - XS_IP4_HLEN);
	xs_parse_l4(ev, ev->var + 8, p + hlen, f, ev->ip_proto);
}

/*
 * The fixed IPv6 header, and the transport header when it comes right after. Returns 1 when
 * extension headers come first instead, for xs_parse_ext() to walk: the BPF side parses the
 * plain header inline and leaves only the walk out of line (a call costs ~10 ns).
 */
XS_INLINE int xs_parse_ip6_hdr(struct xs_event *ev, const __u8 *data, const __u8 *p,
			       const struct xs_frame *f)
{
	ev->kind = XS_K_IP;
	if (p + XS_IP6_HLEN > f->end) {
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
	ev->l4_off = (__u16)(p + XS_IP6_HLEN - data);
	xs_parse_l4(ev, ev->var + 32, p + XS_IP6_HLEN, f, p[6]);
	return 0;
}

XS_INLINE void xs_parse_arp(struct xs_event *ev, const __u8 *p, const struct xs_frame *f)
{
	ev->kind = XS_K_ARP;
	xs_copy_l4(ev, p, f, XS_ARP_HLEN);
	if (ev->l4_cap < XS_ARP_HLEN) {
		ev->stop = XS_S_L3;
		return;
	}
	/* Ethernet/IPv4 addresses: sender MAC, sender IP, target MAC, target IP. */
	ev->l4x_len =
	    (__u8)xs_copy_tail(ev->var, p + XS_ARP_HLEN, f, XS_ARP_ETH_IP_LEN, XS_ARP_ETH_IP_LEN);
	if (ev->l4x_len != XS_ARP_ETH_IP_LEN)
		ev->stop = XS_S_L3;
}

/*
 * The network layer at `off` (after the VLAN tags), as the ethertype says; first the tags
 * past the XS_MAX_VLAN the event holds, when proto is still a VLAN type. The BPF programs run
 * it out of line (xs_call_l3()) for ARP, IPv6 extension headers and long VLAN stacks: the
 * verifier checks them once, not once for each number of VLAN tags.
 */
XS_INLINE void xs_parse_l3_at(struct xs_event *ev, const struct xs_frame *f, __u32 off, __u16 proto)
{
	const __u8 *p;

	if (xs_is_vlan(proto)) {
		int l3 = xs_call_walk(ev, f, 0, off, 0, XS_WALK_VLAN);

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
			xs_parse_ext(ev, f, (off & 0x1fff) + XS_IP6_HLEN,
				     (off & 0x1fff) + XS_IP6_HLEN, p[6], XS_WALK_IP6);
	} else if (proto == XS_BE16(XS_ETH_P_ARP)) {
		xs_parse_arp(ev, p, f);
	} else if (xs_is_tunnel_etype(proto)) {
		ev->flags |= XS_F_HDRS;
	}
}

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
	if (p + XS_ETH_HLEN > f->end) {
		ev->kind = XS_K_SHORT;
		return;
	}
	__builtin_memcpy(ev->mac_dst, p, 12);
	proto = xs_ld16(p + 12);
	ev->etype[0] = proto;
	p += XS_ETH_HLEN;
	for (i = 0; i < XS_MAX_VLAN; i++) {
		if (!xs_is_vlan(proto))
			break;
		if (p + XS_VLAN_HLEN > f->end) {
			ev->l3_off = (__u16)(p - data);
			ev->stop = XS_S_VLAN;
			return;
		}
		ev->vlan_tci[i] = xs_ld16(p);
		proto = xs_ld16(p + 2);
		ev->etype[i + 1] = proto;
		ev->nvlan = i + 1;
		p += XS_VLAN_HLEN;
	}
	ev->l3_off = (__u16)(p - data);
	ev->l4_off = ev->l3_off;
	ev->etype_l3 = proto;
	/* IPv4 and plain IPv6 inline: the common cases pay no call. */
	if (proto == XS_BE16(XS_ETH_P_IP))
		xs_parse_ip4(ev, data, p, f);
	else if (proto != XS_BE16(XS_ETH_P_IPV6) || xs_parse_ip6_hdr(ev, data, p, f))
		xs_call_l3(ev, f, ev->l3_off, proto);
}

#endif
