/* SPDX-License-Identifier: GPL-2.0-only */
/* ICMP echo (RFC 792), ICMPv6 echo and neighbour discovery (RFC 4443, 4861) as tcpdump 4.99.3
 * prints them from the event. */
#ifndef XDPSPY_PRINT_ICMP_H
#define XDPSPY_PRINT_ICMP_H

#include "printer.h"
#include "strbuf.h"
#include "view.h"

void print_icmp(struct printer *pr, struct pview *v, struct strbuf *sb);
/* icmp4.c: the message from its n captured bytes at p; false when the record ended. */
bool print_icmp_bytes(struct printer *pr, struct pview *v, const uint8_t *p, uint32_t n,
		      struct strbuf *sb);
/* quote.c: -v's line for the packet an error quotes, n of its bytes captured at q. */
void print_icmp_quote(struct printer *pr, struct pview *v, const uint8_t *q, uint32_t n,
		      struct strbuf *sb);
/* icmp_ext.c: -v's RFC 4884 extensions of a message of plen bytes, n captured at p; false when
 * the capture ends first (" [|icmp]" follows). */
bool print_icmp_ext(const uint8_t *p, uint32_t n, uint32_t plen, struct strbuf *sb);
/* Unreachable, source quench, redirect, time exceeded, parameter problem: they quote a packet. */
bool icmp_is_error(uint8_t type);
void print_icmp6(const struct printer *pr, struct pview *v, struct strbuf *sb);

#endif
