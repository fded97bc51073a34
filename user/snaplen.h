/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tcpdump's MAXIMUM_SNAPLEN (netdissect.h), which libpcap shares: the default and largest
 * snapshot length, what a live capture announces, and the size past which tcpdump calls a
 * pcap record's lengths invalid.
 */
#ifndef XDPSPY_SNAPLEN_H
#define XDPSPY_SNAPLEN_H

#define MAXIMUM_SNAPLEN 262144

#endif
