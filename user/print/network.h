/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The network layer an ethertype names (print-ether.c ethertype_print), for the outer frame
 * (user/print.c) and for a frame or packet inside a tunnel (tunnel.c): IPv4, IPv6, ARP, and
 * in 4.99's dialect MPLS and PPPoE sessions.
 */
#ifndef XDPSPY_PRINT_NETWORK_H
#define XDPSPY_PRINT_NETWORK_H

#include "ether.h"
#include "printer.h"
#include "strbuf.h"
#include "view.h"

void print_network(struct printer *pr, struct pview *v, const struct link *lk, enum dialect d,
		   struct strbuf *sb);
/* Does print_network() decode this ethertype (Geneve's test before its own fallbacks)? */
bool network_knows(uint16_t type, enum dialect d);

#endif
