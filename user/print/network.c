// SPDX-License-Identifier: GPL-2.0-only
/* The network layer an ethertype names (network.h). */
#include "arp.h"
#include "classic.h"
#include "ethertype.h"
#include "ip4.h"
#include "ip6.h"
#include "network.h"
#include "proto.h"
#include "tunnel.h"

bool network_knows(uint16_t type, enum dialect d)
{
	switch (type) {
	case XS_ETH_P_IP:
	case XS_ETH_P_IPV6:
	case XS_ETH_P_ARP:
		return true;
	case XS_ETH_P_MPLS_UC:
	case XS_ETH_P_MPLS_MC:
	case XS_ETH_P_PPPOE_DISC:
	case XS_ETH_P_PPPOE_SES:
		return d == TCPDUMP_499;
	default:
		return false;
	}
}

void print_network(struct printer *pr, struct pview *v, const struct link *lk, enum dialect d,
		   struct strbuf *sb)
{
	switch (network_knows(lk->type, d) ? lk->type : 0) {
	case XS_ETH_P_IP:
		if (d == TCPDUMP_372)
			classic_ip4(pr, v, lk->length, lk->caplen, sb);
		else
			print_ip4(pr, v, lk->length, lk->caplen, sb);
		return;
	case XS_ETH_P_IPV6:
		if (d == TCPDUMP_372)
			classic_ip6(pr, v, lk->length, lk->caplen, sb);
		else
			print_ip6(pr, v, lk->length, lk->caplen, d, sb);
		return;
	case XS_ETH_P_ARP:
		print_arp(pr, v, lk->length, lk->caplen, sb);
		return;
	case XS_ETH_P_MPLS_UC:
	case XS_ETH_P_MPLS_MC:
	case XS_ETH_P_PPPOE_DISC:
	case XS_ETH_P_PPPOE_SES:
		if (print_link_tunnel(pr, v, lk, sb))
			return;
		break;
	default:
		break;
	}
	if (d == TCPDUMP_372)
		print_ether_unknown(pr, v, lk->type, v->pkt->wire_len, d, sb);
	else
		print_ethertype(pr, v, lk, sb);
}
