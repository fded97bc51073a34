// SPDX-License-Identifier: GPL-2.0-only
/*
 * What comes after the IP header (and, for IPv6, its extension headers), as tcpdump 4.99.3's
 * ip_demux_print() hands it on: AH headers (RFC 4302) one after the other, ESP (RFC 4303),
 * the transport printers, "no next header", or the protocol's name and length.
 */
#include "addr.h"
#include "demux.h"
#include "icmp.h"
#include "ipproto.h"
#include "proto.h"
#include "tcp.h"
#include "tok.h"
#include "tunnel.h"
#include "udp.h"
#include "wire.h"

/* tcpdump's ipproto_values. */
static const struct tok ipproto_values[] = {
    {XS_IPPROTO_HOPOPTS, "Options"},
    {XS_IPPROTO_ICMP, "ICMP"},
    {XS_IPPROTO_IGMP, "IGMP"},
    {4, "IPIP"},
    {XS_IPPROTO_TCP, "TCP"},
    {8, "EGP"},
    {9, "IGRP"},
    {XS_IPPROTO_UDP, "UDP"},
    {XS_IPPROTO_DCCP, "DCCP"},
    {41, "IPv6"},
    {XS_IPPROTO_ROUTING, "Routing"},
    {XS_IPPROTO_FRAGMENT, "Fragment"},
    {46, "RSVP"},
    {47, "GRE"},
    {XS_IPPROTO_ESP, "ESP"},
    {XS_IPPROTO_AH, "AH"},
    {55, "Mobile IP"},
    {XS_IPPROTO_ICMPV6, "ICMPv6"},
    {XS_IPPROTO_MOBILITY_OLD, "Mobile IP (old)"},
    {88, "EIGRP"},
    {89, "OSPF"},
    {103, "PIM"},
    {108, "Compressed IP"},
    {XS_IPPROTO_VRRP, "VRRP"}, /* CARP shares 112; the table names VRRP first */
    {113, "PGM"},
    {XS_IPPROTO_SCTP, "SCTP"},
    {XS_IPPROTO_MOBILITY, "Mobility"},
    {XS_IPPROTO_ETHERNET, "Ethernet"},
    {0, NULL},
};

const char *ipproto_name(uint8_t nh)
{
	const char *name = tok_name(ipproto_values, nh);

	return name ? name : "unknown";
}

bool upper_prints_addrs(uint8_t nh)
{
	return nh == XS_IPPROTO_TCP || nh == XS_IPPROTO_UDP || nh == XS_IPPROTO_SCTP ||
	       nh == XS_IPPROTO_DCCP;
}

void print_transport(struct printer *pr, struct pview *v, struct strbuf *sb)
{
	switch (v->ev->kind) {
	case XS_K_TCP:
		print_tcp(pr, v, TCPDUMP_499, sb);
		break;
	case XS_K_UDP:
		print_udp(pr, v, sb);
		break;
	case XS_K_ICMP:
		print_icmp(pr, v, sb);
		break;
	case XS_K_ICMP6:
		print_icmp6(pr, v, sb);
		break;
	default:
		put_proto(pr, sb, v->ev->l4_proto);
		sb_putc(sb, ' ');
		sb_putu(sb, v->l4_len);
		break;
	}
}

/* Where byte i after xoff stands: past tcpdump's snapshot, not held by us, or readable. */
enum at { AT_CUT, AT_GAP, AT_OK };

static enum at byte_at(const struct pview *v, uint32_t xoff, uint32_t i)
{
	if (i >= v->l4_avail)
		return AT_CUT;
	return (uint64_t)xoff + i < v->xcap ? AT_OK : AT_GAP;
}

/* Are bytes [i, i + n) after xoff readable? Else ends the record as tcpdump's GET_ does. */
static bool need(struct pview *v, uint32_t xoff, uint32_t i, uint32_t n, const char *proto,
		 struct strbuf *sb)
{
	enum at a = byte_at(v, xoff, i + n - 1);

	if (a == AT_OK)
		return true;
	put_trunc(sb, a == AT_CUT ? proto : v->is6 ? "ip6" : "ip");
	v->lost = true; /* tcpdump longjmps out of the record */
	return false;
}

/* print-ah.c ah_print; the header's length in bytes, 0 when the record ended. */
static uint32_t print_ah(const struct printer *pr, struct pview *v, uint32_t xoff,
			 struct strbuf *sb)
{
	const uint8_t *h = v->x + xoff;
	uint32_t hlen, i;

	sb_puts(sb, "AH");
	if (!need(v, xoff, 1, 1, "ah", sb))
		return 0;
	hlen = XS_AH_LEN(h[1]);
	sb_putc(sb, '(');
	if (pr->o.vflag)
		sb_printf(sb, "length=%u(%u-bytes),", h[1], hlen);
	if (!need(v, xoff, 2, 2, "ah", sb))
		return 0;
	if (rd16(h + 2))
		sb_printf(sb, "reserved=0x%x[MustBeZero],", rd16(h + 2));
	if (!need(v, xoff, 4, 4, "ah", sb))
		return 0;
	sb_printf(sb, "spi=0x%08x,", rd32(h + 4));
	if (!need(v, xoff, 8, 4, "ah", sb))
		return 0;
	sb_printf(sb, "seq=0x%x,", rd32(h + 8));
	sb_puts(sb, "icv=0x");
	for (i = 12; i < hlen; i++) {
		if (!need(v, xoff, i, 1, "ah", sb))
			return 0;
		sb_puthex(sb, h[i], 2);
	}
	sb_puts(sb, "): ");
	return hlen;
}

