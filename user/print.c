// SPDX-License-Identifier: GPL-2.0-only
/*
 * The record of one packet: time stamp, link layer and network layer, as tcpdump 4.99.3 prints
 * them (print.c, print-ether.c, print-ip.c, print-ip6.c); transport layers are in
 * print_tcp.c and print_other.c. tcpdump tracks two lengths per layer: what the headers say is
 * left ("length") and what was captured ("caplen", later its snapend); so do we.
 */
#include <arpa/inet.h>
#include <stdlib.h>

#include "proto.h"
#include "print/dump.h"
#include "print/classic.h"
#include "print/internal.h"

#define MAXIMUM_SNAPLEN 262144

struct printer *printer_new(const struct print_opts *opts)
{
	struct printer *pr = calloc(1, sizeof(*pr));

	if (!pr)
		return NULL;
	pr->o = *opts;
	timefmt_init(&pr->tf, opts->tflag, opts->nano);
	pr->seq4 = seq_table_new();
	pr->seq6 = seq_table_new();
	if (!opts->nflag)
		pr->names = names_new();
	if (!pr->seq4 || !pr->seq6 || (!opts->nflag && !pr->names)) {
		printer_free(pr);
		return NULL;
	}
	return pr;
}

void printer_free(struct printer *pr)
{
	if (!pr)
		return;
	seq_table_free(pr->seq4);
	seq_table_free(pr->seq6);
	names_free(pr->names);
	free(pr);
}

void put_host(struct printer *pr, struct strbuf *sb, const uint8_t *addr, int is6)
{
	if (pr->names) {
		sb_puts(sb, names_host(pr->names, addr, is6));
		return;
	}
	if (is6)
		sb_put_ip6(sb, addr);
	else
		sb_put_ip4(sb, addr);
}

void put_port(struct printer *pr, struct strbuf *sb, uint16_t port, int udp)
{
	const char *name = pr->names ? names_port(pr->names, port, udp) : NULL;

	if (name)
		sb_puts(sb, name);
	else
		sb_putu(sb, port);
}

void put_mac(struct strbuf *sb, const uint8_t *mac)
{
	for (int i = 0; i < 6; i++) {
		if (i)
			sb_putc(sb, ':');
		sb_puthex(sb, mac[i], 2);
	}
}

/* print-ether.c ethertype_values, the names tcpdump gives the types we can meet. */
static const char *ethertype_name(uint16_t type)
{
	switch (type) {
	case 0x0800:
		return "IPv4";
	case 0x0806:
		return "ARP";
	case 0x8035:
		return "Reverse ARP";
	case 0x86dd:
		return "IPv6";
	case 0x8100:
		return "802.1Q";
	case 0x88a8:
		return "802.1Q-QinQ";
	case 0x9100:
		return "802.1Q-9100";
	case 0x9200:
		return "802.1Q-9200";
	case 0x88cc:
		return "LLDP";
	case 0x8847:
		return "MPLS unicast";
	case 0x8848:
		return "MPLS multicast";
	case 0x8863:
		return "PPPoE D";
	case 0x8864:
		return "PPPoE S";
	case 0x888e:
		return "EAPOL";
	case 0x88f7:
		return "PTP";
	case 0x8809:
		return "Slow Protocols";
	case 0x9000:
		return "Loopback";
	case 0x88e5:
		return "802.1AE MACsec";
	case 0x8137:
		return "IPX";
	case 0x809b:
		return "Appletalk";
	case 0x80f3:
		return "Appletalk ARP";
	case 0x6003:
		return "DNET";
	default:
		return NULL;
	}
}

static void put_ethertype(struct printer *pr, struct strbuf *sb, uint16_t type)
{
	const char *name = ethertype_name(type);

	if (pr->o.qflag) {
		if (name) {
			sb_puts(sb, name);
		} else {
			sb_puts(sb, "Unknown Ethertype (0x");
			sb_puthex(sb, type, 4);
			sb_putc(sb, ')');
		}
		return;
	}
	sb_puts(sb, "ethertype ");
	sb_puts(sb, name ? name : "Unknown");
	sb_puts(sb, " (0x");
	sb_puthex(sb, type, 4);
	sb_putc(sb, ')');
}

static int is_vlan_type(uint16_t type)
{
	return type == 0x8100 || type == 0x88a8 || type == 0x9100 || type == 0x9200;
}

/* The IPv4 or IPv6 address of the event, as the view needs them. */
void view_init(struct pview *v, const struct xs_event *ev)
{
	v->ev = ev;
	v->is6 = (ev->flags & XS_F_IP6) != 0;
	v->saddr = ev->var;
	v->daddr = ev->var + (v->is6 ? 16 : 4);
	v->tail = ev->var + xs_addr_len(ev);
	v->l3x = v->tail + XS_MAX_OPT;
	v->x = v->l3x;
	v->xcap = ev->l3x_cap;
	v->fragmented = 0;
}

