/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The link layer: Ethernet and its VLAN tags, as each dialect prints them (4.99.3's
 * print-ether.c ether_common_print, 3.7.2's ether_print). It hands the network layer on to
 * the caller (user/print.c dispatches on the ethertype) rather than calling it.
 */
#ifndef XDPSPY_PRINT_ETHER_H
#define XDPSPY_PRINT_ETHER_H

#include <stdbool.h>
#include <stdint.h>

#include "printer.h"
#include "strbuf.h"
#include "view.h"

/* What the link layer leaves to the network layer. */
struct link {
	uint16_t type; /* the ethertype after the tags the dialect walks, host order */
	uint32_t length; /* of the frame's length (on the wire) */
	uint32_t caplen; /* of its captured bytes */
};

/*
 * The link layer of a frame `length` bytes long on the wire: true, with *lk filled, when the
 * network layer is to be printed next; false when the record ends in the link layer (cut
 * short, or 802.3 LLC, which 4.99 names and leaves).
 */
bool print_ether(const struct printer *pr, const struct pview *v, uint32_t length, enum dialect d,
		 struct link *lk, struct strbuf *sb);
/* A network layer neither dialect decodes: what it shows of the link layer instead. `length`
 * is the frame's, as for print_ether(). */
/* VLAN tag i: its TCI and the type after it, from the event or, past the tags it holds, from
 * the frame's bytes (XS_F_HDRS). False when neither has it. */
bool ether_vlan_tag(const struct pview *v, unsigned i, uint16_t *tci, uint16_t *next);
/* 4.99's -e words for a tag's TCI: "vlan 10, p 0[, DEI], ". */
void put_vlan_tci(struct strbuf *sb, uint16_t tci);
/* The frame's bytes after the link layer lk describes, *caplen of them held; NULL when the
 * record has no bytes (a live event without payload). */
const uint8_t *link_payload(const struct pview *v, const struct link *lk, uint32_t *caplen);
void print_ether_unknown(const struct printer *pr, const struct pview *v, uint16_t type,
			 uint32_t length, enum dialect d, struct strbuf *sb);

#endif
