// SPDX-License-Identifier: GPL-2.0-only
/*
 * DCCP (RFC 4340): the checks tcpdump 4.99.3's dccp_print() makes before it prints the
 * header, a capture too short for the generic header (" [|dccp]") and a packet too short
 * for it ("truncated-dccp"). A whole header is not decoded here: its packet keeps the
 * generic form.
 */
#include "ipproto.h"

#define DCCP_HLEN 12 /* the generic header with a short sequence number */
#define DCCP_HLEN_X 16 /* ... with the X bit's 48-bit one */

bool print_dccp(struct printer *pr, struct pview *v, struct cur *c, uint32_t length,
		struct strbuf *sb)
{
	uint32_t fixed;

	(void)pr;
	(void)v;
	if (!cur_has(c, 0, DCCP_HLEN)) {
		c->cut = true;
		return true;
	}
	if (length < DCCP_HLEN) {
		sb_printf(sb, "truncated-dccp - %u bytes missing!", DCCP_HLEN - length);
		return true;
	}
	fixed = (c->p[8] & 1) ? DCCP_HLEN_X : DCCP_HLEN;
	if (length < fixed) {
		sb_printf(sb, "truncated-dccp - %u bytes missing!", fixed - length);
		return true;
	}
	return false;
}