void view_init_frame(const struct printer *pr, struct pview *v, const struct xs_event *ev)
{
	const struct pkt_info *pi = pr->pkt;
	uint32_t start = ev->l3_off + (ev->flags & XS_F_IP6 ? 40u : 20u);

	view_init(v, ev);
	if (!(ev->flags & XS_F_HDRS) || !pi || !pi->data)
		return;
	v->x = pi->data + start;
	v->xcap = pi->cap_len > start ? pi->cap_len - start : 0;
}

void put_addr_pair(struct printer *pr, const struct pview *v, struct strbuf *sb)
{
	put_host(pr, sb, v->saddr, v->is6);
	sb_puts(sb, " > ");
	put_host(pr, sb, v->daddr, v->is6);
}

/* " tcp" with names, " ip-proto-6" without (print-ip.c). */
void put_proto(struct printer *pr, struct strbuf *sb, uint8_t proto)
{
	const char *name = pr->names ? names_proto(pr->names, proto) : NULL;

	if (name) {
		sb_putc(sb, ' ');
		sb_puts(sb, name);
	} else {
		sb_puts(sb, " ip-proto-");
		sb_putu(sb, proto);
	}
}

void demux(struct printer *pr, struct pview *v, struct strbuf *sb)
{
	switch (v->ev->kind) {
	case XS_K_TCP:
		print_tcp(pr, v, sb);
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

int upper_prints_addrs(uint8_t nh)
{
	/* TCP, UDP, SCTP and DCCP print the addresses with their ports. */
	return nh == 6 || nh == 17 || nh == 132 || nh == 33;
}

/* tcpdump's ipproto_values: the name -v prints for an IP protocol number. */
const char *ipproto_name(uint8_t nh)
{
	switch (nh) {
	case 0:
		return "Options";
	case 1:
		return "ICMP";
	case 2:
		return "IGMP";
	case 4:
		return "IPIP";
	case 6:
		return "TCP";
	case 8:
		return "EGP";
	case 9:
		return "IGRP";
	case 17:
		return "UDP";
	case 33:
		return "DCCP";
	case 41:
		return "IPv6";
	case 43:
		return "Routing";
	case 44:
		return "Fragment";
	case 46:
		return "RSVP";
	case 47:
		return "GRE";
	case 50:
		return "ESP";
	case 51:
		return "AH";
	case 55:
		return "Mobile IP";
	case 58:
		return "ICMPv6";
	case 62:
		return "Mobile IP (old)";
	case 88:
		return "EIGRP";
	case 89:
		return "OSPF";
	case 103:
		return "PIM";
	case 108:
		return "Compressed IP";
	case 112:
		return "VRRP"; /* CARP shares 112; the table names VRRP first */
	case 113:
		return "PGM";
	case 132:
		return "SCTP";
	case 135:
		return "Mobility";
	default:
		return "unknown";
	}
}

/*
 * VLAN tag i: its TCI and the type after it, from the event or, past the tags it holds, from
 * the frame's bytes (XS_F_HDRS). False when neither has it.
 */
static bool vlan_tag(const struct printer *pr, const struct xs_event *ev, unsigned i, uint16_t *tci,
		     uint16_t *next)
{
	const struct pkt_info *pi = pr->pkt;

	if (i < ev->nvlan) {
		*tci = be16(ev->vlan_tci[i]);
		*next = be16(ev->etype[i + 1]);
		return true;
	}
	if (!(ev->flags & XS_F_HDRS) || !pi || !pi->data || 18 + 4 * i > pi->cap_len)
		return false;
	*tci = rd16(pi->data + 14 + 4 * (size_t)i);
	*next = rd16(pi->data + 16 + 4 * (size_t)i);
	return true;
}

/* print-ether.c ether_common_print. */
static void print_ether(struct printer *pr, const struct xs_event *ev, uint32_t length,
			struct strbuf *sb)
{
	uint32_t caplen = ev->cap_len, orig = length;
	uint16_t type, tci, next;
	bool printed_length = false;
	unsigned i;

	if (caplen < 14 || length < 14 || ev->kind == XS_K_SHORT) {
		put_trunc(sb, "ether");
		return;
	}
	if (pr->o.eflag) {
		put_mac(sb, ev->mac_src);
		sb_puts(sb, " > ");
		put_mac(sb, ev->mac_dst);
		sb_puts(sb, ", ");
	}
	length -= 14;
	caplen -= 14;
	type = be16(ev->etype[0]);
	for (i = 0; is_vlan_type(type); i++) {
		if (caplen < 4 || length < 4 || !vlan_tag(pr, ev, i, &tci, &next)) {
			put_trunc(sb, "vlan");
			return;
		}
		if (pr->o.eflag) {
			put_ethertype(pr, sb, type);
			if (!printed_length) {
				sb_puts(sb, ", length ");
				sb_putu(sb, orig);
				sb_puts(sb, ": ");
				printed_length = true;
			} else {
				sb_puts(sb, ", ");
			}
			sb_puts(sb, "vlan ");
			sb_putu(sb, tci & 0xfff);
			sb_puts(sb, ", p ");
			sb_putu(sb, tci >> 13);
			if (tci & 0x1000)
				sb_puts(sb, ", DEI");
			sb_puts(sb, ", ");
		}
		type = next;
		length -= 4;
		caplen -= 4;
	}
	if (type <= 1500) {
		/* An 802.3 length field and an LLC header, which the kernel does not follow. */
		if (pr->o.eflag) {
			sb_puts(sb, "802.3");
			if (!printed_length) {
				sb_puts(sb, ", length ");
				sb_putu(sb, type < length ? type : length);
				sb_puts(sb, ": ");
			}
		}
		sb_puts(sb, "LLC");
		return;
	}
	if (pr->o.eflag) {
		put_ethertype(pr, sb, type);
		if (!printed_length) {
			sb_puts(sb, ", length ");
			sb_putu(sb, orig);
			sb_puts(sb, ": ");
		} else {
			sb_puts(sb, ", ");
		}
	}
	switch (type) {
	case 0x0800:
		print_ip4(pr, ev, length, caplen, sb);
		return;
	case 0x86dd:
		print_ip6(pr, ev, length, caplen, sb);
		return;
	case 0x0806:
		print_arp(pr, ev, length, caplen, sb);
		return;
	default:
		if (!pr->o.eflag) {
			put_mac(sb, ev->mac_src);
			sb_puts(sb, " > ");
			put_mac(sb, ev->mac_dst);
			sb_puts(sb, ", ");
			put_ethertype(pr, sb, type);
			sb_puts(sb, ", length ");
			sb_putu(sb, orig);
			sb_puts(sb, ": ");
		}
		return;
	}
}

/* print.c pretty_print_packet's sanity checks; true when the record ends there. */
static bool print_invalid_header(const struct pkt_info *pi, struct strbuf *sb)
{
	bool bad = false;

	if (pi->cap_len == 0) {
		bad = true;
		sb_puts(sb, "[Invalid header: caplen==0");
	}
	if (pi->wire_len == 0 || pi->wire_len < pi->cap_len) {
		sb_puts(sb, bad ? "," : "[Invalid header:");
		bad = true;
		if (pi->wire_len == 0) {
			sb_puts(sb, " len==0");
		} else {
			sb_printf(sb, " len(%u) < caplen(%u)", pi->wire_len, pi->cap_len);
		}
	}
	if (pi->cap_len > MAXIMUM_SNAPLEN) {
		sb_puts(sb, bad ? "," : "[Invalid header:");
		bad = true;
		sb_printf(sb, " caplen(%u) > %u", pi->cap_len, MAXIMUM_SNAPLEN);
	}
	if (pi->wire_len > MAXIMUM_SNAPLEN) {
		sb_puts(sb, bad ? "," : "[Invalid header:");
		bad = true;
		sb_printf(sb, " len(%u) > %u", pi->wire_len, MAXIMUM_SNAPLEN);
	}
	if (bad)
		sb_puts(sb, "]\n");
	return bad;
}

/* -x, -X, -A and their doubles: tcpdump's choice of dump and of where it starts. */
static void put_dump(struct printer *pr, const struct xs_event *ev, const struct pkt_info *pi,
		     struct strbuf *sb)
{
	const struct print_opts *o = &pr->o;
	enum dump_kind kind = o->Xflag ? DUMP_HEX_ASCII : o->xflag ? DUMP_HEX : DUMP_ASCII;
	int count = o->Xflag ? o->Xflag : o->xflag ? o->xflag : o->Aflag;
	uint32_t start = ev->l3_off; /* the link-layer header's end, VLAN tags included */

	/* Cut inside the link-layer header (VLAN tags included): tcpdump counts all of it as that
	 * header, and dumps nothing. */
	if (ev->kind == XS_K_SHORT || ev->stop == XS_S_VLAN || pi->cap_len < start)
		return;
	if (count > 1 || pr->lost)
		start = 0;
	print_dump(sb, kind, pi->data + start, pi->cap_len - start);
}

void print_packet(struct printer *pr, const struct xs_event *ev, const struct pkt_info *pi,
		  struct strbuf *sb)
{
	pr->count++;
	if (pr->o.number) {
		sb_printf(sb, "%5u  ", pr->count);
	}
	if (pr->o.json) {
		print_json(pr, ev, pi, sb);
		return;
	}
	if (print_invalid_header(pi, sb))
		return;
	pr->pkt = pi;
	pr->lost = false;
	if (pr->o.classic) {
		print_classic(pr, ev, pi, sb);
		return;
	}
	timefmt_print(&pr->tf, sb, pi->sec, pi->frac);
	print_ether(pr, ev, pi->wire_len, sb);
	if (pi->data && (pr->o.xflag || pr->o.Xflag || pr->o.Aflag))
		put_dump(pr, ev, pi, sb);
	sb_putc(sb, '\n');
}
