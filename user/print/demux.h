/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What comes after the IP header, as tcpdump 4.99.3's ip_demux_print() hands it on: AH and
 * ESP, then the transport printers, and the names of IP protocols that -v and the demultiplexer
 * print. The network layers (ip4.c, ip6.c, classic.c) call down into it.
 */
#ifndef XDPSPY_PRINT_DEMUX_H
#define XDPSPY_PRINT_DEMUX_H

#include <stdbool.h>
#include <stdint.h>

#include "printer.h"
#include "strbuf.h"
#include "view.h"

/*
 * print-ip-demux.c ip_demux_print: the protocol nh at byte xoff of v->x (AH headers, then
 * what follows them), v->l4_len and v->l4_avail counted from there.
 */
void ip_demux(struct printer *pr, struct pview *v, uint8_t nh, uint32_t xoff, struct strbuf *sb);
/* The transport printer for v->ev->kind, where the parser found it (4.99's words). */
void print_transport(struct printer *pr, struct pview *v, struct strbuf *sb);
/* TCP, UDP, SCTP and DCCP print the addresses themselves, with their ports. */
bool upper_prints_addrs(uint8_t nh);
/* tcpdump's ipproto_values: the name -v prints for an IP protocol number, or "unknown". */
const char *ipproto_name(uint8_t nh);

#endif
