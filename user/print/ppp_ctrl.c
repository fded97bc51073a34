// SPDX-License-Identifier: GPL-2.0-only
/*
 * PPP's control protocols (RFC 1661: LCP, IPCP, IP6CP, CCP, ...) as tcpdump 4.99.3's
 * print-ppp.c handle_ctrl_proto() prints them: code, id and length, and with -v the encoded
 * length, LCP's options and the fields of echo, identification and rejects (the other
 * protocols' options are ppp_ncp.c's).
 */
#include "addr.h"
#include "cursor.h"
#include "oui.h"
#include "text.h"
#include "tok.h"
#include "ppp.h"

#define PPP_LCP 0xc021
#define PPP_PAP 0xc023
#define PPP_CHAP 0xc223
#define PPP_EAP 0xc227
#define PPP_SPAP 0xc027
#define PPP_SPAP_OLD 0xc123
#define PPP_LQM 0xc025

const struct tok ppp_type_names[] = {
    {0x0021, "IP"},	{0x0023, "OSI"},	{0x0025, "NS"},	      {0x0027, "DECNET"},
    {0x0029, "APPLE"},	{0x002b, "IPX"},	{0x002d, "VJC IP"},   {0x002f, "VJNC IP"},
    {0x0031, "BRPDU"},	{0x0033, "STII"},	{0x0035, "VINES"},    {0x0281, "MPLS"},
    {0x0283, "MPLS"},	{0x00fd, "Compressed"}, {0x003d, "MLPPP"},    {0x0057, "IP6"},
    {0x0201, "HELLO"},	{0x0231, "LUXCOM"},	{0x0233, "SNS"},      {0x8021, "IPCP"},
    {0x8023, "OSICP"},	{0x8025, "NSCP"},	{0x8027, "DECNETCP"}, {0x8029, "APPLECP"},
    {0x802b, "IPXCP"},	{0x8033, "STIICP"},	{0x8035, "VINESCP"},  {0x8057, "IP6CP"},
    {0x8281, "MPLSCP"}, {PPP_LCP, "LCP"},	{PPP_PAP, "PAP"},     {PPP_LQM, "LQM"},
    {PPP_CHAP, "CHAP"}, {PPP_EAP, "EAP"},	{PPP_SPAP, "SPAP"},   {PPP_SPAP_OLD, "Old-SPAP"},
    {0xc02b, "BACP"},	{0xc02d, "BAP"},	{0xc03d, "MLPPP-CP"}, {0x80fd, "CCP"},
    {0, NULL},
};

bool ppp_is_ctrl(uint16_t proto)
{
	switch (proto) {
	case PPP_LCP:
	case 0x8021: /* IPCP */
	case 0x8023: /* OSICP */
	case 0x8281: /* MPLSCP */
	case 0x8057: /* IP6CP */
	case 0x80fd: /* CCP */
	case 0xc02b: /* BACP */
		return true;
	default:
		return false;
	}
}

enum {
	CP_VEXT,
	CP_CONF_REQ,
	CP_CONF_ACK,
	CP_CONF_NAK,
	CP_CONF_REJ,
	CP_TERM_REQ,
	CP_TERM_ACK,
	CP_CODE_REJ,
	CP_PROT_REJ,
	CP_ECHO_REQ,
	CP_ECHO_RPL,
	CP_DISC_REQ,
	CP_ID,
	CP_TIME_REM,
};

static const struct tok cpcodes[] = {
    {CP_VEXT, "Vendor-Extension"},
    {CP_CONF_REQ, "Conf-Request"},
    {CP_CONF_ACK, "Conf-Ack"},
    {CP_CONF_NAK, "Conf-Nack"},
    {CP_CONF_REJ, "Conf-Reject"},
    {CP_TERM_REQ, "Term-Request"},
    {CP_TERM_ACK, "Term-Ack"},
    {CP_CODE_REJ, "Code-Reject"},
    {CP_PROT_REJ, "Prot-Reject"},
    {CP_ECHO_REQ, "Echo-Request"},
    {CP_ECHO_RPL, "Echo-Reply"},
    {CP_DISC_REQ, "Disc-Req"},
    {CP_ID, "Ident"},
    {CP_TIME_REM, "Time-Rem"},
    {14, "Reset-Req"},
    {15, "Reset-Ack"},
    {0, NULL},
};

