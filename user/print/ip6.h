/* SPDX-License-Identifier: GPL-2.0-only */
/* IPv6 and its extension headers as tcpdump 4.99.3 prints them (print-ip6.c ip6_print). */
#ifndef XDPSPY_PRINT_IP6_H
#define XDPSPY_PRINT_IP6_H

#include <stdint.h>

#include "cursor.h"
#include "printer.h"
#include "strbuf.h"
#include "view.h"

/*
 * `length` is what the link layer left, `caplen` what it captured. TCPDUMP_372: inside
 * --classic's frame, which keeps 4.99's text for extension headers but has no "IP6 " prefix.
 */
void print_ip6(struct printer *pr, struct pview *v, uint32_t length, uint32_t caplen,
	       enum dialect d, struct strbuf *sb);

/* print-mobility.c mobility_print: the Mobility Header at c (RFC 6275), cut at the snapshot. */
void print_mobility(const struct printer *pr, struct cur *c, struct strbuf *sb);

#endif
