// SPDX-License-Identifier: GPL-2.0-only
/*
 * UDP (RFC 768), as tcpdump 4.99.3 prints it when it has no application decoder to run. What
 * needs the payload (DNS and the like) is not in the event; those print the generic form
 * (README: differences).
 */
#include "addr.h"
#include "proto.h"
#include "udp.h"
#include "wire.h"

/* "a.p > b.q: ", with the addresses only when UDP is the IP header's own protocol; a port < 0
 * was not captured. */
static void udp_addrs(const struct printer *pr, const struct pview *v, struct strbuf *sb, int sport,
		      int dport)
{
	if (v->ev->ip_proto == XS_IPPROTO_UDP) {
		put_host(pr, sb, v->saddr, v->is6);
		if (sport >= 0) {
			sb_putc(sb, '.');
			put_port(pr, sb, (uint16_t)sport, 1);
		}
		sb_puts(sb, " > ");
		put_host(pr, sb, v->daddr, v->is6);
		if (dport >= 0) {
			sb_putc(sb, '.');
			put_port(pr, sb, (uint16_t)dport, 1);
		}
		sb_puts(sb, ": ");
	} else if (sport >= 0) {
		put_port(pr, sb, (uint16_t)sport, 1);
		sb_puts(sb, " > ");
		put_port(pr, sb, (uint16_t)dport, 1);
		sb_puts(sb, ": ");
	}
}

void print_udp(const struct printer *pr, const struct pview *v, struct strbuf *sb)
{
	const struct xs_event *ev = v->ev;
	uint32_t avail = l4_captured(v);
	uint32_t length = v->l4_len, ulen;
	uint16_t sport, dport;

	if (avail < 4) {
		udp_addrs(pr, v, sb, -1, -1);
		put_trunc(sb, "udp");
		return;
	}
	sport = be16(ev->l4.udp.sport);
	dport = be16(ev->l4.udp.dport);
	if (length < XS_UDP_HLEN) {
		udp_addrs(pr, v, sb, sport, dport);
		sb_puts(sb, "truncated-udp ");
		sb_putu(sb, length);
		return;
	}
	if (avail < 6) {
		udp_addrs(pr, v, sb, sport, dport);
		put_trunc(sb, "udp");
		return;
	}
	ulen = be16(ev->l4.udp.len);
	if (ulen == 0 && length > 65535)
		ulen = length;
	if (ulen < XS_UDP_HLEN) {
		udp_addrs(pr, v, sb, sport, dport);
		sb_puts(sb, "truncated-udplength ");
		sb_putu(sb, ulen);
		return;
	}
	udp_addrs(pr, v, sb, sport, dport);
	sb_puts(sb, "UDP, length ");
	sb_putu(sb, ulen - XS_UDP_HLEN);
}