enum {
	LCPOPT_VEXT,
	LCPOPT_MRU,
	LCPOPT_ACCM,
	LCPOPT_AP,
	LCPOPT_QP,
	LCPOPT_MN,
	LCPOPT_PFC = 7,
	LCPOPT_ACFC,
	LCPOPT_CBACK = 13,
	LCPOPT_MLMRRU = 17,
	LCPOPT_MLED = 19,
	LCPOPT_LD = 23,
};

static const char *const lcpconfopts[] = {
    "Vend-Ext",
    "MRU",
    "ACCM",
    "Auth-Prot",
    "Qual-Prot",
    "Magic-Num",
    "deprecated(6)",
    "PFC",
    "ACFC",
    "FCS-Alt",
    "SDP",
    "Num-Mode",
    "deprecated(12)",
    "Call-Back",
    "deprecated(14)",
    "deprecated(15)",
    "deprecated(16)",
    "MRRU",
    "12-Bit seq #",
    "End-Disc",
    "Proprietary",
    "DCE-Id",
    "MP+",
    "Link-Disc",
    "LCP-Auth-Opt",
    "COBS",
    "Prefix-elision",
    "Multilink-header-Form",
    "I18N",
    "SDL-over-SONET/SDH",
    "PPP-Muxing",
};

#define NUM_LCPOPTS (sizeof(lcpconfopts) / sizeof(lcpconfopts[0]))

static const struct tok authalg_values[] = {
    {5, "MD5"},
    {128, "MS-CHAPv1"},
    {129, "MS-CHAPv2"},
    {0, NULL},
};

static const struct tok callback_values[] = {
    {0, "UserAuth"}, {1, "DialString"}, {2, "LocalID"}, {3, "E.164"},
    {4, "X.500"},    {6, "CBCP"},	{0, NULL},
};

static const char *oui_or(uint32_t oui)
{
	return oui_name(oui) ? oui_name(oui) : "Unknown";
}

/* print_unknown_data: a pointer past the captured bytes is "an error" tcpdump names. */
static void unknown_data(struct strbuf *sb, struct cur *c, uint32_t off, uint32_t len,
			 const char *ident)
{
	if (off > c->cap) {
		sb_puts(sb, ident);
		sb_puts(sb, "Dissector error: print_unknown_data called with pointer past end of "
			    "packet");
		return;
	}
	cur_unknown_data(sb, c, off, len, ident);
}

/* Multilink endpoint discriminator (RFC 1990): its class and address; false ends the list. */
static bool lcp_med(const struct printer *pr, struct cur *c, uint32_t o, uint32_t len,
		    struct strbuf *sb)
{
	uint8_t cls = cur_u8(c, o + 2);

	if (c->cut)
		return false;
	switch (cls) {
	case 0:
		sb_puts(sb, ": Null");
		break;
	case 1:
		sb_puts(sb, ": Local");
		break;
	case 2:
		if (len != 7) {
			sb_puts(sb, " (length bogus, should be = 7)");
			return false;
		}
		put_host_at(pr, c, o + 3, ": IPv4 ", sb);
		break;
	case 3:
		if (len != 9) {
			sb_puts(sb, " (length bogus, should be = 9)");
			return false;
		}
		if (cur_need(c, o + 3, 6)) {
			sb_puts(sb, ": MAC ");
			put_mac(sb, c->p + o + 3, TCPDUMP_499);
		}
		break;
	case 4:
		sb_puts(sb, ": Magic-Num-Block");
		break;
	case 5:
		sb_puts(sb, ": PSNDN");
		break;
	default:
		sb_printf(sb, ": Unknown class %u", cls);
		break;
	}
	return true;
}

