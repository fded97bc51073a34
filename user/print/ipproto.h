/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The IP protocols past TCP, UDP, ICMP and ICMPv6 that xdpspy decodes from the frame's bytes,
 * as ip_demux_print() hands them on (demux.c's table): each reads its header at a cursor over
 * the bytes tcpdump has (up to its snapshot end) and `length`, what the IP layer says is left.
 */
#ifndef XDPSPY_PRINT_IPPROTO_H
#define XDPSPY_PRINT_IPPROTO_H

#include <stdint.h>

#include "cursor.h"
#include "printer.h"
#include "strbuf.h"
#include "view.h"

/* A decoder: false when it leaves the packet to the generic form (a case it does not decode,
 * having printed nothing); a read past the held bytes leaves c->cut set, and the caller
 * prints " [|proto]" (c->proto's name when the decoder set one, as tcpdump's printers change
 * ndo_protocol on their way down). A decoder that prints a packet inside (PIM's Register)
 * marks v lost itself. */
typedef bool ipproto_fn(struct printer *pr, struct pview *v, struct cur *c, uint32_t length,
			struct strbuf *sb);

ipproto_fn print_igmp;
ipproto_fn print_vrrp;
ipproto_fn print_sctp;
ipproto_fn print_ospf;
ipproto_fn print_dccp;
ipproto_fn print_pim;

#endif
