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
};

_Static_assert(sizeof(struct xs_counters) == 22 * 8, "xs_counters layout changed");

#endif
