/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * --classic: the network layers of the record tcpdump 3.7.2 (2003) printed
 * (../shared/TCPDUMP-FORMAT.md 1.18), and what follows them. `length` is what the link layer
 * left, `caplen` what it captured.
 */
#ifndef XDPSPY_PRINT_CLASSIC_H
#define XDPSPY_PRINT_CLASSIC_H

#include <stdint.h>

#include "printer.h"
#include "strbuf.h"
#include "view.h"

void classic_ip4(struct printer *pr, struct pview *v, uint32_t length, uint32_t caplen,
		 struct strbuf *sb);
void classic_ip6(struct printer *pr, struct pview *v, uint32_t length, uint32_t caplen,
		 struct strbuf *sb);

#endif
