/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Which records carry frame bytes although no -s, -x or -w asks for them: those whose text
 * after `length N` the printer decodes from the payload (HTTP, DNS, ... on their ports), ICMP
 * and ICMPv6 messages other than echoes, ARP. The loader fills the table from the printer's
 * decoders and the options (user/app_ports.c); the kernel reads it from .rodata, the kernel
 * test on the host. Shared by both compilers; it reads only the event, never the frame.
 *
 * A port's class is 4 bits (tcp[p / 2], the high half for odd p); the class gives the payload
 * bytes its decoder reads (len[class]), counted from the payload's start. Both ports are
 * looked up and the larger bound taken: tcpdump's decoder is the first in its own order of the
 * two, and bytes for either cover it.
 */
#ifndef XDPSPY_APP_BYTES_H
#define XDPSPY_APP_BYTES_H

#include <linux/types.h>

#include "event.h"
#include "proto.h"
#include "target.h"

#define XS_APP_CLASSES 16
#define XS_APP_ALL XS_MAX_SNAP /* len[]: the whole payload */

/* icmp: which ICMP and ICMPv6 messages carry their bytes */
enum { XS_APP_ICMP_NONE, XS_APP_ICMP_NOT_ECHO, XS_APP_ICMP_ALL };

struct xs_app_cfg {
	__u8 tcp[65536 / 2]; /* class of each TCP port, 4 bits */
	__u8 udp[65536 / 2];
	__u32 len[XS_APP_CLASSES]; /* payload bytes a class's decoder reads; len[0] is 0 */
	__u8 icmp; /* XS_APP_ICMP_* */
	__u8 arp; /* ARP frames carry their bytes (every -v form is printed from them) */
	__u8 rst; /* -v: a TCP RST's data is printed on any port */
	/* Other ethertypes (LLC, STP, unknown: their hex dump) and IP protocols other than TCP,
	 * UDP and ICMP (IGMP, OSPF, SCTP, ...; later fragments): printed from their bytes */
	__u8 other;
};

XS_INLINE __u32 xs_app_class(const volatile __u8 *t, __be16 port)
{
	__u16 p = XS_BE16(port);
	__u8 b = t[p >> 1];

	return (p & 1 ? b >> 4 : b) & 0xf;
}

/* The class of either port that reads more. */
XS_INLINE __u32 xs_app_len(const volatile struct xs_app_cfg *a, const volatile __u8 *t,
			   __be16 sport, __be16 dport)
{
	__u32 s = a->len[xs_app_class(t, sport)], d = a->len[xs_app_class(t, dport)];

	return s > d ? s : d;
}

/* A TCP segment no decoder reads: neither port has one, and no -v RST text. Cheap (two
 * loads), for the paths that take the rest out of line. */
XS_INLINE int xs_app_tcp_none(const volatile struct xs_app_cfg *a, const struct xs_event *ev)
{
	return ev->kind == XS_K_TCP && !xs_app_len(a, a->tcp, ev->l4.tcp.sport, ev->l4.tcp.dport) &&
	       !(a->rst && (ev->l4.tcp.flags & XS_TCP_RST));
}

/* The IP payload's end in the frame, from the IP header's length. */
XS_INLINE __u32 xs_ip_end(const struct xs_event *ev)
{
	__u32 len = XS_BE16(ev->ip_len);

	return ev->l3_off + len + (ev->flags & XS_F_IP6 ? XS_IP6_HLEN : 0);
}

/* Frame bytes (from its first) the printer's decoders read of this event's packet; 0 when the
 * compact event is all they need. */
XS_INLINE __u32 xs_app_bytes(const volatile struct xs_app_cfg *a, const struct xs_event *ev)
{
	__u32 start, len, want;

	switch (ev->kind) {
	case XS_K_TCP:
		/* Options cut short: the header's fields are there, and -v's RST text may print. */
		if (ev->stop != XS_S_OK && ev->stop != XS_S_OPT)
			return 0;
		start = ev->l4_off + (ev->l4.tcp.doff >> 4) * 4;
		/* No payload, no text: a bare ACK stays compact. */
		if (xs_ip_end(ev) <= start)
			return 0;
		len = xs_app_len(a, a->tcp, ev->l4.tcp.sport, ev->l4.tcp.dport);
		if (a->rst && (ev->l4.tcp.flags & XS_TCP_RST))
			len = XS_APP_ALL;
		break;
	case XS_K_UDP:
		if (ev->stop != XS_S_OK)
			return 0;
		start = ev->l4_off + XS_UDP_HLEN;
		len = xs_app_len(a, a->udp, ev->l4.udp.sport, ev->l4.udp.dport);
		break;
	case XS_K_ICMP:
	case XS_K_ICMP6: {
		__u8 t = ev->l4.icmp.type;
		/* An echo whose header the IP length holds prints from the event alone. */
		int echo = ev->stop == XS_S_OK &&
			   xs_ip_end(ev) >= ev->l4_off + (__u32)XS_ICMP_HLEN &&
			   (ev->kind == XS_K_ICMP
				? t == XS_ICMP_ECHO || t == XS_ICMP_ECHOREPLY
				: t == XS_ICMP6_ECHO_REQUEST || t == XS_ICMP6_ECHO_REPLY);

		if (a->icmp == XS_APP_ICMP_NONE || (echo && a->icmp == XS_APP_ICMP_NOT_ECHO))
			return 0;
		start = 0;
		len = XS_APP_ALL;
		break;
	}
	case XS_K_ARP:
		start = 0;
		len = a->arp ? XS_APP_ALL : 0;
		break;
	case XS_K_OTHER:
	case XS_K_IP:
		start = 0;
		len = a->other ? XS_APP_ALL : 0;
		break;
	default:
		return 0;
	}
	if (!len)
		return 0;
	want = len >= XS_APP_ALL ? XS_APP_ALL : start + len;
	if (want > ev->wire_len)
		want = ev->wire_len;
	return want < XS_MAX_SNAP ? want : XS_MAX_SNAP;
}

#endif
