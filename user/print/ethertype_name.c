// SPDX-License-Identifier: GPL-2.0-only
/* The names tcpdump 4.99.3 gives ethertypes, for the link layer and SNAP (ethertype_name.h). */
#include "ethertype_name.h"
#include "proto.h"
#include "tok.h"

/* print-ether.c ethertype_values: the names 4.99 gives the types we can meet. */
static const struct tok ethertype_values[] = {
    {XS_ETH_P_IP, "IPv4"},
    {XS_ETH_P_ARP, "ARP"},
    {0x8035, "Reverse ARP"},
    {XS_ETH_P_IPV6, "IPv6"},
    {XS_ETH_P_8021Q, "802.1Q"},
    {XS_ETH_P_8021AD, "802.1Q-QinQ"},
    {XS_ETH_P_QINQ1, "802.1Q-9100"},
    {XS_ETH_P_QINQ2, "802.1Q-9200"},
    {0x88cc, "LLDP"},
    {0x8847, "MPLS unicast"},
    {0x8848, "MPLS multicast"},
    {0x8863, "PPPoE D"},
    {0x8864, "PPPoE S"},
    {0x888e, "EAPOL"},
    {0x88f7, "PTP"},
    {0x8809, "Slow Protocols"},
    {0x9000, "Loopback"},
    {0x88e5, "802.1AE MACsec"},
    {0x8137, "IPX"},
    {0x809b, "Appletalk"},
    {0x80f3, "Appletalk ARP"},
    {0x6003, "DN"},
    {XS_ETH_P_TEB, "TEB"},
    {0x880b, "PPP"},
    {0x1000, "Trail"},
    {0, NULL},
};

const char *ethertype_name(uint16_t type)
{
	return tok_name(ethertype_values, type);
}
