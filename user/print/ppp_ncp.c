// SPDX-License-Identifier: GPL-2.0-only
/*
 * The configuration options of PPP's network and compression control protocols as tcpdump
 * 4.99.3's print-ppp.c prints them: IPCP (RFC 1332, 1877, 3544), IP6CP (RFC 5072), CCP
 * (RFC 1962 and after) and BACP (RFC 2125). ppp_ctrl.c prints the messages around them.
 */
#include "addr.h"
#include "ppp.h"

#define PPP_IPCP 0x8021
#define PPP_IPV6CP 0x8057
#define PPP_CCP 0x80fd
#define PPP_BACP 0xc02b
#define PPP_VJC 0x002d
#define IPCOMP_HDRCOMP 0x61
#define IPCOMP_MINLEN 14

static const struct tok ipcp_values[] = {
    {1, "IP-Addrs"},   {2, "IP-Comp"},	 {3, "IP-Addr"},    {4, "Home-Addr"}, {129, "Pri-DNS"},
    {130, "Pri-NBNS"}, {131, "Sec-DNS"}, {132, "Sec-NBNS"}, {0, NULL},
};

static const struct tok compproto_values[] = {
    {PPP_VJC, "VJ-Comp"},
    {IPCOMP_HDRCOMP, "IP Header Compression"},
    {0, NULL},
};

static const struct tok compproto_subopt_values[] = {
    {1, "RTP-Compression"},
    {2, "Enhanced RTP-Compression"},
    {0, NULL},
};

static const struct tok ip6cp_values[] = {
    {1, "Interface-ID"},
    {0, NULL},
};

static const struct tok ccp_values[] = {
    {0, "OUI"},	     {1, "Pred-1"},    {2, "Pred-2"},	  {3, "Puddle"},
    {16, "HP-PPC"},  {17, "Stac-LZS"}, {18, "MPPC"},	  {19, "Gand-FZA"},
    {20, "V.42bis"}, {21, "BSD-Comp"}, {23, "LZS-DCP"},	  {24, "MVRCA"},
    {25, "DEC"},     {26, "Deflate"},  {255, "Reserved"}, {0, NULL},
};

static const struct tok bacp_values[] = {
    {1, "Favored-Peer"},
    {0, NULL},
};

/* "(length bogus, should be OP N)"; tcpdump then goes on past the option or ends the list. */
static enum ppp_opt_ret bogus(struct strbuf *sb, const char *op, uint32_t n, enum ppp_opt_ret r)
{
	sb_printf(sb, " (length bogus, should be %s %u)", op, n);
	return r;
}

/* IP header compression's parameters and suboptions (RFC 3544). */
static enum ppp_opt_ret ipcomp(struct cur *c, uint32_t o, uint32_t len, struct strbuf *sb)
{
	uint32_t total;

	if (len < IPCOMP_MINLEN)
		return bogus(sb, ">=", IPCOMP_MINLEN, PPP_OPT_END);
	if (!cur_has(c, o + 2, IPCOMP_MINLEN)) {
		sb_puts(sb, "[|ipcp]");
		return PPP_OPT_END;
	}
	sb_printf(sb, "\n\t    TCP Space %u, non-TCP Space %u, maxPeriod %u, maxTime %u, maxHdr %u",
		  cur_be16(c, o + 4), cur_be16(c, o + 6), cur_be16(c, o + 8), cur_be16(c, o + 10),
		  cur_be16(c, o + 12));
	if (len <= IPCOMP_MINLEN)
		return PPP_OPT_DONE;
	total = len - IPCOMP_MINLEN;
	o += IPCOMP_MINLEN;
	sb_printf(sb, "\n\t      Suboptions, length %u", total);
	while (total >= 2) {
		uint8_t sub, sublen;

		if (!cur_has(c, o, 2)) {
			sb_puts(sb, "[|ipcp]");
			return PPP_OPT_END;
		}
		sub = c->p[o];
		sublen = c->p[o + 1];
		if (!sub || !sublen)
			break;
		sb_printf(sb, "\n\t\t%s Suboption #%u, length %u",
			  tok_or(compproto_subopt_values, sub, "Unknown"), sub, sublen);
		if (total < sublen) {
			sb_printf(sb, " [remaining suboptions length %u < %u] (invalid)", total,
				  sublen);
			break;
		}
		total -= sublen;
		o += sublen;
	}
	return PPP_OPT_DONE;
}

static enum ppp_opt_ret ipcp_value(const struct printer *pr, struct cur *c, uint32_t o, uint8_t opt,
				   uint32_t len, struct strbuf *sb)
{
	uint16_t proto;

	switch (opt) {
	case 1:
		if (len != 10)
			return bogus(sb, "=", 10, PPP_OPT_EARLY);
		if (!cur_need(c, o + 2, 8))
			return PPP_OPT_END;
		put_host_at(pr, c, o + 2, ": src ", sb);
		put_host_at(pr, c, o + 6, ", dst ", sb);
		return PPP_OPT_DONE;
	case 2:
		if (len < 4)
			return bogus(sb, ">=", 4, PPP_OPT_END);
		proto = cur_be16(c, o + 2);
		if (c->cut)
			return PPP_OPT_END;
		sb_printf(sb, ": %s (0x%02x):", tok_or(compproto_values, proto, "Unknown"), proto);
		return proto == IPCOMP_HDRCOMP ? ipcomp(c, o, len, sb) : PPP_OPT_DONE;
	case 3:
	case 4:
	case 129:
	case 130:
	case 131:
	case 132:
		if (len != 6)
			return bogus(sb, "=", 6, PPP_OPT_END);
		put_host_at(pr, c, o + 2, ": ", sb);
		return PPP_OPT_DONE;
	default:
		if (pr->o.vflag < 2)
			cur_unknown_data(sb, c, o + 2, len - 2, "\n\t    ");
		return PPP_OPT_DONE;
	}
}