/* print-esp.c esp_print, without keys to decrypt with. */
static void print_esp(struct pview *v, uint32_t xoff, struct strbuf *sb)
{
	if (v->l4_avail <= 8) {
		put_trunc(sb, "esp");
		return;
	}
	if (!need(v, xoff, 0, 8, "esp", sb))
		return;
	sb_printf(sb, "ESP(spi=0x%08x,seq=0x%x), length %u", rd32(v->x + xoff),
		  rd32(v->x + xoff + 4), v->l4_len);
}

/* Does the event's transport layer start at byte xoff after the IP header, with protocol nh? */
static bool event_has(const struct pview *v, uint8_t nh, uint32_t xoff)
{
	const struct xs_event *ev = v->ev;
	uint32_t at = ev->l3_off + (v->is6 ? XS_IP6_HLEN : XS_IP4_HLEN) + xoff;

	return ev->l4_off == at && ev->l4_proto == nh;
}

static void requires(struct strbuf *sb, uint8_t nh, int version)
{
	sb_printf(sb, "[%s requires IPv%d] (invalid)", ipproto_name(nh), version);
}

static const struct {
	uint8_t nh;
	const char *proto; /* tcpdump's ndo_protocol, for " [|proto]" */
	ipproto_fn *print;
} ipproto_decoders[] = {
    {XS_IPPROTO_IGMP, "igmp", print_igmp}, {XS_IPPROTO_VRRP, "vrrp", print_vrrp},
    {XS_IPPROTO_SCTP, "sctp", print_sctp}, {XS_IPPROTO_OSPF, "ospf2", print_ospf},
    {XS_IPPROTO_DCCP, "dccp", print_dccp}, {XS_IPPROTO_PIM, "pim", print_pim},
};

/* The decoder of protocol nh at byte xoff of v->x, from the frame's bytes tcpdump has; false
 * when there is none, or no bytes (a live event without payload). */
static bool print_ipproto(struct printer *pr, struct pview *v, uint8_t nh, uint32_t xoff,
			  struct strbuf *sb)
{
	const struct pkt_info *pi = v->pkt;
	uint32_t at = v->ev->l3_off + (v->is6 ? XS_IP6_HLEN : XS_IP4_HLEN) + xoff;
	struct cur c;

	if (!pi || !pi->data || at > pi->cap_len)
		return false;
	c = cur_make(pi->data + at,
		     pi->cap_len - at < v->l4_avail ? pi->cap_len - at : v->l4_avail);
	for (size_t i = 0; i < sizeof(ipproto_decoders) / sizeof(ipproto_decoders[0]); i++) {
		if (ipproto_decoders[i].nh != nh)
			continue;
		if (!ipproto_decoders[i].print(pr, v, &c, v->l4_len, sb))
			return false;
		if (c.cut) {
			put_trunc(sb, c.proto ? c.proto : ipproto_decoders[i].proto);
			v->lost = true;
		}
		return true;
	}
	return false;
}

void ip_demux(struct printer *pr, struct pview *v, uint8_t nh, uint32_t xoff, struct strbuf *sb)
{
	for (;;) {
		uint32_t advance;
		uint8_t next;

		switch (nh) {
		case XS_IPPROTO_AH:
			if (!v->l4_avail) {
				put_trunc(sb, "ah");
				return;
			}
			if (byte_at(v, xoff, 0) != AT_OK) {
				need(v, xoff, 0, 1, "ah", sb);
				return;
			}
			next = v->x[xoff];
			advance = print_ah(pr, v, xoff, sb);
			if (!advance)
				return;
			/* tcpdump's unsigned arithmetic: a header longer than the packet wraps. */
			xoff += advance;
			v->l4_len -= advance;
			v->l4_avail = v->l4_avail > advance ? v->l4_avail - advance : 0;
			nh = next;
			continue;
		case XS_IPPROTO_ESP:
			print_esp(v, xoff, sb);
			return;
		case XS_IPPROTO_NONE:
			sb_puts(sb, "no next header");
			return;
		case XS_IPPROTO_ICMP:
			if (v->is6) {
				requires(sb, nh, 4);
				return;
			}
			break;
		case XS_IPPROTO_ICMPV6:
		case XS_IPPROTO_ETHERNET:
			if (!v->is6) {
				requires(sb, nh, 6);
				return;
			}
			break;
		case XS_IPPROTO_IGMP:
			if (v->is6) {
				requires(sb, nh, 4);
				return;
			}
			break;
		default:
			break;
		}
		break;
	}
	switch (nh) {
	case XS_IPPROTO_TCP:
	case XS_IPPROTO_UDP:
	case XS_IPPROTO_ICMP:
	case XS_IPPROTO_ICMPV6:
		/* The kernel parsed the transport header where tcpdump's walk ended, or not. */
		if (!event_has(v, nh, xoff)) {
			put_trunc(sb, v->is6 ? "ip6" : "ip");
			return;
		}
		print_transport(pr, v, sb);
		return;
	case XS_IPPROTO_IPIP:
	case XS_IPPROTO_IPV6:
	case XS_IPPROTO_GRE:
	case XS_IPPROTO_ETHERNET:
		if (print_ip_tunnel(pr, v, nh, xoff, sb))
			return;
		/* a record without the frame's bytes: as any protocol */
		__attribute__((fallthrough));
	default:
		if (print_ipproto(pr, v, nh, xoff, sb))
			return;
		put_proto(pr, sb, nh);
		sb_putc(sb, ' ');
		sb_putu(sb, v->l4_len);
		return;
	}
}
