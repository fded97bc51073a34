/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Per-interface counters, kept by the BPF programs in a per-CPU array whose value type is this
 * struct, so `bpftool map dump` prints every field by name. All fields are host order and only
 * ever grow; user space sums the CPUs.
 */
#ifndef XDPSPY_COUNTERS_H
#define XDPSPY_COUNTERS_H

#include <linux/types.h>

struct xs_counters {
	__u64 rx_packets; /* frames seen by the XDP (ingress) hook */
	__u64 rx_bytes;
	__u64 tx_packets; /* frames seen by the egress hook */
	__u64 tx_bytes;
	__u64 ipv4;
	__u64 ipv6;
	__u64 arp;
	__u64 other_l3;
	__u64 tcp;
	__u64 udp;
	__u64 icmp; /* ICMP and ICMPv6 */
	__u64 other_l4;
	__u64 syn; /* SYN without ACK */
	__u64 synack;
	__u64 fin;
	__u64 rst;
	__u64 psh;
	__u64 pure_ack; /* ACK alone, no payload */
	__u64 malformed; /* a header cut short or invalid (event stop != XS_S_OK) */
	__u64 events; /* events written to the ring */
	__u64 lost; /* events the ring had no room for */
	__u64 filtered; /* frames the filter expression rejected */
	/* With --flows (include/flow_table.h): the flow table and the detectors. */
	__u64 flows; /* flows entered in the table */
	__u64 handshakes; /* TCP handshakes completed */
	__u64 retransmits; /* TCP segments wholly at or below their direction's highest seq */
	__u64 out_of_order; /* TCP segments beyond it: a gap */
	__u64 dup_acks;
	__u64 zero_windows;
	__u64 syn_floods; /* alarms raised: a service's SYN flood began */
	__u64 port_scans; /* a source's port scan began */
	__u64 rst_storms; /* a source's RST storm began */
	__u64 null_scan; /* TCP segments with no flag */
	__u64 fin_scan; /* FIN alone */
	__u64 xmas_scan; /* FIN, PSH and URG */
	__u64 synfin_scan; /* SYN and FIN */
	__u64 land; /* IP packets whose source is their destination */
	__u64 martian; /* IP packets from a loopback, multicast, unspecified or broadcast source */
	__u64 segmented_sends; /* sends the kernel segmented in software after the egress hook */
};

_Static_assert(sizeof(struct xs_counters) == 38 * 8, "xs_counters layout changed");

#endif
