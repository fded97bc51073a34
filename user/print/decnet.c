// SPDX-License-Identifier: GPL-2.0-only
/*
 * DECnet phase IV routing (ethertype 0x6003): the length checks tcpdump 4.99.3's
 * decnet_print() makes first, with their complaints. A packet that passes them is not
 * decoded further here.
 */
#include "ethertype.h"

#define DN_SHORTHDR_LEN 6

void print_decnet(const struct printer *pr, struct cur *c, uint32_t length, struct strbuf *sb)
{
	uint16_t pktlen;

	(void)pr;
	if (length < DN_SHORTHDR_LEN) {
		sb_printf(sb, " (length %u < %u) (invalid)", length, DN_SHORTHDR_LEN);
		return;
	}
	pktlen = cur_le16(c, 0);
	if (c->cut)
		return;
	if (pktlen < DN_SHORTHDR_LEN)
		sb_printf(sb, " (pktlen %u < %u) (invalid)", pktlen, DN_SHORTHDR_LEN);
	else if (pktlen > length)
		sb_printf(sb, " (pktlen %u > %u) (invalid)", pktlen, length);
}
