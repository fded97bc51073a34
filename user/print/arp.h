/* SPDX-License-Identifier: GPL-2.0-only */
/* ARP (RFC 826) as tcpdump 4.99.3 prints it, in either dialect's frame. */
#ifndef XDPSPY_PRINT_ARP_H
#define XDPSPY_PRINT_ARP_H

#include <stdint.h>

#include "printer.h"
#include "strbuf.h"
#include "view.h"

/* print-arp.c arp_print: `length` is what the link layer left, `caplen` what it captured. */
void print_arp(const struct printer *pr, const struct pview *v, uint32_t length, uint32_t caplen,
	       struct strbuf *sb);

/* arp_frame.c: from the frame's bytes, p the ARP header, caplen of it captured. */
void print_arp_frame(const struct printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen,
		     struct strbuf *sb);

#endif
