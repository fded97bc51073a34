// SPDX-License-Identifier: GPL-2.0-only
/*
 * The slow protocols (IEEE 802.3 annex 43B: LACP, marker, OAM) as tcpdump 4.99.3's
 * print-slow.c prints their first line: the subtype, version and length, and the hex of an
 * unknown subtype. -v's TLVs of LACP, marker and OAM PDUs are not decoded.
 */
#include "ethertype.h"
#include "tok.h"

#define SLOW_PROTO_LACP 1
#define SLOW_PROTO_MARKER 2
#define SLOW_PROTO_OAM 3
#define SLOW_VERSION 1 /* LACP's and the marker protocol's */

static const struct tok slow_proto_values[] = {
    {SLOW_PROTO_LACP, "LACP"},
    {SLOW_PROTO_MARKER, "MARKER"},
    {SLOW_PROTO_OAM, "OAM"},
    {0, NULL},
};

static void too_short(const struct printer *pr, struct strbuf *sb)
{
	sb_puts(sb, pr->o.vflag ? "\n\t\t packet is too short" : " (packet is too short)");
}

void print_slow(const struct printer *pr, struct cur *c, uint32_t length, struct strbuf *sb)
{
	const char *name;
	uint8_t subtype, version;

	if (length < 1) {
		too_short(pr, sb);
		return;
	}
	subtype = cur_u8(c, 0);
	if (c->cut)
		return;
	name = tok_name(slow_proto_values, subtype);
	if (subtype == SLOW_PROTO_LACP || subtype == SLOW_PROTO_MARKER) {
		if (length < 2) {
			too_short(pr, sb);
			return;
		}
		version = cur_u8(c, 1);
		if (c->cut)
			return;
		if (version != SLOW_VERSION) {
			sb_printf(sb, "%s version %u packet not supported", name, version);
			return;
		}
		sb_printf(sb, "%sv%u, length %u", name, version, length);
		return;
	}
	if (name) {
		sb_printf(sb, "%s, length %u", name, length);
		return;
	}
	sb_printf(sb, "unknown (%u), length %u", subtype, length);
	cur_unknown_data(sb, c, 0, length, "\n\t");
}
