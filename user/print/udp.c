// SPDX-License-Identifier: GPL-2.0-only
/*
 * UDP (RFC 768), as tcpdump 4.99.3 prints it: the ports, -v's checksum verdict, and with the
 * frame's bytes the payload's decoder for the ports xdpspy has one for (DNS, mDNS). A record
 * with headers only, or a port without a decoder here, prints the generic form.
 */
#include "addr.h"
#include "csum.h"
#include "dns.h"
#include "proto.h"
#include "pseudo.h"
#include "tunnel.h"
#include "udp.h"
#include "udpapp.h"
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

/*
 * -v's checksum verdict, before the payload's text: IPv6's always (its checksum is mandatory),
 * IPv4's from -vv on, as tcpdump 4.99.3 does; only when the whole datagram was captured, which
 * the record's bytes tell.
 */
static void put_cksum(const struct printer *pr, const struct pview *v, const uint8_t *p, uint32_t n,
		      uint32_t length, struct strbuf *sb)
{
	uint16_t field;
	uint16_t sum;

	if (!pr->o.vflag || pr->o.Kflag || v->fragmented || (!v->is6 && pr->o.vflag < 2))
		return;
	field = be16(v->ev->l4.udp.csum);
	if (!v->is6 && field == 0) {
		sb_puts(sb, "[no cksum] ");
		return;
	}
	if (!p || n < XS_UDP_HLEN + length)
		return;
	sum = l4_cksum(v, XS_IPPROTO_UDP, p, XS_UDP_HLEN + length);
	if (sum)
		sb_printf(sb, "[bad udp cksum 0x%04x -> 0x%04x!] ", field,
			  csum_shouldbe(field, sum));
	else
		sb_puts(sb, "[udp sum ok] ");
}

/* The payload's decoder by port, as udp_print() picks it; false when there is none here. */
static bool print_app(struct printer *pr, struct pview *v, const uint8_t *p, uint32_t n,
		      uint32_t length, struct strbuf *sb)
{
	uint16_t sport = be16(v->ev->l4.udp.sport), dport = be16(v->ev->l4.udp.dport);
	bool lost = false;
	struct cur c;

	if (!p || pr->o.qflag)
		return false;
	if (sport == XS_PORT_DNS || dport == XS_PORT_DNS || sport == XS_PORT_MDNS ||
	    dport == XS_PORT_MDNS) {
		print_dns(pr, p + XS_UDP_HLEN, n - XS_UDP_HLEN, length,
			  sport != XS_PORT_DNS && dport != XS_PORT_DNS, &lost, sb);
		v->lost = lost;
		return true;
	}
	c = cur_make(p + XS_UDP_HLEN, n - XS_UDP_HLEN);
	switch (print_udp_app(pr, v, sport, dport, &c, length, sb)) {
	case UDP_APP_PRINTED:
		return true;
	case UDP_APP_TUNNEL:
		return print_udp_tunnel(pr, v, sport, dport, p + XS_UDP_HLEN, n - XS_UDP_HLEN,
					length, sb);
	default:
		return false;
	}
}

void print_udp(struct printer *pr, struct pview *v, struct strbuf *sb)
{
	const struct xs_event *ev = v->ev;
	uint32_t avail = l4_captured(v), n = 0;
	uint32_t length = v->l4_len, ulen;
	const uint8_t *p = l4_bytes(v, &n);
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
	ulen -= XS_UDP_HLEN;
	length -= XS_UDP_HLEN;
	if (ulen < length)
		length = ulen;
	udp_addrs(pr, v, sb, sport, dport);
	if (avail < XS_UDP_HLEN) {
		put_trunc(sb, "udp");
		return;
	}
	put_cksum(pr, v, p, n, length, sb);
	if (print_app(pr, v, p, n, length, sb))
		return;
	if (ulen > length && !v->fragmented)
		sb_printf(sb, "UDP, bad length %u > %u", ulen, length);
	else
		sb_printf(sb, "UDP, length %u", ulen);
}

uint32_t udp_payload_reads(uint16_t port, int vflag)
{
	/* -v's checksum verdict (IPv6's; IPv4's from -vv) sums the whole datagram, on any port. */
	if (vflag || port == XS_PORT_DNS || port == XS_PORT_MDNS || udp_app_decodes(port))
		return UINT32_MAX;
	return 0;
}
