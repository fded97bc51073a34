/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * -i any: the link layer as tcpdump 4.99.3 prints a cooked capture (LINUX_SLL2, print-sll.c
 * sll2_if_print), in place of print/ether.c's. Like print_ether(), it hands the network layer
 * on to the caller.
 */
#ifndef XDPSPY_PRINT_SLL_H
#define XDPSPY_PRINT_SLL_H

#include <stdbool.h>

#include "ether.h"
#include "printer.h"
#include "strbuf.h"
#include "view.h"

/* True, with *lk filled, when the network layer (IPv4, IPv6 or ARP) is to be printed next;
 * false when the record ends in the link layer. */
bool print_sll2(const struct printer *pr, const struct pview *v, struct link *lk,
		struct strbuf *sb);

#endif