/* MRU, MRRU, ACCM and magic number: a number of the option's length, which must be right. */
static enum ppp_opt_ret lcp_number(struct cur *c, uint32_t o, uint8_t opt, uint32_t len,
				   struct strbuf *sb)
{
	switch (opt) {
	case LCPOPT_MRU:
	case LCPOPT_MLMRRU:
		if (len != 4) {
			sb_puts(sb, " (length bogus, should be = 4)");
			return opt == LCPOPT_MRU ? PPP_OPT_EARLY : PPP_OPT_END;
		}
		if (!cur_need(c, o + 2, 2))
			return PPP_OPT_END;
		sb_printf(sb, ": %u", cur_be16(c, o + 2));
		return PPP_OPT_DONE;
	case LCPOPT_ACCM:
	case LCPOPT_MN:
		if (len != 6) {
			sb_puts(sb, " (length bogus, should be = 6)");
			return opt == LCPOPT_ACCM ? PPP_OPT_EARLY : PPP_OPT_END;
		}
		if (!cur_need(c, o + 2, 4))
			return PPP_OPT_END;
		sb_printf(sb, ": 0x%08x", cur_be32(c, o + 2));
		return PPP_OPT_DONE;
	default:
		return PPP_OPT_DONE;
	}
}

/* An option's value, by its kind. */
static enum ppp_opt_ret lcp_value(const struct printer *pr, struct cur *c, uint32_t o, uint8_t opt,
				  uint32_t len, struct strbuf *sb)
{
	uint16_t ap;

	switch (opt) {
	case LCPOPT_VEXT:
		if (len < 6) {
			sb_puts(sb, " (length bogus, should be >= 6)");
			return PPP_OPT_EARLY;
		}
		if (!cur_need(c, o + 2, 3))
			return PPP_OPT_END;
		sb_printf(sb, ": Vendor: %s (%u)", oui_or(cur_be24(c, o + 2)), cur_be24(c, o + 2));
		return PPP_OPT_DONE;
	case LCPOPT_MRU:
	case LCPOPT_MLMRRU:
	case LCPOPT_ACCM:
	case LCPOPT_MN:
		return lcp_number(c, o, opt, len, sb);
	case LCPOPT_AP:
		if (len < 4) {
			sb_puts(sb, " (length bogus, should be >= 4)");
			return PPP_OPT_EARLY;
		}
		ap = cur_be16(c, o + 2);
		if (c->cut)
			return PPP_OPT_END;
		sb_puts(sb, ": ");
		/* tcpdump's format lacks its '%': the text is printed as it stands */
		sb_puts(sb, tok_or(ppp_type_names, ap, "Unknown Auth Proto (0x04x)"));
		switch (ap) {
		case PPP_CHAP:
			if (!cur_need(c, o + 4, 1))
				return PPP_OPT_END;
			sb_puts(sb, ", ");
			put_tok(sb, authalg_values, c->p[o + 4], "Unknown Auth Alg ", "");
			break;
		case PPP_PAP:
		case PPP_EAP:
		case PPP_SPAP:
		case PPP_SPAP_OLD:
			break;
		default:
			unknown_data(sb, c, o, len, "\n\t");
			break;
		}
		return PPP_OPT_DONE;
	case LCPOPT_QP:
		if (len < 4) {
			sb_puts(sb, " (length bogus, should be >= 4)");
			return PPP_OPT_END;
		}
		if (!cur_need(c, o + 2, 2))
			return PPP_OPT_END;
		sb_puts(sb, cur_be16(c, o + 2) == PPP_LQM ? ": LQR" : ": unknown");
		return PPP_OPT_DONE;
	case LCPOPT_PFC:
	case LCPOPT_ACFC:
		return PPP_OPT_DONE;
	case LCPOPT_LD:
		if (len != 4) {
			sb_puts(sb, " (length bogus, should be = 4)");
			return PPP_OPT_END;
		}
		if (!cur_need(c, o + 2, 2))
			return PPP_OPT_END;
		sb_printf(sb, ": 0x%04x", cur_be16(c, o + 2));
		return PPP_OPT_DONE;
	case LCPOPT_CBACK:
		if (len < 3) {
			sb_puts(sb, " (length bogus, should be >= 3)");
			return PPP_OPT_END;
		}
		if (!cur_need(c, o + 2, 1))
			return PPP_OPT_END;
		sb_puts(sb, ": : Callback Operation ");
		sb_puts(sb, tok_or(callback_values, c->p[o + 2], "Unknown"));
		sb_printf(sb, " (%u)", c->p[o + 2]);
		return PPP_OPT_DONE;
	case LCPOPT_MLED:
		if (len < 3) {
			sb_puts(sb, " (length bogus, should be >= 3)");
			return PPP_OPT_END;
		}
		return lcp_med(pr, c, o, len, sb) ? PPP_OPT_DONE : PPP_OPT_END;
	default:
		if (pr->o.vflag < 2)
			unknown_data(sb, c, o + 2, len - 2, "\n\t    ");
		return PPP_OPT_DONE;
	}
}

