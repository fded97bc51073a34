// SPDX-License-Identifier: GPL-2.0-only
/*
 * -i any: tcpdump 4.99.3 prints a cooked capture (LINUX_SLL2, print-sll.c sll2_if_print): the
 * interface's name and the packet's direction before the protocol, and with -e the cooked
 * header (interface index, source address, protocol and the cooked length, the Ethernet
 * header's 14 bytes replaced by the cooked header's 20). libpcap puts no VLAN tag back there:
 * the tags left are the ones in the frame's bytes.
 */
#include "print_internal.h"

#define SLL2_HDR_LEN 20
#define ETH_HDR_LEN 14

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
static void put_cooked_header(struct printer *pr, const struct xs_event *ev, uint16_t type,
			      uint32_t length, struct strbuf *sb)
{
	const char *name = ethertype_name(type);

	sb_puts(sb, "ifindex ");
	sb_putu(sb, ev->ifindex);
	sb_putc(sb, ' ');
	put_mac(sb, ev->mac_src);
	sb_putc(sb, ' ');
	if (pr->o.qflag)
		return;
	if (type <= 1500) {
		sb_puts(sb, type == 0x0001   ? "802.3"
			    : type == 0x0004 ? "802.2"
					     : "ethertype Unknown");
		if (type != 0x0001 && type != 0x0004) {
			sb_puts(sb, " (0x");
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

void print_sll2(struct printer *pr, const struct xs_event *ev, const struct pkt_info *pi,
		struct strbuf *sb)
{
	uint32_t length = pi->wire_len - ETH_HDR_LEN, caplen = ev->cap_len - ETH_HDR_LEN;
	uint16_t type = be16(ev->etype[0]), tci, next;
	unsigned i;

	put_padded(sb, pi->ifname, 5);
	put_padded(sb, pkttype_name(ev->pkt_type), 3);
	if (pr->o.eflag)
		put_cooked_header(pr, ev, type, length + SLL2_HDR_LEN, sb);
	/* Tags still in the frame's bytes: 802.1Q only, as sll2_if_print follows them. */
	for (i = 0; type == 0x8100; i++) {
		if (caplen < 4 || !vlan_tag(pr, ev, i, &tci, &next)) {
			put_trunc(sb, "vlan");
			return;
		}
		if (pr->o.eflag) {
			sb_puts(sb, "vlan ");
			sb_putu(sb, tci & 0xfff);
			sb_puts(sb, ", p ");
			sb_putu(sb, tci >> 13);
			if (tci & 0x1000)
				sb_puts(sb, ", DEI");
			sb_puts(sb, ", ");
		}
		type = next <= 1500 ? 0x0004 : next;
		if (!pr->o.qflag) {
			const char *name = ethertype_name(type);

			sb_puts(sb, "ethertype ");
			sb_puts(sb, name ? name : "Unknown");
			sb_puts(sb, ", ");
		}
		length -= 4;
		caplen -= 4;
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
		if (!pr->o.eflag)
			put_cooked_header(pr, ev, type, length + SLL2_HDR_LEN, sb);
		return;
	}
}
