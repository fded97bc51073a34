// SPDX-License-Identifier: GPL-2.0-only
/*
 * GRE (RFC 2784, 2890; v1 is PPTP's, RFC 2637) as tcpdump 4.99.3's print-gre.c prints it: the
 * version, -v's flags and checksum, offset, key, sequence number, source routes, -e's
 * protocol, the length, then the packet it carries.
 */
#include "addr.h"
#include "ether.h"
#include "ethertype_name.h"
#include "proto.h"
#include "tok.h"
#include "tunnel.h"
#include "wire.h"

#define GRE_CP 0x8000 /* checksum present */
#define GRE_RP 0x4000 /* routing present */
#define GRE_KP 0x2000 /* key present */
#define GRE_SP 0x1000 /* sequence# present */
#define GRE_sP 0x0800 /* source routing */
#define GRE_AP 0x0080 /* acknowledgment# present */
#define GRE_VERS_MASK 0x0007
#define GRESRE_IP 0x0800
#define GRESRE_ASN 0xfffe
#define ETHERTYPE_PPP 0x880b

static const struct tok gre_flag_values[] = {
    {GRE_CP, "checksum present"},
    {GRE_RP, "routing present"},
    {GRE_KP, "key present"},
    {GRE_SP, "sequence# present"},
    {GRE_sP, "source routing present"},
    {GRE_AP, "ack present"},
    {0, NULL},
};

/* Where the header is read: p[off], cap bytes captured, len left as the IP layer says. */
struct gre_cur {
	const uint8_t *p;
	uint32_t off, cap, len;
	uint32_t length; /* the IP payload's, which the line prints */
};

/* tcpdump's ND_TCHECK_n then `len < n`: both end the record in " [|gre]". */
static bool have(const struct gre_cur *c, uint32_t n)
{
	return c->off + n <= c->cap && c->len >= n;
}

static void skip(struct gre_cur *c, uint32_t n)
{
	c->off += n;
	c->len -= n;
}

/* A 32-bit field whose flag is set: label, then the value masked, in hex when asked; false when
 * cut short. */
static bool put_field32(struct gre_cur *c, uint16_t flags, uint16_t bit, const char *label,
			bool hex, uint32_t mask, struct strbuf *sb)
{
	uint32_t v;

	if (!(flags & bit))
		return true;
	if (!have(c, 4))
		return false;
	v = rd32(c->p + c->off) & mask;
	sb_puts(sb, label);
	if (hex)
		sb_printf(sb, "0x%x", v);
	else
		sb_putu(sb, v);
	skip(c, 4);
	return true;
}

/* -v's ", Flags [...]". */
static void put_gre_flags(const struct printer *pr, uint16_t flags, struct strbuf *sb)
{
	if (!pr->o.vflag)
		return;
	sb_puts(sb, ", Flags [");
	put_bits(sb, gre_flag_values, flags, "none");
	sb_putc(sb, ']');
}

/* gre_sre_ip_print, gre_sre_asn_print: a source route entry's hops; false when cut short. */
static bool put_sre_hops(struct gre_cur *c, uint8_t off, uint8_t len, uint32_t unit,
			 struct strbuf *sb)
{
	uint32_t i, left = c->len;

	if (off & (unit - 1)) {
		sb_printf(sb, ", badoffset=%u", off);
		return true;
	}
	if (len & (unit - 1)) {
		sb_printf(sb, ", badlength=%u", len);
		return true;
	}
	if (off >= len) {
		sb_printf(sb, ", badoff/len=%u/%u", off, len);
		return true;
	}
	for (i = 0; len; len -= unit, i += unit, left -= unit) {
		const uint8_t *h = c->p + c->off + i;

		if (c->off + i + unit > c->cap || left < unit)
			return false;
		sb_printf(sb, " %s", i == off ? "*" : "");
		if (unit == 4)
			sb_put_ip4(sb, h);
		else
			sb_printf(sb, "%x", rd16(h));
	}
	return true;
}

static bool put_sre(struct gre_cur *c, uint16_t af, uint8_t off, uint8_t len, struct strbuf *sb)
{
	bool ok;

	if (af != GRESRE_IP && af != GRESRE_ASN) {
		sb_printf(sb, ", (rtaf=0x%x)", af);
		return true;
	}
	sb_puts(sb, af == GRESRE_IP ? ", (rtaf=ip" : ", (rtaf=asn");
	ok = put_sre_hops(c, off, len, af == GRESRE_IP ? 4 : 2, sb);
	sb_putc(sb, ')');
	return ok;
}

/* The routing field's entries, up to the null one; false when cut short. */
static bool put_routes(struct gre_cur *c, struct strbuf *sb)
{
	for (;;) {
		uint16_t af;
		uint8_t off, len;

		if (!have(c, 4))
			return false;
		af = rd16(c->p + c->off);
		off = c->p[c->off + 2];
		len = c->p[c->off + 3];
		skip(c, 4);
		if (af == 0 && len == 0)
			return true;
		if (!put_sre(c, af, off, len, sb) || c->len < len)
			return false;
		skip(c, len);
	}
}

