/* SPDX-License-Identifier: GPL-2.0-only */
/* The TCP line, as tcpdump 4.99.3 prints it, or 3.7.2 for --classic. */
#ifndef XDPSPY_PRINT_TCP_H
#define XDPSPY_PRINT_TCP_H

#include "printer.h"
#include "strbuf.h"
#include "view.h"

/* The TCP header the event holds, v->l4_len and v->l4_avail set by the network layer. */
void print_tcp(struct printer *pr, struct pview *v, enum dialect d, struct strbuf *sb);

#endif
