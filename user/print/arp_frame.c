// SPDX-License-Identifier: GPL-2.0-only
/*
 * ARP (RFC 826, RFC 903 RARP, RFC 2390 InARP) from the frame's bytes, as tcpdump 4.99.3's
 * arp_print() prints any hardware and protocol address sizes: the types and lengths when not
 * Ethernet/IPv4 or with -v, the addresses of each operation, "<wrong len>" for what it cannot
 * read as IPv4, and the hex of unknown operations. ATM ARP and frame relay's Q.922 addresses
 * are not decoded (their hardware types print as another's would).
 */
#include "addr.h"
#include "arp.h"
#include "dump.h"
#include "ether.h"
#include "ethertype_name.h"
#include "proto.h"
#include "tok.h"
#include "wire.h"

static const struct tok hrd_names[] = {
    {1, "Ethernet"},   {6, "TokenRing"}, {7, "ArcNet"},	     {15, "FrameRelay"}, {23, "Strip"},
    {24, "IEEE 1394"}, {19, "ATM"},	 {32, "InfiniBand"}, {0, NULL},
};

static const struct tok op_names[] = {
    {1, "Request"},	    {2, "Reply"},	  {3, "Reverse Request"}, {4, "Reverse Reply"},
    {8, "Inverse Request"}, {9, "Inverse Reply"}, {10, "NACK Reply"},	  {0, NULL},
};

struct arp {
	const struct printer *pr;
	const uint8_t *p;
	uint32_t hln, pln;
	uint16_t pro;
	struct strbuf *sb;
};

/* linkaddr_string(): a MAC address, "<empty>", or the bytes in hex joined by colons. */
static void put_linkaddr(const struct arp *a, uint32_t off)
{
	if (!a->hln) {
		sb_puts(a->sb, "<empty>");
	} else if (a->hln == 6) {
		put_mac(a->sb, a->p + off, TCPDUMP_499);
	} else {
		for (uint32_t i = 0; i < a->hln; i++)
			sb_printf(a->sb, i ? ":%02x" : "%02x", a->p[off + i]);
	}
}

/* tpaddr_print_ip(), spaddr_print_ip(). */
static void put_paddr(const struct arp *a, uint32_t off)
{
	if (a->pro != XS_ETH_P_IP && a->pro != 0x1000)
		sb_puts(a->sb, "<wrong proto type>");
	else if (a->pln != 4)
		sb_puts(a->sb, "<wrong len>");
	else
		put_host(a->pr, a->sb, a->p + off, 0);
}

static void put_op(const struct arp *a, uint16_t op)
{
	uint32_t sha = 8, spa = sha + a->hln, tha = spa + a->pln, tpa = tha + a->hln;
	bool nonzero = false;

	switch (op) {
	case 1:
		sb_puts(a->sb, "who-has ");
		put_paddr(a, tpa);
		for (uint32_t i = 0; i < a->hln; i++)
			nonzero |= a->p[tha + i] != 0;
		if (nonzero) {
			sb_puts(a->sb, " (");
			put_linkaddr(a, tha);
			sb_putc(a->sb, ')');
		}
		sb_puts(a->sb, " tell ");
		put_paddr(a, spa);
		return;
	case 2:
		put_paddr(a, spa);
		sb_puts(a->sb, " is-at ");
		put_linkaddr(a, sha);
		return;
	case 3:
	case 8:
		sb_puts(a->sb, "who-is ");
		put_linkaddr(a, tha);
		sb_puts(a->sb, " tell ");
		put_linkaddr(a, sha);
		return;
	default: /* 4, 9 */
		put_linkaddr(a, op == 4 ? tha : sha);
		sb_puts(a->sb, " at ");
		put_paddr(a, op == 4 ? tpa : spa);
		return;
	}
}

void print_arp_frame(const struct printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen,
		     struct strbuf *sb)
{
	struct arp a = {pr, p, 0, 0, 0, sb};
	uint16_t hrd, op;

	if (caplen < XS_ARP_HLEN) {
		put_trunc(sb, "arp");
		return;
	}
	hrd = rd16(p);
	a.pro = rd16(p + 2);
	a.hln = p[4];
	a.pln = p[5];
	op = rd16(p + 6);
	if (XS_ARP_HLEN + 2 * a.hln + 2 * a.pln > caplen) {
		put_trunc(sb, "arp");
		return;
	}
	if (!pr->o.eflag)
		sb_puts(sb, "ARP, ");
	if ((a.pro != XS_ETH_P_IP && a.pro != 0x1000) || a.pln != 4 || !a.hln || pr->o.vflag) {
		put_tok(sb, hrd_names, hrd, "Unknown Hardware (", ")");
		sb_printf(sb, " (len %u), ", a.hln);
		if (ethertype_name(a.pro))
			sb_puts(sb, ethertype_name(a.pro));
		else
			sb_printf(sb, "Unknown Protocol (0x%04x)", a.pro);
		sb_printf(sb, " (len %u)", a.pln);
		if (!pr->o.vflag) {
			sb_printf(sb, ", length %u", length);
			return;
		}
	}
	sb_puts(sb, pr->o.vflag ? ", " : "");
	put_tok(sb, op_names, op, "Unknown (", ")");
	sb_putc(sb, ' ');
	if (!tok_name(op_names, op) || op == 10) {
		print_dump(sb, DUMP_HEX_ASCII, p, caplen);
		return;
	}
	put_op(&a, op);
	sb_printf(sb, ", length %u", length);
}
