// SPDX-License-Identifier: GPL-2.0-only
/*
 * OSPFv3's LSAs (RFC 5340 A.4) as tcpdump 4.99.3's print-ospf6.c ospf6_print_lsa() prints an
 * LS Update's with -vv: router, network, inter-area prefix, AS external, link, intra-area
 * prefix, grace and intra-area TE LSAs, and the hex of the others.
 */
#include <string.h>

#include "addr.h"
#include "ospf.h"
#include "tok.h"
#include "wire.h"

#define LSA6_HLEN 20
#define RLA6_LINK_LEN 16
#define PREFIX_HLEN 4
#define ASLA_FLAG_FWDADDR 0x02000000
#define ASLA_FLAG_ROUTETAG 0x01000000

static const struct tok rla_flag_values[] = {
    {0x01, "ABR"},	  {0x02, "External"},	     {0x04, "Virtual-Link Endpoint"},
    {0x08, "Deprecated"}, {0x10, "NSSA Translator"}, {0, NULL},
};

static const struct tok asla_flag_values[] = {
    {0x80000000, "External Type 2"},
    {ASLA_FLAG_FWDADDR, "Forwarding"},
    {ASLA_FLAG_ROUTETAG, "Tag"},
    {0, NULL},
};

static const struct tok prefix_option_values[] = {
    {0x01, "No Unicast"},
    {0x02, "Local address"},
    {0x04, "Deprecated"},
    {0x08, "Propagate"},
    {0x10, "Down"},
    {0x20, "N-bit"},
    {0, NULL},
};

static void put_options(struct strbuf *sb, uint32_t options)
{
	sb_puts(sb, "\n\t      Options [");
	put_bits(sb, ospf6_option_values, options, "none");
	sb_putc(sb, ']');
}

/* ospf6_print_lsaprefix: what the prefix at o takes, or -1. */
static int32_t lsa_prefix(const struct printer *pr, struct cur *c, uint32_t o, uint32_t len,
			  struct strbuf *sb)
{
	uint8_t prefix[16] = {0}, plen, opt;
	uint32_t bytes; /* the prefix's 32-bit words', as tcpdump reads them */

	if (len < PREFIX_HLEN || !cur_has(c, o, PREFIX_HLEN))
		return -1;
	len -= PREFIX_HLEN;
	plen = c->p[o];
	opt = c->p[o + 1];
	bytes = (plen + 31u) / 32 * 4;
	if (bytes > sizeof(prefix)) {
		sb_printf(sb, " bogus prefixlen /%u", plen);
		return -1;
	}
	if (len < bytes)
		return -1;
	if (!cur_need(c, o + PREFIX_HLEN, bytes))
		return -1;
	memcpy(prefix, c->p + o + PREFIX_HLEN, bytes);
	sb_puts(sb, "\n\t\t");
	put_host(pr, sb, prefix, 1);
	sb_printf(sb, "/%u", plen);
	if (opt) {
		sb_puts(sb, ", Options [");
		put_bits(sb, prefix_option_values, opt, "none");
		sb_putc(sb, ']');
	}
	sb_printf(sb, ", metric %u", rd16(c->p + o + 2));
	return (int32_t)(PREFIX_HLEN + bytes);
}

/* n prefixes from o (n < 0: until len is used up); false for tcpdump's truncation. */
static bool prefixes(const struct printer *pr, struct cur *c, uint32_t o, uint32_t len, int64_t n,
		     struct strbuf *sb)
{
	while (n < 0 ? len != 0 : n > 0) {
		int32_t used = lsa_prefix(pr, c, o, len, sb);

		if (used < 0)
			return false;
		len -= (uint32_t)used;
		o += (uint32_t)used;
		if (n > 0)
			n--;
	}
	return true;
}

/* The router LSA's links; 1 for tcpdump's truncation, 0 otherwise. */
static int router_lsa(const struct printer *pr, struct cur *c, uint32_t b, uint32_t len,
		      struct strbuf *sb)
{
	const char *what;

	if (len < 4 || !cur_need(c, b, 4))
		return 1;
	len -= 4;
	put_options(sb, rd32(c->p + b));
	sb_puts(sb, ", RLA-Flags [");
	put_bits(sb, rla_flag_values, c->p[b], "none");
	sb_putc(sb, ']');
	for (uint32_t l = b + 4; len; l += RLA6_LINK_LEN) {
		if (len < RLA6_LINK_LEN || !cur_has(c, l, RLA6_LINK_LEN))
			return 1;
		len -= RLA6_LINK_LEN;
		switch (c->p[l]) {
		case 4:
			what = "\n\t      Virtual Link: Neighbor Router-ID ";
			break;
		case 1:
			what = "\n\t      Neighbor Router-ID ";
			break;
		case 2:
			what = "\n\t      Neighbor Network-ID ";
			break;
		default:
			sb_printf(sb, "\n\t      Unknown Router Links Type 0x%02x", c->p[l]);
			return 0;
		}
		put_host_at(pr, c, l + 12, what, sb);
		put_host_at(pr, c, l + 8, "\n\t      Neighbor Interface-ID ", sb);
		put_host_at(pr, c, l + 4, ", Interface ", sb);
		sb_printf(sb, ", metric %u", rd16(c->p + l + 2));
	}
	return 0;
}

