/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The protocol numbers xdpspy reads frames by, defined once for the BPF programs, the parser
 * and the printer: ethertypes, IP protocols, header sizes, fragment fields, TCP flags and the
 * option kinds the printers name. Host order; XS_BE16() gives a constant in network order, for
 * comparing raw loads without swapping. Numbers only: what tcpdump calls them lives with the
 * printers' tables.
 */
#ifndef XDPSPY_PROTO_H
#define XDPSPY_PROTO_H

#include <linux/types.h>

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define XS_BE16(x) ((__u16)((((x)&0xff) << 8) | (((x) >> 8) & 0xff)))
#else
#define XS_BE16(x) ((__u16)(x))
#endif

/* Ethertypes (IEEE 802.3 type field; a value up to XS_ETH_MAX_LEN is an 802.3 length). */
#define XS_ETH_P_IP 0x0800
#define XS_ETH_P_ARP 0x0806
#define XS_ETH_P_IPV6 0x86dd
#define XS_ETH_P_8021Q 0x8100 /* IEEE 802.1Q VLAN tag */
#define XS_ETH_P_8021AD 0x88a8 /* IEEE 802.1ad service tag (QinQ) */
#define XS_ETH_P_QINQ1 0x9100 /* pre-standard QinQ tags */
#define XS_ETH_P_QINQ2 0x9200
/* Encapsulations the printer decodes from the frame's bytes (user/print/tunnel.c). */
#define XS_ETH_P_TEB 0x6558 /* Transparent Ethernet Bridging: an Ethernet frame in GRE, Geneve */
#define XS_ETH_P_MPLS_UC 0x8847 /* RFC 3032 */
#define XS_ETH_P_MPLS_MC 0x8848
#define XS_ETH_P_PPPOE_DISC 0x8863 /* RFC 2516 */
#define XS_ETH_P_PPPOE_SES 0x8864
#define XS_ETH_MAX_LEN 1500
#define XS_ETH_P_DN 0x6003 /* DECnet phase IV */
#define XS_ETH_P_RARP 0x8035
#define XS_ETH_P_SLOW 0x8809 /* LACP, marker, OAM (IEEE 802.3 annex 43B) */
#define XS_ETH_P_EAPOL 0x888e /* IEEE 802.1X */
#define XS_ETH_P_LLDP 0x88cc
#define XS_ETH_P_MACSEC 0x88e5 /* IEEE 802.1AE */
#define XS_ETH_P_PTP 0x88f7 /* IEEE 1588 */
#define XS_ETH_P_LOOPBACK 0x9000 /* Ethernet configuration testing protocol */

/* IEEE 802.2 LLC: service access points and control fields (llc.c, stp.c). */
#define XS_LLCSAP_GLOBAL 0xff
#define XS_LLCSAP_IP 0x06
#define XS_LLCSAP_8021D 0x42 /* spanning tree */
#define XS_LLCSAP_SNAP 0xaa
#define XS_LLCSAP_IPX 0xe0
#define XS_LLCSAP_ISONS 0xfe
#define XS_LLC_U_FMT 3 /* an unnumbered frame's low control bits */
#define XS_LLC_S_FMT 1 /* a supervisory frame's low control bit */
#define XS_LLC_UI 0x03
#define XS_LLC_XID 0xaf
#define XS_LLC_XID_FI 0x81
#define XS_LLC_U_POLL 0x10
#define XS_LLC_IS_POLL 0x0100
#define XS_LLC_GSAP 1 /* ssap: response; dsap: group */
#define XS_LLC_HLEN_U 3
#define XS_LLC_HLEN_IS 4
#define XS_SNAP_HLEN 5
#define XS_OUI_ENCAP_ETHER 0x000000
#define XS_OUI_CISCO 0x00000c
#define XS_OUI_RFC2684 0x0080c2
#define XS_PID_CISCO_PVST 0x010b
#define XS_PID_CISCO_VLANBRIDGE 0x010c
#define XS_PID_RFC2684_BPDU 0x000e

