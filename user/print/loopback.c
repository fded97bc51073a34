// SPDX-License-Identifier: GPL-2.0-only
/*
 * The Ethernet configuration testing protocol (ethertype 0x9000, "loopback"), as tcpdump
 * 4.99.3's print-loopback.c prints it: the skip count, then the first message's function,
 * receipt number or forwarding address. Numbers are little-endian, as the protocol has them.
 */
#include "addr.h"
#include "ethertype.h"
#include "tok.h"

#define LOOPBACK_REPLY 1
#define LOOPBACK_FWDDATA 2
#define MAC_LEN 6

static const struct tok fcode_str[] = {
    {LOOPBACK_REPLY, "Reply"},
    {LOOPBACK_FWDDATA, "Forward Data"},
    {0, NULL},
};

/* nd_print_invalid, then the check that the rest was captured. */
static void invalid(struct cur *c, uint32_t off, uint32_t len, struct strbuf *sb)
{
	sb_puts(sb, " (invalid)");
	cur_need(c, off, len);
}

static void message(struct cur *c, uint32_t off, uint32_t len, struct strbuf *sb)
{
	uint16_t function;

	if (len < 2) {
		invalid(c, off, len, sb);
		return;
	}
	function = cur_le16(c, off);
	if (c->cut)
		return;
	off += 2;
	len -= 2;
	if (tok_name(fcode_str, function))
		sb_printf(sb, ", %s", tok_name(fcode_str, function));
	else
		sb_printf(sb, ",  invalid (%u)", function);
	if (function == LOOPBACK_REPLY) {
		if (len < 2) {
			invalid(c, off, len, sb);
			return;
		}
		sb_printf(sb, ", receipt number %u", cur_le16(c, off));
		off += 2;
		len -= 2;
		sb_printf(sb, ", data (%u octets)", len);
	} else if (function == LOOPBACK_FWDDATA) {
		if (len < MAC_LEN) {
			invalid(c, off, len, sb);
			return;
		}
		if (!cur_need(c, off, MAC_LEN))
			return;
		sb_puts(sb, ", forwarding address ");
		put_mac(sb, c->p + off, TCPDUMP_499);
		off += MAC_LEN;
		len -= MAC_LEN;
		sb_printf(sb, ", data (%u octets)", len);
	}
	cur_need(c, off, len);
}

void print_loopback(const struct printer *pr, struct cur *c, uint32_t length, struct strbuf *sb)
{
	uint16_t skip;

	(void)pr;
	sb_puts(sb, "Loopback");
	if (length < 2) {
		invalid(c, 0, length, sb);
		return;
	}
	skip = cur_le16(c, 0);
	if (c->cut)
		return;
	length -= 2;
	sb_printf(sb, ", skipCount %u", skip);
	if (skip % 8)
		sb_puts(sb, " (bogus)");
	if (skip > length) {
		invalid(c, 2, length, sb);
		return;
	}
	if (!cur_need(c, 2, skip))
		return;
	message(c, 2u + skip, length - skip, sb);
}