/* The AS external LSA: flags, metric, prefix and what the flags add. */
static int external_lsa(const struct printer *pr, struct cur *c, uint32_t b, uint32_t len,
			struct strbuf *sb)
{
	uint32_t flags, t;
	int32_t used;

	if (len < 4 || !cur_need(c, b, 4))
		return 1;
	len -= 4;
	flags = rd32(c->p + b);
	sb_puts(sb, "\n\t     Flags [");
	put_bits(sb, asla_flag_values, flags, "none");
	sb_printf(sb, "] metric %u", flags & 0x00ffffff);
	used = lsa_prefix(pr, c, b + 4, len, sb);
	if (used < 0)
		return 1;
	len -= (uint32_t)used;
	t = b + 4 + (uint32_t)used;
	if (flags & ASLA_FLAG_FWDADDR) {
		if (len < 16 || !cur_need(c, t, 16))
			return 1;
		len -= 16;
		sb_puts(sb, " forward ");
		put_host(pr, sb, c->p + t, 1);
		t += 16;
	}
	if (flags & ASLA_FLAG_ROUTETAG) {
		if (len < 4 || !put_host_at(pr, c, t, " tag ", sb))
			return 1;
		len -= 4;
		t += 4;
	}
	if (c->p[b + 4 + 2]) { /* tcpdump tests the prefix's metric's first byte */
		if (len < 4 || !put_host_at(pr, c, t, " RefLSID: ", sb))
			return 1;
	}
	return 0;
}

/* ospf6_print_lsa: 1 where tcpdump's returns 1 (the record then ends in " [|ospf3]"). */
static int lsa(const struct printer *pr, struct cur *c, uint32_t o, uint32_t end, struct strbuf *sb)
{
	uint32_t length, len, b = o + LSA6_HLEN, n;

	if (!ospf6_lshdr(pr, c, o, end, sb))
		return 1;
	length = rd16(c->p + o + 18);
	if (length < LSA6_HLEN || o + length > end)
		return 1;
	len = length - LSA6_HLEN;
	switch (rd16(c->p + o + 2)) {
	case 0x2001:
		return router_lsa(pr, c, b, len, sb);
	case 0x2002:
		if (len < 4 || !cur_need(c, b, 4))
			return 1;
		len -= 4;
		put_options(sb, rd32(c->p + b));
		sb_puts(sb, "\n\t      Connected Routers:");
		for (uint32_t a = b + 4; len; a += 4, len -= 4)
			if (len < 4 || !put_host_at(pr, c, a, "\n\t\t", sb))
				return 1;
		return 0;
	case 0x2003:
		if (len < 4 || !cur_need(c, b, 4))
			return 1;
		sb_printf(sb, ", metric %u", rd32(c->p + b) & 0x00ffffff);
		return prefixes(pr, c, b + 4, len - 4, -1, sb) ? 0 : 1;
	case 0x4005:
		return external_lsa(pr, c, b, len, sb);
	case 8: /* link LSA */
		if (len < 4 || !cur_has(c, b, 4))
			return 1;
		len -= 4;
		put_options(sb, rd32(c->p + b));
		if (len < 20 || !cur_need(c, b + 4, 20))
			return 1;
		len -= 20;
		n = rd32(c->p + b + 20);
		sb_printf(sb, "\n\t      Priority %u, Link-local address ", c->p[b]);
		put_host(pr, sb, c->p + b + 4, 1);
		sb_printf(sb, ", Prefixes %u:", n);
		return prefixes(pr, c, b + 24, len, n, sb) ? 0 : 1;
	case 0x2009: /* intra-area prefix */
		if (len < 4 || !cur_has(c, b + 8, 4))
			return 1;
		len -= 4;
		if (!ospf6_ls_type(pr, c, rd16(c->p + b + 2), b + 4, sb))
			return 1;
		if (len < 2)
			return 1;
		len -= 2;
		n = rd16(c->p + b);
		sb_printf(sb, "\n\t      Prefixes %u:", n);
		return prefixes(pr, c, b + 12, len, n, sb) ? 0 : 1;
	case 11: /* grace */
		return ospf_grace_tlvs(pr, c, b, len, sb) ? 0 : 1;
	case 10: /* intra-area TE */
		return ospf_te_tlvs(pr, c, b, len, sb) ? 0 : 1;
	default:
		if (b > c->cap)
			return 1;
		cur_unknown_data(sb, c, b, len, "\n\t      ");
		return 0;
	}
}

bool ospf6_ls_update(const struct printer *pr, struct cur *c, uint32_t end, struct strbuf *sb)
{
	uint32_t count = cur_be32(c, 16), o = 20; /* tcpdump's int stops at 0 only, as this */

	if (c->cut)
		return true;
	while (o < end && count) {
		count--;
		if (lsa(pr, c, o, end, sb))
			return false;
		o += cur_be16(c, o + 18);
	}
	return true;
}
