// SPDX-License-Identifier: GPL-2.0-only
/*
 * MPLS label stacks (RFC 3032) as tcpdump 4.99.3's print-mpls.c prints them: each entry's
 * label, traffic class, bottom-of-stack bit and TTL, then the payload's raw bytes. An IPv4,
 * IPv6 or OSI payload (which tcpdump decodes) is not decoded here.
 */
#include "ethertype.h"

#define MPLS_LABEL(x) (((x)&0xfffff000) >> 12)
#define MPLS_TC(x) (((x)&0x00000e00) >> 9)
#define MPLS_STACK(x) (((x)&0x00000100) >> 8)
#define MPLS_TTL(x) ((x)&0x000000ff)
#define MPLS_ENTRY_LEN 4

static const char *const mpls_labelname[] = {
    "IPv4 explicit NULL",
    "router alert",
    "IPv6 explicit NULL",
    "implicit NULL",
    "rsvd",
    "rsvd",
    "rsvd",
    "rsvd",
    "rsvd",
    "rsvd",
    "rsvd",
    "rsvd",
    "rsvd",
    "rsvd",
    "rsvd",
    "rsvd",
};

/* The payload's kind, from the last label or, for others, the first byte (as tcpdump). */
static bool payload_is_ip(uint32_t label, struct cur *c, uint32_t off, uint32_t length)
{
	uint8_t first;

	if (label == 0 || label == 2 || label == 3)
		return true;
	if (length < 1)
		return false;
	first = cur_u8(c, off);
	return (first >= 0x45 && first <= 0x4f) || (first >= 0x60 && first <= 0x6f) ||
	       (first >= 0x81 && first <= 0x83);
}

void print_mpls(const struct printer *pr, struct cur *c, uint32_t length, struct strbuf *sb)
{
	uint32_t entry, depth = 0, off = 0;

	sb_puts(sb, "MPLS");
	do {
		if (length < MPLS_ENTRY_LEN) {
			sb_puts(sb, " (invalid)");
			cur_need(c, off, length);
			return;
		}
		entry = cur_be32(c, off);
		if (c->cut)
			return;
		sb_printf(sb, "%s(label %u", depth && pr->o.vflag ? "\n\t" : " ",
			  MPLS_LABEL(entry));
		depth++;
		if (pr->o.vflag &&
		    MPLS_LABEL(entry) < sizeof(mpls_labelname) / sizeof(*mpls_labelname))
			sb_printf(sb, " (%s)", mpls_labelname[MPLS_LABEL(entry)]);
		sb_printf(sb, ", tc %u", MPLS_TC(entry));
		if (MPLS_STACK(entry))
			sb_puts(sb, ", [S]");
		sb_printf(sb, ", ttl %u)", MPLS_TTL(entry));
		off += MPLS_ENTRY_LEN;
		length -= MPLS_ENTRY_LEN;
	} while (!MPLS_STACK(entry));
	if (MPLS_LABEL(entry) != 0 && MPLS_LABEL(entry) != 2 && MPLS_LABEL(entry) != 3 && !length)
		return;
	if (payload_is_ip(MPLS_LABEL(entry), c, off, length) || c->cut)
		return; /* not decoded */
	cur_default_print(sb, c, off, length);
}