static enum ppp_opt_ret ip6cp_value(const struct printer *pr, struct cur *c, uint32_t o,
				    uint8_t opt, uint32_t len, struct strbuf *sb)
{
	if (opt != 1) {
		if (pr->o.vflag < 2)
			cur_unknown_data(sb, c, o + 2, len - 2, "\n\t    ");
		return PPP_OPT_DONE;
	}
	if (len != 10)
		return bogus(sb, "=", 10, PPP_OPT_EARLY);
	if (!cur_has(c, o + 2, 8)) {
		sb_puts(sb, "[|ip6cp]");
		return PPP_OPT_END;
	}
	sb_printf(sb, ": %04x:%04x:%04x:%04x", cur_be16(c, o + 2), cur_be16(c, o + 4),
		  cur_be16(c, o + 6), cur_be16(c, o + 8));
	return PPP_OPT_DONE;
}

static enum ppp_opt_ret ccp_value(const struct printer *pr, struct cur *c, uint32_t o, uint8_t opt,
				  uint32_t len, struct strbuf *sb)
{
	uint8_t a, b;

	switch (opt) {
	case 21: /* BSD-Comp */
		if (len < 3)
			return bogus(sb, ">=", 3, PPP_OPT_EARLY);
		a = cur_u8(c, o + 2);
		if (c->cut)
			return PPP_OPT_END;
		sb_printf(sb, ": Version: %u, Dictionary Bits: %u", a >> 5, a & 0x1f);
		return PPP_OPT_DONE;
	case 24: /* MVRCA */
	case 26: /* Deflate */
		if (len < 4)
			return bogus(sb, ">=", 4, PPP_OPT_EARLY);
		a = cur_u8(c, o + 2);
		b = cur_u8(c, o + 3);
		if (c->cut)
			return PPP_OPT_END;
		if (opt == 24)
			sb_printf(sb, ": Features: %u, PxP: %s, History: %u, #CTX-ID: %u",
				  (a & 0xc0) >> 6, a & 0x20 ? "Enabled" : "Disabled", a & 0x1f, b);
		else
			sb_printf(sb, ": Window: %uK, Method: %s (0x%x), MBZ: %u, CHK: %u",
				  (a & 0xf0) >> 4, (a & 0x0f) == 8 ? "zlib" : "unknown", a & 0x0f,
				  (b & 0xfc) >> 2, b & 0x03);
		return PPP_OPT_DONE;
	default:
		if (pr->o.vflag < 2)
			cur_unknown_data(sb, c, o + 2, len - 2, "\n\t    ");
		return PPP_OPT_DONE;
	}
}

static enum ppp_opt_ret bacp_value(const struct printer *pr, struct cur *c, uint32_t o, uint8_t opt,
				   uint32_t len, struct strbuf *sb)
{
	uint32_t magic;

	if (opt != 1) {
		if (pr->o.vflag < 2)
			cur_unknown_data(sb, c, o + 2, len - 2, "\n\t    ");
		return PPP_OPT_DONE;
	}
	if (len != 6)
		return bogus(sb, "=", 6, PPP_OPT_EARLY);
	magic = cur_be32(c, o + 2);
	if (c->cut)
		return PPP_OPT_END;
	sb_printf(sb, ": Magic-Num 0x%08x", magic);
	return PPP_OPT_DONE;
}

bool ppp_ncp_has_options(uint16_t proto)
{
	return proto == PPP_IPCP || proto == PPP_IPV6CP || proto == PPP_CCP || proto == PPP_BACP;
}

uint32_t ppp_ncp_option(const struct printer *pr, uint16_t proto, struct cur *c, uint32_t o,
			uint32_t length, struct strbuf *sb)
{
	const struct tok *names = proto == PPP_IPCP	? ipcp_values
				  : proto == PPP_IPV6CP ? ip6cp_values
				  : proto == PPP_CCP	? ccp_values
							: bacp_values;
	const char *unknown = proto == PPP_IPCP || proto == PPP_IPV6CP ? "unknown" : "Unknown";
	const char *trunc = proto == PPP_IPCP	  ? "[|ipcp]"
			    : proto == PPP_IPV6CP ? "[|ip6cp]"
			    : proto == PPP_CCP	  ? "[|ccp]"
						  : "[|bacp]";
	enum ppp_opt_ret ret;
	uint8_t opt, len;

	if (length < 2)
		return 0;
	if (!cur_has(c, o, 2)) {
		sb_puts(sb, trunc);
		return 0;
	}
	opt = c->p[o];
	len = c->p[o + 1];
	if (length < len)
		return 0;
	sb_printf(sb, "\n\t  %s Option (0x%02x), length %u", tok_or(names, opt, unknown), opt, len);
	if (len < 2) {
		sb_puts(sb, " (length bogus, should be >= 2)");
		return 0;
	}
	switch (proto) {
	case PPP_IPCP:
		ret = ipcp_value(pr, c, o, opt, len, sb);
		break;
	case PPP_IPV6CP:
		ret = ip6cp_value(pr, c, o, opt, len, sb);
		break;
	case PPP_CCP:
		ret = ccp_value(pr, c, o, opt, len, sb);
		break;
	default:
		ret = bacp_value(pr, c, o, opt, len, sb);
		break;
	}
	if (ret == PPP_OPT_END || c->cut)
		return 0;
	if (ret == PPP_OPT_DONE && pr->o.vflag > 1)
		cur_unknown_data(sb, c, o + 2, len - 2, "\n\t    ");
	return len;
}