#define XS_ETH_HLEN 14
#define XS_VLAN_HLEN 4
#define XS_VLAN_VID_MASK 0x0fff /* the TCI: priority (3 bits), DEI, VLAN id */
#define XS_VLAN_DEI 0x1000
#define XS_VLAN_PRIO_SHIFT 13

/* IP protocol numbers (IANA), IPv6 extension headers among them. */
#define XS_IPPROTO_HOPOPTS 0
#define XS_IPPROTO_ICMP 1
#define XS_IPPROTO_IGMP 2
#define XS_IPPROTO_TCP 6
#define XS_IPPROTO_UDP 17
#define XS_IPPROTO_IPIP 4 /* IPv4 in IP (RFC 2003) */
#define XS_IPPROTO_DCCP 33
#define XS_IPPROTO_IPV6 41 /* IPv6 in IP (RFC 4213) */
#define XS_IPPROTO_GRE 47 /* RFC 2784, 2890 */
#define XS_IPPROTO_ROUTING 43
#define XS_IPPROTO_FRAGMENT 44
#define XS_IPPROTO_ESP 50
#define XS_IPPROTO_AH 51
#define XS_IPPROTO_ICMPV6 58
#define XS_IPPROTO_NONE 59
#define XS_IPPROTO_PIM 103
#define XS_IPPROTO_DSTOPTS 60
#define XS_IPPROTO_MOBILITY_OLD 62
#define XS_IPPROTO_OSPF 89
#define XS_IPPROTO_VRRP 112
#define XS_IPPROTO_SCTP 132
#define XS_IPPROTO_ETHERNET 143 /* an Ethernet frame in IPv6 (RFC 8986) */
#define XS_IPPROTO_MOBILITY 135
#define XS_IPPROTO_HIP 139 /* Host Identity Protocol (RFC 7401) */
#define XS_IPPROTO_SHIM6 140
#define XS_IPPROTO_ETHERNET 143 /* RFC 8986 */
#define XS_IPPROTO_EXP1 253 /* experimentation and testing (RFC 3692) */
#define XS_IPPROTO_EXP2 254

/* IPv4 (RFC 791): the fixed header, the flags and fragment offset word. */
#define XS_IP4_HLEN 20
#define XS_IP_RF 0x8000 /* reserved */
#define XS_IP_DF 0x4000
#define XS_IP_MF 0x2000
#define XS_IP_OFFMASK 0x1fff /* in 8-byte units */

/* IPv4 option kinds (RFC 791, 1108, 1393, 2113). */
#define XS_IPOPT_EOL 0
#define XS_IPOPT_NOP 1
#define XS_IPOPT_RR 7
#define XS_IPOPT_TS 68
#define XS_IPOPT_TRACEROUTE 82
#define XS_IPOPT_SECURITY 130
#define XS_IPOPT_LSRR 131
#define XS_IPOPT_SSRR 137
#define XS_IPOPT_RA 148

/* IPv6 (RFC 8200): the fixed header, the fragment header and its offset word. */
#define XS_IP6_HLEN 40
#define XS_IP6_FRAG_HLEN 8
#define XS_IP6_FRAG_OFFMASK 0xfff8 /* in 8-byte units, already shifted */
#define XS_IP6_FRAG_MF 0x0001
#define XS_IP6_CLASS_MASK 0x0ff00000 /* of the first word */
#define XS_IP6_CLASS_SHIFT 20
#define XS_IP6_FLOW_MASK 0x000fffff

/* IPv6 option types (RFC 8200 4.2, 2711, 2675, 6275). */
#define XS_IP6OPT_PAD1 0x00
#define XS_IP6OPT_PADN 0x01
#define XS_IP6OPT_ROUTER_ALERT 0x05
#define XS_IP6OPT_JUMBO 0xc2
#define XS_IP6OPT_HOME_ADDRESS 0xc9

/* Routing header types (RFC 5095, 6275, 8754). */
#define XS_IP6_RT_TYPE0 0
#define XS_IP6_RT_TYPE2 2
#define XS_IP6_RT_SRH 4

