// SPDX-License-Identifier: GPL-2.0-only
/*
 * The cooked link layer (sll.h): the interface's name and the packet's direction before the
 * protocol, and with -e the cooked header (interface index, source address, protocol and the
 * cooked length: the Ethernet header's 14 bytes replaced by the cooked header's 20). libpcap
 * puts no VLAN tag back there: the tags left are the ones in the frame's bytes.
 */
#include "addr.h"
#include "ethertype_name.h"
#include "proto.h"
#include "sll.h"
#include "wire.h"

#define SLL2_HDR_LEN 20
#define LLC_802_3 0x0001 /* Novell raw 802.3 (sll_protocol_values) */
#define LLC_802_2 0x0004

/* sll_pkttype_values */
static const char *pkttype_name(uint8_t t)
{
	static const char *const names[] = {"In", "B", "M", "P", "Out"};

	return t < sizeof(names) / sizeof(names[0]) ? names[t] : "?";
}

static void put_padded(struct strbuf *sb, const char *s, unsigned width)
{
	unsigned n = 0;

	for (; s[n]; n++)
		sb_putc(sb, s[n]);
	for (; n < width; n++)
		sb_putc(sb, ' ');
	sb_putc(sb, ' ');
}

/* sll2_print: -e's cooked header. */
static void put_cooked_header(const struct printer *pr, const struct xs_event *ev, uint16_t type,
			      uint32_t length, struct strbuf *sb)
{
	const char *name = ethertype_name(type);

	sb_puts(sb, "ifindex ");
	sb_putu(sb, ev->ifindex);
	sb_putc(sb, ' ');
	put_mac(sb, ev->mac_src, TCPDUMP_499);
	sb_putc(sb, ' ');
	if (pr->o.qflag)
		return;
	if (type <= XS_ETH_MAX_LEN) {
		if (type == LLC_802_3 || type == LLC_802_2) {
			sb_puts(sb, type == LLC_802_3 ? "802.3" : "802.2");
		} else {
			sb_puts(sb, "ethertype Unknown (0x");
			sb_puthex(sb, type, 4);
			sb_putc(sb, ')');
		}
	} else {
		sb_puts(sb, "ethertype ");
		sb_puts(sb, name ? name : "Unknown");
		sb_puts(sb, " (0x");
		sb_puthex(sb, type, 4);
		sb_putc(sb, ')');
	}
	sb_puts(sb, ", length ");
	sb_putu(sb, length);
	sb_puts(sb, ": ");
}

/* Tags still in the frame's bytes: 802.1Q only, as sll2_if_print follows them. False when
 * the record ends in them. */
static bool vlans(const struct printer *pr, const struct pview *v, struct link *lk,
		  struct strbuf *sb)
{
	uint16_t tci, next;

	for (unsigned i = 0; lk->type == XS_ETH_P_8021Q; i++) {
		if (lk->caplen < XS_VLAN_HLEN || !ether_vlan_tag(v, i, &tci, &next)) {
			put_trunc(sb, "vlan");
			return false;
		}
		if (pr->o.eflag) {
			put_vlan_tci(sb, tci);
		}
		lk->type = next <= XS_ETH_MAX_LEN ? LLC_802_2 : next;
		if (!pr->o.qflag) {
			const char *name = ethertype_name(lk->type);

			sb_puts(sb, "ethertype ");
			sb_puts(sb, name ? name : "Unknown");
			sb_puts(sb, ", ");
		}
		lk->length -= XS_VLAN_HLEN;
		lk->caplen -= XS_VLAN_HLEN;
	}
	return true;
}

bool print_sll2(const struct printer *pr, const struct pview *v, struct link *lk, struct strbuf *sb)
{
	const struct xs_event *ev = v->ev;

	lk->type = be16(ev->etype[0]);
	lk->length = v->pkt->wire_len - XS_ETH_HLEN;
	lk->caplen = ev->cap_len - XS_ETH_HLEN;
	put_padded(sb, v->pkt->ifname, 5);
	put_padded(sb, pkttype_name(ev->pkt_type), 3);
	if (pr->o.eflag)
		put_cooked_header(pr, ev, lk->type, lk->length + SLL2_HDR_LEN, sb);
	if (!vlans(pr, v, lk, sb))
		return false;
	switch (lk->type) {
	case XS_ETH_P_IP:
	case XS_ETH_P_IPV6:
	case XS_ETH_P_ARP:
		return true;
	default:
		if (!pr->o.eflag)
			put_cooked_header(pr, ev, lk->type, lk->length + SLL2_HDR_LEN, sb);
		return false;
	}
}
