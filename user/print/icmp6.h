/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ICMPv6 (RFC 4443) from the frame's bytes, as tcpdump 4.99.3's icmp6_print() prints it:
 * icmp6_msg.c the message, icmp6_nd.c the options and MLD records after its fixed part.
 */
#ifndef XDPSPY_PRINT_ICMP6_H
#define XDPSPY_PRINT_ICMP6_H

#include <stdbool.h>
#include <stdint.h>

#include "printer.h"
#include "strbuf.h"
#include "view.h"

struct i6 {
	const struct printer *pr;
	const uint8_t *p; /* the message */
	uint32_t n; /* bytes of it captured */
	uint32_t len; /* its length, from the IPv6 header */
	int vflag;
	struct strbuf *sb;
	bool lost; /* a read past the capture: tcpdump longjmps out of the record */
};

/* The message at p, n bytes of it captured; false when the record ended. */
bool print_icmp6_bytes(const struct printer *pr, struct pview *v, const uint8_t *p, uint32_t n,
		       struct strbuf *sb);

/* icmp6_nd.c */
bool i6_get(struct i6 *m, uint32_t off, uint32_t n); /* n bytes at off, or lost */
bool i6_addr(struct i6 *m, uint32_t off, const char *pre); /* pre and the address, or lost */
/* print_unknown_data(): hex of len bytes at off (as many as were captured), lines after ident. */
void i6_unknown(struct i6 *m, uint32_t off, const char *ident, uint32_t len);
/* Neighbour discovery options from base to the message's end; false: " [|icmp6]" follows. */
bool i6_options(struct i6 *m, uint32_t base);
void i6_mld(struct i6 *m);
bool i6_mldv2_report(struct i6 *m);
bool i6_mldv2_query(struct i6 *m);
void i6_rtpref(struct i6 *m, uint8_t v);

#endif
