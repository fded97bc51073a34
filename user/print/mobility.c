// SPDX-License-Identifier: GPL-2.0-only
/*
 * The IPv6 Mobility Header (RFC 6275 6.1) as tcpdump 4.99.3's print-mobility.c prints it: the
 * message type and its fields, and with -v the cookies, tokens and mobility options. Read from
 * the frame's bytes; the checksum is not verified (tcpdump does not either).
 */
#include "addr.h"
#include "ip6.h"
#include "tok.h"
#include "view.h"

#define IP6M_MINLEN 8
#define IP6M_MAX 7

enum { BRR, HOTI, COTI, HOT, COT, BU, BA, BE };

static const struct tok ip6m_str[] = {
    {BRR, "BRR"}, {HOTI, "HoTI"}, {COTI, "CoTI"}, {HOT, "HoT"}, {COT, "CoT"},
    {BU, "BU"},	  {BA, "BA"},	  {BE, "BE"},	  {0, NULL},
};

static const unsigned ip6m_hdrlen[IP6M_MAX + 1] = {
    IP6M_MINLEN,      IP6M_MINLEN + 8, IP6M_MINLEN + 8, IP6M_MINLEN + 16,
    IP6M_MINLEN + 16, IP6M_MINLEN + 4, IP6M_MINLEN + 4, IP6M_MINLEN + 16,
};

/* One mobility option at i of the area [base, base + len); false for tcpdump's trunc. */
static bool put_opt(struct cur *c, uint32_t base, uint32_t i, uint32_t len, struct strbuf *sb)
{
	uint32_t at = base + i, left = len - i;
	uint8_t type = cur_u8(c, at);

	switch (type) {
	case 0:
		sb_puts(sb, "(pad1)");
		return true;
	case 1:
		if (left < 2) {
			sb_puts(sb, "(padn: trunc)");
			return false;
		}
		sb_puts(sb, "(padn)");
		return true;
	case 2:
		if (left < 4) {
			sb_puts(sb, "(refresh: trunc)");
			return false;
		}
		sb_printf(sb, "(refresh: %u)", (uint32_t)cur_be16(c, at + 2) << 2);
		return !c->cut;
	case 3:
		if (left < 18) {
			sb_puts(sb, "(altcoa: trunc)");
			return false;
		}
		if (!cur_need(c, at + 2, 16))
			return false;
		sb_puts(sb, "(alt-CoA: ");
		sb_put_ip6(sb, c->p + at + 2);
		sb_putc(sb, ')');
		return true;
	case 4:
		if (left < 6) {
			sb_puts(sb, "(ni: trunc)");
			return false;
		}
		sb_printf(sb, "(ni: ho=0x%04x co=0x%04x)", cur_be16(c, at + 2),
			  cur_be16(c, at + 4));
		return !c->cut;
	case 5:
		if (left < 12) {
			sb_puts(sb, "(auth: trunc)");
			return false;
		}
		sb_puts(sb, "(auth)");
		return true;
	default:
		if (left < 2) {
			sb_printf(sb, "(sopt_type %u: trunc)", type);
			return false;
		}
		sb_printf(sb, "(type-0x%02x: len=%u)", type, cur_u8(c, at + 1));
		return true;
	}
}

/* mobility_opt_print; false for tcpdump's trunc. */
static bool put_opts(struct cur *c, uint32_t base, uint32_t len, struct strbuf *sb)
{
	uint32_t i, optlen;

	for (i = 0; i < len; i += optlen) {
		uint8_t type = cur_u8(c, base + i);

		if (c->cut)
			return false;
		if (type == 0) {
			optlen = 1;
		} else if (i + 1 < len) {
			optlen = cur_u8(c, base + i + 1) + 2u;
			if (c->cut)
				return false;
		} else {
			return false;
		}
		if (i + optlen > len)
			return false;
		/* tcpdump checks the byte after the option */
		if (!cur_need(c, base + i + optlen, 1))
			return false;
		if (!put_opt(c, base, i, len, sb))
			return false;
	}
	return true;
}

