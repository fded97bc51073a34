/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The ethertypes besides IPv4, IPv6 and ARP, as print-ether.c ethertype_print() hands them
 * on: each decoder reads the frame's bytes after the link layer (a cursor over the captured
 * ones) and `length`, what is left of the frame on the wire.
 */
#ifndef XDPSPY_PRINT_ETHERTYPE_H
#define XDPSPY_PRINT_ETHERTYPE_H

#include <stdint.h>

#include "cursor.h"
#include "ether.h"
#include "printer.h"
#include "strbuf.h"
#include "view.h"

/* The network layer of lk->type when it is none of IPv4, IPv6 and ARP (4.99's words). */
void print_ethertype(const struct printer *pr, struct pview *v, const struct link *lk,
		     struct strbuf *sb);

/* The decoders; a read past the captured bytes leaves c->cut set, and the caller prints
 * " [|proto]". */
void print_loopback(const struct printer *pr, struct cur *c, uint32_t length, struct strbuf *sb);
void print_slow(const struct printer *pr, struct cur *c, uint32_t length, struct strbuf *sb);
void print_decnet(const struct printer *pr, struct cur *c, uint32_t length, struct strbuf *sb);
void print_eapol(const struct printer *pr, struct cur *c, uint32_t length, struct strbuf *sb);
void print_lldp(const struct printer *pr, struct cur *c, uint32_t length, struct strbuf *sb);
void print_ptp(const struct printer *pr, struct cur *c, uint32_t length, struct strbuf *sb);

#endif