static void put_proto_e(const struct printer *pr, uint16_t prot, struct strbuf *sb)
{
	const char *name = ethertype_name(prot);

	if (pr->o.eflag)
		sb_printf(sb, ", proto %s (0x%04x)", name ? name : "unknown", prot);
}

/* gre_print_0's fields before the payload; false when the record ends in " [|gre]". */
static bool gre0_fields(const struct printer *pr, struct gre_cur *c, uint16_t flags,
			struct strbuf *sb)
{
	if (flags & (GRE_CP | GRE_RP)) {
		if (!have(c, 2))
			return false;
		if (pr->o.vflag)
			sb_printf(sb, ", sum 0x%x", rd16(c->p + c->off));
		skip(c, 2);
		if (!have(c, 2))
			return false;
		sb_printf(sb, ", off 0x%x", rd16(c->p + c->off));
		skip(c, 2);
	}
	if (!put_field32(c, flags, GRE_KP, ", key=", true, ~0u, sb) ||
	    !put_field32(c, flags, GRE_SP, ", seq ", false, ~0u, sb))
		return false;
	return !(flags & GRE_RP) || put_routes(c, sb);
}

static void gre0_payload(struct printer *pr, struct pview *v, struct gre_cur *c, uint16_t prot,
			 struct strbuf *sb)
{
	const uint8_t *p = c->p + c->off;
	uint32_t cap = c->cap - c->off;

	switch (prot) {
	case XS_ETH_P_IP:
	case XS_ETH_P_IPV6:
	case XS_ETH_P_MPLS_UC:
		print_inner(pr, v, prot, p, cap, c->len, sb);
		return;
	case XS_ETH_P_TEB:
		print_inner(pr, v, 0, p, cap, c->len, sb);
		return;
	default:
		sb_printf(sb, "gre-proto-0x%x", prot);
		return;
	}
}

static bool gre0(struct printer *pr, struct pview *v, struct gre_cur *c, struct strbuf *sb)
{
	uint16_t flags = rd16(c->p), prot;

	put_gre_flags(pr, flags, sb);
	skip(c, 2);
	if (!have(c, 2))
		return false;
	prot = rd16(c->p + c->off);
	skip(c, 2);
	if (!gre0_fields(pr, c, flags, sb))
		return false;
	put_proto_e(pr, prot, sb);
	sb_printf(sb, ", length %u", c->length);
	sb_puts(sb, pr->o.vflag ? "\n\t" : ": ");
	gre0_payload(pr, v, c, prot, sb);
	return true;
}

/* gre_print_1: PPTP's enhanced GRE, which carries PPP. */
static bool gre1(struct printer *pr, struct pview *v, struct gre_cur *c, struct strbuf *sb)
{
	uint16_t flags = rd16(c->p), prot;

	skip(c, 2);
	put_gre_flags(pr, flags, sb);
	if (!have(c, 2))
		return false;
	prot = rd16(c->p + c->off);
	skip(c, 2);
	if (!put_field32(c, flags, GRE_KP, ", call ", false, 0xffff, sb) ||
	    !put_field32(c, flags, GRE_SP, ", seq ", false, ~0u, sb) ||
	    !put_field32(c, flags, GRE_AP, ", ack ", false, ~0u, sb))
		return false;
	if (!(flags & GRE_SP))
		sb_puts(sb, ", no-payload");
	put_proto_e(pr, prot, sb);
	sb_printf(sb, ", length %u", c->length);
	if (!(flags & GRE_SP))
		return true;
	sb_puts(sb, pr->o.vflag ? "\n\t" : ": ");
	if (prot == ETHERTYPE_PPP)
		print_ppp(pr, v, c->p + c->off, c->cap - c->off, c->len, sb);
	else
		sb_printf(sb, "gre-proto-0x%x", prot);
	return true;
}

void print_gre(struct printer *pr, struct pview *v, const uint8_t *p, uint32_t caplen,
	       uint32_t length, struct strbuf *sb)
{
	struct gre_cur c = {.p = p, .off = 0, .cap = caplen, .len = length, .length = length};
	uint32_t vers;
	bool ok = true;

	if (!have(&c, 2)) {
		put_trunc(sb, "gre");
		return;
	}
	vers = rd16(p) & GRE_VERS_MASK;
	sb_printf(sb, "GREv%u", vers);
	if (vers == 0)
		ok = gre0(pr, v, &c, sb);
	else if (vers == 1)
		ok = gre1(pr, v, &c, sb);
	else
		sb_puts(sb, " ERROR: unknown-version");
	if (!ok)
		put_trunc(sb, "gre");
}
