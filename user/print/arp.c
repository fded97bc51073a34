// SPDX-License-Identifier: GPL-2.0-only
/*
 * ARP (RFC 826), as tcpdump 4.99.3 prints it from the event, which holds Ethernet/IPv4 ARP
 * whole; anything else prints the generic form. With the frame's bytes, arp_frame.c prints
 * every form.
 */
#include "addr.h"
#include "arp.h"
#include "proto.h"
#include "tok.h"
#include "wire.h"

static const struct tok arpop_values[] = {
    {XS_ARPOP_REQUEST, "Request"},
    {XS_ARPOP_REPLY, "Reply"},
    {XS_ARPOP_RREQUEST, "Reverse Request"},
    {XS_ARPOP_RREPLY, "Reverse Reply"},
    {8, "Inverse Request"},
    {9, "Inverse Reply"},
    {10, "NACK Reply"},
    {0, NULL},
};

/* The addresses after the fixed header: sender MAC, sender IP, target MAC, target IP. */
enum { SHA = 0, SPA = 6, THA = 10, TPA = 16 };

/* Not Ethernet/IPv4: the hardware and protocol types and their address lengths. */
static void put_other(const struct xs_event *ev, struct strbuf *sb)
{
	uint16_t hrd = be16(ev->l4.arp.htype), pro = be16(ev->l4.arp.ptype);

	if (hrd == XS_ARPHRD_ETHER)
		sb_puts(sb, "Ethernet");
	else
		sb_printf(sb, "Unknown Hardware (%u)", hrd);
	sb_printf(sb, " (len %u), ", ev->l4.arp.hlen);
	if (pro == XS_ETH_P_IP)
		sb_puts(sb, "IPv4");
	else
		sb_printf(sb, "Unknown Protocol (0x%04x)", pro);
	sb_printf(sb, " (len %u)", ev->l4.arp.plen);
}

/* What each operation says of the addresses. */
static void put_op(const struct printer *pr, const uint8_t *a, uint16_t op, struct strbuf *sb)
{
	bool zero_tha = true;

	for (int i = THA; i < THA + 6; i++)
		if (a[i])
			zero_tha = false;
	switch (op) {
	case XS_ARPOP_REQUEST:
		sb_puts(sb, "who-has ");
		put_host(pr, sb, a + TPA, 0);
		if (!zero_tha) {
			sb_puts(sb, " (");
			put_mac(sb, a + THA, TCPDUMP_499);
			sb_putc(sb, ')');
		}
		sb_puts(sb, " tell ");
		put_host(pr, sb, a + SPA, 0);
		break;
	case XS_ARPOP_REPLY:
		put_host(pr, sb, a + SPA, 0);
		sb_puts(sb, " is-at ");
		put_mac(sb, a + SHA, TCPDUMP_499);
		break;
	case XS_ARPOP_RREQUEST:
		sb_puts(sb, "who-is ");
		put_mac(sb, a + THA, TCPDUMP_499);
		sb_puts(sb, " tell ");
		put_mac(sb, a + SHA, TCPDUMP_499);
		break;
	case XS_ARPOP_RREPLY:
		put_mac(sb, a + THA, TCPDUMP_499);
		sb_puts(sb, " at ");
		put_host(pr, sb, a + TPA, 0);
		break;
	default:
		break;
	}
}

void print_arp(const struct printer *pr, const struct pview *v, uint32_t length, uint32_t caplen,
	       struct strbuf *sb)
{
	const struct xs_event *ev = v->ev;
	uint16_t op = be16(ev->l4.arp.op);
	const struct pkt_info *pi = v->pkt;

	if (pi && pi->data && pi->cap_len >= ev->l3_off) {
		print_arp_frame(pr, pi->data + ev->l3_off, length, pi->cap_len - ev->l3_off, sb);
		return;
	}
	if (ev->l4_cap < XS_ARP_HLEN || caplen < XS_ARP_HLEN + XS_ARP_ETH_IP_LEN ||
	    ev->l4x_len < XS_ARP_ETH_IP_LEN) {
		put_trunc(sb, "arp");
		return;
	}
	if (!pr->o.eflag)
		sb_puts(sb, "ARP, ");
	if (be16(ev->l4.arp.ptype) != XS_ETH_P_IP || ev->l4.arp.plen != 4 || ev->l4.arp.hlen != 6 ||
	    be16(ev->l4.arp.htype) != XS_ARPHRD_ETHER) {
		put_other(ev, sb);
	} else {
		put_tok(sb, arpop_values, op, "Unknown (", ")");
		sb_putc(sb, ' ');
		put_op(pr, ev->var, op, sb);
	}
	sb_puts(sb, ", length ");
	sb_putu(sb, length);
}
