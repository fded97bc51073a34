/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What top, watch and flows show of a flow or a host: endpoints as tcpdump writes them
 * (10.0.0.1.80, fd00::1.80), states, handshake times, and numbers grouped by thousands.
 */
#ifndef XDPSPY_FLOWFMT_H
#define XDPSPY_FLOWFMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "flow_table.h"

/* A flow as the tools show it: client first, both directions summed, times derived. */
struct flow_view {
	const struct xs_flow_key *k;
	const struct xs_flow *f;
	int client; /* the key's endpoint (0, 1) that opened it, or was first seen */
	uint64_t packets, bytes; /* both directions */
	uint32_t retransmits, out_of_order, dup_acks, zero_windows; /* both directions */
	int64_t syn_synack_ns; /* the handshake's steps, -1 when unknown or ambiguous */
	int64_t synack_ack_ns;
	double pkt_rate, byte_rate; /* per second since the previous read, both directions */
};

void flow_view_make(struct flow_view *v, const struct xs_flow_key *k, const struct xs_flow *f);
/* The handshake's round trip: the sum of its two steps, -1 unless both are known. */
int64_t flow_view_rtt_ns(const struct flow_view *v);

/* An address (IPv4-mapped for IPv4), without and with .port, as tcpdump -n prints them. */
void fmt_addr(char *buf, size_t len, const __u8 *addr);
void fmt_endpoint(char *buf, size_t len, const __u8 *addr, __be16 port, bool with_port);
/* A flow's two ends as "client > server". */
void fmt_flow(char *buf, size_t len, const struct flow_view *v);
/* "tcp", "udp", "icmp", "icmp6", else the number. */
const char *fmt_proto(__u8 proto, char *num, size_t len);
/* A TCP flow's furthest state (SYN, SYN-ACK, EST, FIN, RST; "-" for other protocols). */
const char *fmt_state(const struct flow_view *v);
/* An integer grouped by thousands with spaces: 48 210. */
void fmt_count(char *buf, size_t len, double v);
/* A rate or size in SI steps: 950, 12.3k, 4.56M, 1.20G. */
void fmt_si(char *buf, size_t len, double v);

#endif
