// SPDX-License-Identifier: GPL-2.0-only
/*
 * The ethertypes past IPv4, IPv6 and ARP (print-ether.c ethertype_print): a table of the
 * decoders xdpspy has, RARP to the ARP printer, and for a type tcpdump does not know the
 * addresses, the type and the raw bytes. A type tcpdump decodes and xdpspy does not prints
 * as an unknown one would.
 */
#include "arp.h"
#include "ethertype.h"
#include "proto.h"

struct ethertype_decoder {
	uint16_t type;
	const char *proto; /* tcpdump's ndo_protocol, for " [|proto]" */
	void (*print)(const struct printer *pr, struct cur *c, uint32_t length, struct strbuf *sb);
};

static const struct ethertype_decoder decoders[] = {
    {XS_ETH_P_LOOPBACK, "loopback", print_loopback},
    {XS_ETH_P_SLOW, "slow", print_slow},
    {XS_ETH_P_EAPOL, "eap", print_eapol},
    {XS_ETH_P_LLDP, "lldp", print_lldp},
    {XS_ETH_P_DN, "decnet", print_decnet},
    {XS_ETH_P_PTP, "ptp", print_ptp},
};

void print_ethertype(const struct printer *pr, struct pview *v, const struct link *lk,
		     struct strbuf *sb)
{
	uint32_t caplen = 0;
	const uint8_t *p = link_payload(v, lk, &caplen);
	struct cur c;

	if (!p) {
		print_ether_unknown(pr, v, lk->type, v->pkt->wire_len, TCPDUMP_499, sb);
		return;
	}
	if (lk->type == XS_ETH_P_RARP) {
		print_arp_frame(pr, p, lk->length, caplen, sb);
		return;
	}
	c = cur_make(p, caplen);
	for (size_t i = 0; i < sizeof(decoders) / sizeof(decoders[0]); i++) {
		if (decoders[i].type != lk->type)
			continue;
		decoders[i].print(pr, &c, lk->length, sb);
		if (c.cut) {
			put_trunc(sb, decoders[i].proto);
			v->lost = true;
		}
		return;
	}
	print_ether_unknown(pr, v, lk->type, v->pkt->wire_len, TCPDUMP_499, sb);
	print_dump(sb, DUMP_HEX_ASCII, p, caplen);
}