/* print_lcp_config_options: the option at o; what it takes, 0 to end the list. `length` is
 * the message's encoded length, as tcpdump passes it. */
static uint32_t lcp_option(const struct printer *pr, struct cur *c, uint32_t o, uint32_t length,
			   struct strbuf *sb)
{
	enum ppp_opt_ret ret;
	uint8_t opt, len;

	if (length < 2)
		return 0;
	if (!cur_has(c, o, 2)) {
		sb_puts(sb, "[|lcp]");
		return 0;
	}
	opt = c->p[o];
	len = c->p[o + 1];
	if (length < len)
		return 0;
	if (opt >= NUM_LCPOPTS) {
		sb_printf(sb, "\n\tunknown LCP option 0x%02x", opt);
		return len < 2 ? 0 : len;
	}
	sb_printf(sb, "\n\t  %s Option (0x%02x), length %u", lcpconfopts[opt], opt, len);
	if (len < 2) {
		sb_puts(sb, " (length bogus, should be >= 2)");
		return 0;
	}
	ret = lcp_value(pr, c, o, opt, len, sb);
	if (ret == PPP_OPT_END || c->cut)
		return 0;
	if (ret == PPP_OPT_DONE && pr->o.vflag > 1)
		unknown_data(sb, c, o + 2, len - 2, "\n\t    ");
	return len;
}

/* The options of a Conf-* message: tlen bytes from byte 4. */
static void conf_options(const struct printer *pr, uint16_t proto, struct cur *c, uint32_t len,
			 struct strbuf *sb)
{
	uint32_t tlen = len - 4, o = 4, advance;

	if (proto != PPP_LCP && !ppp_ncp_has_options(proto))
		return;
	do {
		advance = proto == PPP_LCP ? lcp_option(pr, c, o, len, sb)
					   : ppp_ncp_option(pr, proto, c, o, len, sb);
		if (!advance || c->cut)
			return;
		if (tlen < advance) {
			sb_printf(sb, " [remaining options length %u < %u] (invalid)", tlen,
				  advance);
			return;
		}
		tlen -= advance;
		o += advance;
	} while (tlen);
}