/* TCP (RFC 9293): the fixed header, the flags byte, the option kinds. */
#define XS_TCP_HLEN 20
#define XS_TCP_FIN 0x01
#define XS_TCP_SYN 0x02
#define XS_TCP_RST 0x04
#define XS_TCP_PSH 0x08
#define XS_TCP_ACK 0x10
#define XS_TCP_URG 0x20
#define XS_TCP_ECE 0x40
#define XS_TCP_CWR 0x80

#define XS_TCPOPT_EOL 0
#define XS_TCPOPT_NOP 1
#define XS_TCPOPT_MSS 2 /* RFC 9293 */
#define XS_TCPOPT_WSCALE 3 /* RFC 7323 */
#define XS_TCPOPT_SACKOK 4 /* RFC 2018 */
#define XS_TCPOPT_SACK 5 /* RFC 2018 */
#define XS_TCPOPT_ECHO 6 /* RFC 1072 */
#define XS_TCPOPT_ECHOREPLY 7 /* RFC 1072 */
#define XS_TCPOPT_TS 8 /* RFC 7323 */
#define XS_TCPOPT_CC 11 /* RFC 1644 */
#define XS_TCPOPT_CCNEW 12
#define XS_TCPOPT_CCECHO 13
#define XS_TCPOPT_MD5 19 /* RFC 2385 */
#define XS_TCPOPT_SCPS 20
#define XS_TCPOPT_UTO 28 /* RFC 5482 */
#define XS_TCPOPT_TCPAO 29 /* RFC 5925 */
#define XS_TCPOPT_MPTCP 30 /* RFC 8684 */
#define XS_TCPOPT_TFO 34 /* RFC 7413 */
#define XS_TCPOPT_EXP 254 /* RFC 6994, the shared experimental kind */

#define XS_UDP_HLEN 8
#define XS_PORT_DNS 53 /* RFC 1035 */
#define XS_PORT_MDNS 5353 /* RFC 6762 */
#define XS_PORT_VXLAN 4789 /* RFC 7348 */
#define XS_PORT_GENEVE 6081 /* RFC 8926 */

/* ICMP (RFC 792) and ICMPv6 (RFC 4443, 4861): the 8 bytes the event holds, the types read. */
#define XS_ICMP_HLEN 8
#define XS_ICMP_ECHOREPLY 0
#define XS_ICMP_ECHO 8
#define XS_ICMP6_ECHO_REQUEST 128
#define XS_ICMP6_ECHO_REPLY 129
#define XS_ND_NEIGHBOR_SOLICIT 135
#define XS_ND_NEIGHBOR_ADVERT 136
#define XS_ND_TARGET_LEN 24 /* reserved word and target address after the fixed 8 bytes */

/* ARP (RFC 826): the fixed header, and the addresses of Ethernet/IPv4 ARP after it. */
#define XS_ARP_HLEN 8
#define XS_ARP_ETH_IP_LEN 20
#define XS_ARPHRD_ETHER 1
#define XS_ARPOP_REQUEST 1
#define XS_ARPOP_REPLY 2
#define XS_ARPOP_RREQUEST 3
#define XS_ARPOP_RREPLY 4

/* The extension headers tcpdump's ip6_print() walks past to the upper layer (AH aside). */
static inline int xs_is_ext6(__u8 nh)
{
	return nh == XS_IPPROTO_HOPOPTS || nh == XS_IPPROTO_ROUTING || nh == XS_IPPROTO_FRAGMENT ||
	       nh == XS_IPPROTO_DSTOPTS;
}

/* AH (RFC 4302 2.2): its length byte counts 32-bit words, minus 2. */
#define XS_AH_LEN(b) (((__u32)(b) + 2) * 4)
/* IPv6 extension headers (RFC 8200 4.3): 8-byte units, not counting the first. */
#define XS_EXT6_LEN(b) (((__u32)(b) + 1) * 8)

/* Sockets, as the kernel's hooks report them (--process): address families and the TCP
 * states of include/net/tcp_states.h that the owner tables follow. */
#define XS_AF_INET 2
#define XS_AF_INET6 10
#define XS_TCP_CLOSE 7
#define XS_TCP_LISTEN 10

#endif
