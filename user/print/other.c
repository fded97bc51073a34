// SPDX-License-Identifier: GPL-2.0-only
/*
 * One-liners for what is not TCP: UDP (RFC 768), ICMP echo (RFC 792), ICMPv6 echo and
 * neighbour discovery (RFC 4443, 4861) and ARP (RFC 826), as tcpdump 4.99.3 prints them when
 * it has no application decoder to run. What needs payload (DNS over UDP, the packet quoted in
 * an ICMP error) is not in the event; those print the generic form (README: differences).
 */
#include "internal.h"

static void udp_addrs(struct printer *pr, const struct pview *v, struct strbuf *sb, int sport,
		      int dport)
{
	if (v->ev->ip_proto == 17) {
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

void print_udp(struct printer *pr, const struct pview *v, struct strbuf *sb)
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
	if (length < 8) {
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
	if (ulen < 8) {
		udp_addrs(pr, v, sb, sport, dport);
		sb_puts(sb, "truncated-udplength ");
		sb_putu(sb, ulen);
		return;
	}
	udp_addrs(pr, v, sb, sport, dport);
	sb_puts(sb, "UDP, length ");
	sb_putu(sb, ulen - 8);
}

static const char *icmp_name(uint8_t type)
{
	switch (type) {
	case 0:
		return "echo reply";
	case 3:
		return "unreachable";
	case 4:
		return "source quench";
	case 5:
		return "redirect";
	case 8:
		return "echo request";
	case 9:
		return "router advertisement";
	case 10:
		return "router solicitation";
	case 11:
		return "time exceeded";
	case 12:
		return "parameter problem";
	case 13:
		return "time stamp request";
	case 14:
		return "time stamp reply";
	case 15:
		return "information request";
	case 16:
		return "information reply";
	case 17:
		return "address mask request";
	case 18:
		return "address mask reply";
	default:
		return NULL;
	}
}

void print_icmp(struct printer *pr, const struct pview *v, struct strbuf *sb)
{
	const struct xs_event *ev = v->ev;
	uint32_t avail = l4_captured(v);
	uint8_t type = ev->l4.icmp.type;
	const char *name;

	(void)pr;
	if (avail < 1 || ((type == 0 || type == 8) && avail < 8)) {
		put_trunc(sb, "icmp");
		return;
	}
	sb_puts(sb, "ICMP ");
	if (type == 0 || type == 8) {
		sb_puts(sb, type == 8 ? "echo request" : "echo reply");
		sb_puts(sb, ", id ");
		sb_putu(sb, be16(ev->l4.icmp.id));
		sb_puts(sb, ", seq ");
		sb_putu(sb, be16(ev->l4.icmp.seq));
	} else if ((name = icmp_name(type))) {
		sb_puts(sb, name);
	} else {
		sb_puts(sb, "type-#");
		sb_putu(sb, type);
	}
	sb_puts(sb, ", length ");
	sb_putu(sb, v->l4_len);
}

static const char *icmp6_name(uint8_t type)
{
	switch (type) {
	case 1:
		return "destination unreachable";
	case 2:
		return "packet too big";
	case 3:
		return "time exceeded in-transit";
	case 4:
		return "parameter problem";
	case 128:
		return "echo request";
	case 129:
		return "echo reply";
	case 130:
		return "multicast listener query";
	case 131:
		return "multicast listener report";
	case 132:
		return "multicast listener done";
	case 133:
		return "router solicitation";
	case 134:
		return "router advertisement";
	case 135:
		return "neighbor solicitation";
	case 136:
		return "neighbor advertisement";
	case 137:
		return "redirect";
	case 143:
		return "multicast listener report v2";
	default:
		return NULL;
	}
}

void print_icmp6(struct printer *pr, const struct pview *v, struct strbuf *sb)
{
	const struct xs_event *ev = v->ev;
	uint32_t avail = l4_captured(v);
	uint8_t type = ev->l4.icmp.type;
	const char *name = icmp6_name(type);

	if (avail < 1) {
		put_trunc(sb, "icmp6");
		return;
	}
	sb_puts(sb, "ICMP6, ");
	if (name) {
		sb_puts(sb, name);
	} else {
		sb_puts(sb, "unknown icmp6 type (");
		sb_putu(sb, type);
		sb_putc(sb, ')');
	}
	if (type == 128 || type == 129) {
		if (avail < 8) {
			put_trunc(sb, "icmp6");
			return;
		}
		sb_puts(sb, ", id ");
		sb_putu(sb, be16(ev->l4.icmp.id));
		sb_puts(sb, ", seq ");
		sb_putu(sb, be16(ev->l4.icmp.seq));
	} else if (type == 135 || type == 136) {
		if (v->l4_avail < 24 || ev->l4x_len < 16) {
			put_trunc(sb, "icmp6");
			return;
		}
		sb_puts(sb, type == 135 ? ", who has " : ", tgt is ");
		put_host(pr, sb, v->tail, 1);
	}
	sb_puts(sb, ", length ");
	sb_putu(sb, v->l4_len);
}

static const char *arp_op_name(uint16_t op)
{
	switch (op) {
	case 1:
		return "Request";
	case 2:
		return "Reply";
	case 3:
		return "Reverse Request";
	case 4:
		return "Reverse Reply";
	case 8:
		return "Inverse Request";
	case 9:
		return "Inverse Reply";
	case 10:
		return "NACK Reply";
	default:
		return NULL;
	}
}

void print_arp(struct printer *pr, const struct xs_event *ev, uint32_t length, uint32_t caplen,
	       struct strbuf *sb)
{
	const uint8_t *a = ev->var; /* sender MAC, sender IP, target MAC, target IP */
	uint16_t hrd = be16(ev->l4.arp.htype), pro = be16(ev->l4.arp.ptype);
	uint16_t op = be16(ev->l4.arp.op);
	const char *opname;
	bool zero_tha = true;

	/* Only Ethernet/IPv4 ARP is copied whole; anything else prints the generic form. */
	if (ev->l4_cap < 8 || caplen < 28 || ev->l4x_len < 20) {
		put_trunc(sb, "arp");
		return;
	}
	if (!pr->o.eflag)
		sb_puts(sb, "ARP, ");
	if (pro != 0x0800 || ev->l4.arp.plen != 4 || ev->l4.arp.hlen != 6 || hrd != 1) {
		if (hrd == 1)
			sb_puts(sb, "Ethernet");
		else
			sb_printf(sb, "Unknown Hardware (%u)", hrd);
		sb_printf(sb, " (len %u), ", ev->l4.arp.hlen);
		if (pro == 0x0800)
			sb_puts(sb, "IPv4");
		else
			sb_printf(sb, "Unknown Protocol (0x%04x)", pro);
		sb_printf(sb, " (len %u)", ev->l4.arp.plen);
		goto out;
	}
	opname = arp_op_name(op);
	if (opname)
		sb_puts(sb, opname);
	else
		sb_printf(sb, "Unknown (%u)", op);
	sb_putc(sb, ' ');
	for (int i = 10; i < 16; i++)
		if (a[i])
			zero_tha = false;
	switch (op) {
	case 1:
		sb_puts(sb, "who-has ");
		put_host(pr, sb, a + 16, 0);
		if (!zero_tha) {
			sb_puts(sb, " (");
			put_mac(sb, a + 10);
			sb_putc(sb, ')');
		}
		sb_puts(sb, " tell ");
		put_host(pr, sb, a + 6, 0);
		break;
	case 2:
		put_host(pr, sb, a + 6, 0);
		sb_puts(sb, " is-at ");
		put_mac(sb, a);
		break;
	case 3:
		sb_puts(sb, "who-is ");
		put_mac(sb, a + 10);
		sb_puts(sb, " tell ");
		put_mac(sb, a);
		break;
	case 4:
		put_mac(sb, a + 10);
		sb_puts(sb, " at ");
		put_host(pr, sb, a + 16, 0);
		break;
	default:
		break;
	}
out:
	sb_puts(sb, ", length ");
	sb_putu(sb, length);
}