static void put_cookie(struct cur *c, uint32_t off, const char *who, const char *what,
		       struct strbuf *sb)
{
	uint32_t a = cur_be32(c, off), b = cur_be32(c, off + 4);

	if (!c->cut)
		sb_printf(sb, " %s %s=%08x:%08x", who, what, a, b);
}

/* The message's fields; the length of its fixed part, or 0 when the record ends. */
static uint32_t put_message(const struct printer *pr, struct cur *c, uint8_t type,
			    struct strbuf *sb)
{
	const char *who = type == HOTI || type == HOT ? "Home" : "Care-of";
	uint16_t v16;
	uint8_t bits;

	switch (type) {
	case BRR:
		return IP6M_MINLEN;
	case HOTI:
	case COTI:
		if (pr->o.vflag)
			put_cookie(c, IP6M_MINLEN, who, "Init Cookie", sb);
		return IP6M_MINLEN + 8;
	case HOT:
	case COT:
		v16 = cur_be16(c, 6);
		if (c->cut)
			return 0;
		sb_printf(sb, " nonce id=0x%x", v16);
		if (pr->o.vflag) {
			put_cookie(c, IP6M_MINLEN, who, "Init Cookie", sb);
			put_cookie(c, IP6M_MINLEN + 8, who, "Keygen Token", sb);
		}
		return IP6M_MINLEN + 16;
	case BU:
		v16 = cur_be16(c, 6);
		if (c->cut)
			return 0;
		sb_printf(sb, " seq#=%u", v16);
		if (!cur_need(c, IP6M_MINLEN, 2))
			return 0;
		bits = c->p[IP6M_MINLEN] >> 4;
		if (bits)
			sb_printf(sb, " %s%s%s%s", bits & 8 ? "A" : "", bits & 4 ? "H" : "",
				  bits & 2 ? "L" : "", bits & 1 ? "K" : "");
		v16 = cur_be16(c, IP6M_MINLEN + 2);
		if (!c->cut)
			sb_printf(sb, " lifetime=%u", (uint32_t)v16 << 2);
		return IP6M_MINLEN + 4;
	case BA:
		sb_printf(sb, " status=%u", cur_u8(c, 6));
		if (c->cut)
			return 0;
		if (cur_u8(c, 7) & 0x80)
			sb_puts(sb, " K");
		v16 = cur_be16(c, IP6M_MINLEN);
		if (!c->cut)
			sb_printf(sb, " seq#=%u", v16);
		v16 = cur_be16(c, IP6M_MINLEN + 2);
		if (!c->cut)
			sb_printf(sb, " lifetime=%u", (uint32_t)v16 << 2);
		return IP6M_MINLEN + 4;
	default: /* BE */
		sb_printf(sb, " status=%u", cur_u8(c, 6));
		if (c->cut || !cur_need(c, IP6M_MINLEN, 16))
			return 0;
		sb_puts(sb, " homeaddr ");
		sb_put_ip6(sb, c->p + IP6M_MINLEN);
		return IP6M_MINLEN + 16;
	}
}

void print_mobility(const struct printer *pr, struct cur *c, struct strbuf *sb)
{
	uint32_t mhlen, hlen;
	uint8_t type;

	if (!cur_has(c, 1, 1)) {
		put_trunc(sb, "mobility");
		return;
	}
	mhlen = (c->p[1] + 1u) << 3;
	type = cur_u8(c, 2);
	if (c->cut) {
		put_trunc(sb, "mobility");
		return;
	}
	if (type <= IP6M_MAX && mhlen < ip6m_hdrlen[type]) {
		sb_printf(sb, "(header length %u is too small for type %u)", mhlen, type);
		put_trunc(sb, "mobility");
		return;
	}
	sb_puts(sb, "mobility: ");
	put_tok(sb, ip6m_str, type, "type-#", "");
	if (type > IP6M_MAX) {
		sb_printf(sb, " len=%u", c->p[1]);
		return;
	}
	hlen = put_message(pr, c, type, sb);
	if (c->cut || (pr->o.vflag && !put_opts(c, hlen, mhlen - hlen, sb)))
		put_trunc(sb, "mobility");
}