/* The message's fields after its header, by code (-v); false on "[|proto]". */
static bool ctrl_fields(const struct printer *pr, uint16_t proto, uint8_t code, struct cur *c,
			uint32_t len, struct strbuf *sb)
{
	uint16_t rej;

	switch (code) {
	case CP_VEXT:
		if (len < 11)
			return true;
		if (!cur_need(c, 4, 4))
			return true;
		sb_printf(sb, "\n\t  Magic-Num 0x%08x", cur_be32(c, 4));
		if (!cur_need(c, 8, 3))
			return true;
		sb_printf(sb, " Vendor: %s (%u)", oui_or(cur_be24(c, 8)), cur_be24(c, 8));
		return true;
	case CP_CONF_REQ:
	case CP_CONF_ACK:
	case CP_CONF_NAK:
	case CP_CONF_REJ:
		conf_options(pr, proto, c, len, sb);
		return true;
	case CP_TERM_REQ:
	case CP_TERM_ACK:
	case CP_CODE_REJ:
		return true;
	case CP_PROT_REJ:
		if (len < 6)
			return true;
		rej = cur_be16(c, 4);
		if (c->cut)
			return true;
		sb_puts(sb, "\n\t  Rejected ");
		sb_puts(sb, tok_or(ppp_type_names, rej, "unknown"));
		sb_printf(sb, " Protocol (0x%04x)", rej);
		if (len > 6) {
			sb_puts(sb, "\n\t  Rejected Packet");
			unknown_data(sb, c, 6, len - 2, "\n\t    ");
		}
		return true;
	case CP_ECHO_REQ:
	case CP_ECHO_RPL:
	case CP_DISC_REQ:
		if (len < 8)
			return true;
		if (!cur_need(c, 4, 4))
			return true;
		sb_printf(sb, "\n\t  Magic-Num 0x%08x", cur_be32(c, 4));
		if (len <= 8)
			return true;
		sb_puts(sb, "\n\t  -----trailing data-----");
		if (!cur_has(c, 8, len - 8))
			return false;
		unknown_data(sb, c, 8, len - 8, "\n\t  ");
		return true;
	case CP_ID:
		if (len < 8)
			return true;
		if (!cur_need(c, 4, 4))
			return true;
		sb_printf(sb, "\n\t  Magic-Num 0x%08x", cur_be32(c, 4));
		if (len <= 8)
			return true;
		sb_puts(sb, "\n\t  Message\n\t    ");
		/* nd_printn of len - 4 bytes from byte 8, as tcpdump counts them */
		for (uint32_t i = 0; i < len - 4; i++) {
			if (!cur_has(c, 8 + i, 1))
				return false;
			put_print_char(sb, c->p[8 + i]);
		}
		return true;
	case CP_TIME_REM:
		if (len < 12)
			return true;
		if (!cur_need(c, 4, 4))
			return true;
		sb_printf(sb, "\n\t  Magic-Num 0x%08x", cur_be32(c, 4));
		if (cur_need(c, 8, 4))
			sb_printf(sb, ", Seconds-Remaining %us", cur_be32(c, 8));
		return true;
	default:
		return true;
	}
}

void print_ppp_ctrl(struct printer *pr, struct pview *v, uint16_t proto, const uint8_t *p,
		    uint32_t caplen, uint32_t length, struct strbuf *sb)
{
	/* tcpdump shows the two bytes before the message (the protocol field) in some dumps;
	 * PPP's callers always have them (PPPoE's header at least). */
	struct cur c = cur_make(p, caplen), pre = cur_make(p - 2, caplen + 2);
	const char *name = tok_name(ppp_type_names, proto);
	uint32_t len;
	uint8_t code;

	if (name)
		sb_printf(sb, "%s, ", name);
	else
		sb_printf(sb, "unknown ctrl-proto (0x%04x), ", proto);
	if (length < 4 || !cur_has(&c, 0, 2))
		goto trunc;
	code = c.p[0];
	sb_printf(sb, "%s (0x%02x), id %u, length %u", tok_or(cpcodes, code, "Unknown Opcode"),
		  code, c.p[1], length + 2);
	if (!pr->o.vflag)
		return;
	len = cur_be16(&c, 2);
	if (c.cut)
		goto lost;
	if (len < 4) {
		sb_printf(sb, "\n\tencoded length %u (< 4))", len);
		return;
	}
	if (len > length) {
		sb_printf(sb, "\n\tencoded length %u (> packet length %u))", len, length);
		return;
	}
	sb_printf(sb, "\n\tencoded length %u (=Option(s) length %u)", len, len - 4);
	if (len == 4)
		return;
	if (pr->o.vflag > 1)
		unknown_data(sb, &pre, 0, 6, "\n\t");
	if (!tok_name(cpcodes, code) || code > CP_TIME_REM) {
		if (pr->o.vflag <= 1)
			unknown_data(sb, &pre, 0, len + 2, "\n\t  ");
		return;
	}
	if (!ctrl_fields(pr, proto, code, &c, len, sb))
		goto trunc;
	if (c.cut)
		goto lost;
	return;
trunc:
	sb_printf(sb, "[|%s]", name ? name : "unknown ctrl-proto");
	return;
lost: /* a GET_ past the capture: tcpdump longjmps out with ppp_print's protocol */
	put_trunc(sb, "ppp");
	v->lost = true;
}
