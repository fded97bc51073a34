/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Filter expressions: the text (the words after the options, or -F FILE), compiled by libpcap
 * for Ethernet as tcpdump compiles it for a capture file, checked by a dry run of the
 * translator so an expression the kernel cannot run is refused before anything is loaded.
 */
#ifndef XDPSPY_FILTER_H
#define XDPSPY_FILTER_H

#include <stdbool.h>
#include <stdint.h>

#include "cbpf.h"
#include "opts.h"

/* A live capture's snapshot length, which a match returns (tcpdump's default). */
#define FILTER_LIVE_SNAPLEN 262144

/*
 * The program for o's expression; ifname NULL for -r (netmask 0, as tcpdump), else the
 * interface whose netmask `ip broadcast` needs. snaplen: what `ret` returns on a match, the
 * capture file's snapshot length for -r, as tcpdump compiles it. prog->len is 0 when there
 * is no expression. Errors are logged (libpcap's own message for a bad expression); returns
 * 0 or -1.
 */
int filter_build(const struct opts *o, const char *ifname, int snaplen, struct cbpf_prog *prog);
/*
 * The program for the TC hooks of a live capture on ifname, compiled as tcpdump compiles it
 * there (on an activated handle: VLAN tags and the direction from the skb's metadata). Empty
 * when there is no expression, or when libpcap cannot activate a handle (no CAP_NET_RAW): the
 * TC hooks then run filter_build()'s program, with the skb's VLAN tag put back in its view.
 */
int filter_build_tc(const struct opts *o, const char *ifname, struct cbpf_prog *prog);
/* A cooked capture's (-i any: LINUX_SLL2, as tcpdump compiles it for the any device). */
int filter_build_cooked(const struct opts *o, struct cbpf_prog *prog);
/* The snapshot length of the capture file at path (NULL: live); -1, logged, if unreadable. */
int filter_snaplen(const char *path);
void filter_free(struct cbpf_prog *prog);

/* libpcap's own interpreter on a frame: the host path's filter, and the reference. */
bool filter_match(const struct cbpf_prog *prog, const uint8_t *frame, uint32_t wire_len,
		  uint32_t cap_len);

/* -d, -dd, -ddd: the classic program as tcpdump prints it; -d adds the eBPF the kernel runs at
 * the TC hooks (tc) or at XDP. */
int filter_dump(const struct cbpf_prog *prog, int level, bool tc);

#endif
