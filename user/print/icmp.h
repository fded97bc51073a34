/* SPDX-License-Identifier: GPL-2.0-only */
/* ICMP echo (RFC 792), ICMPv6 echo and neighbour discovery (RFC 4443, 4861) as tcpdump 4.99.3
 * prints them from the event. */
#ifndef XDPSPY_PRINT_ICMP_H
#define XDPSPY_PRINT_ICMP_H

#include "printer.h"
#include "strbuf.h"
#include "view.h"

void print_icmp(const struct pview *v, struct strbuf *sb);
void print_icmp6(const struct printer *pr, const struct pview *v, struct strbuf *sb);

#endif
