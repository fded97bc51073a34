// SPDX-License-Identifier: GPL-2.0-only
/*
 * DCCP (RFC 4340) as tcpdump 4.99.3's print-dccp.c prints it: addresses and ports, the packet
 * type and its fields (service code, reset code, acknowledgement number), with -v CCVal,
 * checksum coverage and the checksum verdict, with -vv the sequence number and the options.
 */
#include <inttypes.h>

#include "addr.h"
#include "csum.h"
#include "ipproto.h"
#include "proto.h"
#include "pseudo.h"
#include "tok.h"
#include "wire.h"

#define DCCP_HLEN 12 /* the generic header with a short sequence number */
#define DCCP_HLEN_X 16 /* ... with the X bit's 48-bit one */

enum {
	DCCP_REQUEST,
	DCCP_RESPONSE,
	DCCP_DATA,
	DCCP_ACK,
	DCCP_DATAACK,
	DCCP_CLOSEREQ,
	DCCP_CLOSE,
	DCCP_RESET,
	DCCP_SYNC,
	DCCP_SYNCACK,
};

static const struct tok pkt_type_str[] = {
    {DCCP_REQUEST, "DCCP-Request"},
    {DCCP_RESPONSE, "DCCP-Response"},
    {DCCP_DATA, "DCCP-Data"},
    {DCCP_ACK, "DCCP-Ack"},
    {DCCP_DATAACK, "DCCP-DataAck"},
    {DCCP_CLOSEREQ, "DCCP-CloseReq"},
    {DCCP_CLOSE, "DCCP-Close"},
    {DCCP_RESET, "DCCP-Reset"},
    {DCCP_SYNC, "DCCP-Sync"},
    {DCCP_SYNCACK, "DCCP-SyncAck"},
    {0, NULL},
};

static const char *const reset_codes[] = {
    "unspecified",	"closed",	"aborted",	   "no_connection",
    "packet_error",	"option_error", "mandatory_error", "connection_refused",
    "bad_service_code", "too_busy",	"bad_init_cookie", "aggression_penalty",
};

static const char *const feature_nums[] = {
    "reserved",
    "ccid",
    "allow_short_seqno",
    "sequence_window",
    "ecn_incapable",
    "ack_ratio",
    "send_ack_vector",
    "send_ndp_count",
    "minimum checksum coverage",
    "check data checksum",
};

static const struct tok option_values[] = {
    {0, "nop"},	       {1, "mandatory"},       {2, "slowreceiver"},  {32, "change_l"},
    {33, "confirm_l"}, {34, "change_r"},       {35, "confirm_r"},    {36, "initcookie"},
    {37, "ndp_count"}, {38, "ack_vector0"},    {39, "ack_vector1"},  {40, "data_dropped"},
    {41, "timestamp"}, {42, "timestamp_echo"}, {43, "elapsed_time"}, {44, "data_checksum"},
    {0, NULL},
};

/* What each type adds to the generic header. */
static uint32_t type_extra(uint8_t type)
{
	switch (type) {
	case DCCP_REQUEST:
		return 4;
	case DCCP_RESPONSE:
	case DCCP_RESET:
		return 12;
	case DCCP_DATA:
		return 0;
	default:
		return type <= DCCP_SYNCACK ? 8 : 0;
	}
}

static void put_option_name(struct strbuf *sb, uint8_t kind)
{
	if (tok_name(option_values, kind))
		sb_puts(sb, tok_name(option_values, kind));
	else
		sb_printf(sb, "Option %u", kind);
}

/* An option's bytes after its kind and length, in hex, as "0x..." or "..." */
static void put_opt_hex(struct strbuf *sb, const uint8_t *p, uint8_t optlen, const char *prefix)
{
	if (optlen <= 2)
		return;
	sb_puts(sb, prefix);
	sb_puthexbytes(sb, p + 2, optlen - 2u);
}

/* A known option's value after its name (its bytes held). */
static void option_value(const uint8_t *p, uint8_t kind, uint8_t optlen, struct strbuf *sb)
{
	switch (kind) {
	case 32:
	case 33:
	case 34:
	case 35:
		if (optlen < 3) {
			sb_puts(sb, " optlen too short");
			return;
		}
		if (p[2] < 10) {
			sb_printf(sb, " %s", feature_nums[p[2]]);
			for (uint32_t i = 3; i < optlen; i++)
				sb_printf(sb, " %u", p[i]);
		}
		break;
	case 36:
	case 38:
	case 39:
	case 40:
		put_opt_hex(sb, p, optlen, " 0x");
		break;
	case 37:
		for (uint32_t i = 2; i < optlen; i++)
			sb_printf(sb, " %u", p[i]);
		break;
	case 41:
		if (optlen == 6)
			sb_printf(sb, " %u", rd32(p + 2));
		else
			sb_puts(sb, " [optlen != 6]");
		break;
	case 42:
		if (optlen == 6)
			sb_printf(sb, " %u", rd32(p + 2));
		else if (optlen == 8)
			sb_printf(sb, " %u (elapsed time %u)", rd32(p + 2), rd16(p + 6));
		else if (optlen == 10)
			sb_printf(sb, " %u (elapsed time %u)", rd32(p + 2), rd32(p + 6));
		else
			sb_puts(sb, " [optlen != 6 or 8 or 10]");
		break;
	case 43:
		if (optlen == 6)
			sb_printf(sb, " %u", rd32(p + 2));
		else if (optlen == 4)
			sb_printf(sb, " %u", rd16(p + 2));
		else
			sb_puts(sb, " [optlen != 4 or 6]");
		break;
	case 44:
		put_opt_hex(sb, p, optlen, " ");
		break;
	default:
		break;
	}
}

/* dccp_print_option: what it takes, 0 to end the list. */
static uint32_t option(struct cur *c, uint32_t o, uint32_t hlen, struct strbuf *sb)
{
	uint8_t kind = cur_u8(c, o), optlen = 1;
	const uint8_t *p;

	if (c->cut)
		return 0;
	if (kind >= 32) {
		optlen = cur_u8(c, o + 1);
		if (c->cut)
			return 0;
		if (optlen < 2) {
			if (kind >= 128)
				sb_printf(sb, "CCID option %u optlen too short", kind);
			else {
				put_option_name(sb, kind);
				sb_puts(sb, " optlen too short");
			}
			return 0;
		}
	}
	if (hlen < optlen) {
		if (kind >= 128)
			sb_printf(sb, "CCID option %u optlen goes past header length", kind);
		else {
			put_option_name(sb, kind);
			sb_puts(sb, " optlen goes past header length");
		}
		return 0;
	}
	if (!cur_has(c, o, optlen)) {
		put_trunc(sb, "dccp");
		return 0;
	}
	p = c->p + o;
	if (kind >= 128) {
		sb_printf(sb, "CCID option %u", kind);
		if (optlen == 4)
			sb_printf(sb, " %u", rd16(p + 2));
		else if (optlen == 6)
			sb_printf(sb, " %u", rd32(p + 2));
		return optlen;
	}
	put_option_name(sb, kind);
	option_value(p, kind, optlen, sb);
	return optlen;
}

/* -v's CCVal, coverage and checksum verdict (the whole packet held). */
static void put_cksum(const struct pview *v, struct cur *c, uint32_t len, struct strbuf *sb)
{
	uint8_t cscov = c->p[5] & 0xf;
	uint32_t cov = len;
	uint16_t field, sum;

	sb_printf(sb, " (CCVal %u, CsCov %u", c->p[5] >> 4, cscov);
	if (cur_has(c, 0, len)) {
		if (cscov) {
			cov = (c->p[4] + cscov - 1u) * 4;
			cov = cov > len ? len : cov;
		}
		field = rd16(c->p + 6);
		sum = l4_cksum_cov(v, XS_IPPROTO_DCCP, c->p, len, cov);
		sb_printf(sb, ", cksum 0x%04x ", field);
		if (sum)
			sb_printf(sb, "(incorrect -> 0x%04x)", csum_shouldbe(field, sum));
		else
			sb_puts(sb, "(correct)");
	}
	sb_putc(sb, ')');
}

/* The acknowledgement number after the generic header; false when cut. */
static bool put_ack(struct cur *c, uint32_t basic, bool x, struct strbuf *sb)
{
	uint64_t ack;

	if (x)
		ack = (uint64_t)cur_be16(c, basic + 2) << 32 | cur_be32(c, basic + 4);
	else
		ack = cur_be24(c, basic + 1);
	if (c->cut)
		return false;
	sb_printf(sb, "(ack=%" PRIu64 ") ", ack);
	return true;
}

bool print_dccp(struct printer *pr, struct pview *v, struct cur *c, uint32_t length,
		struct strbuf *sb)
{
	uint32_t fixed, basic, hlen;
	uint8_t type;
	bool x;

	if (!cur_has(c, 0, DCCP_HLEN)) {
		c->cut = true;
		return true;
	}
	if (length < DCCP_HLEN) {
		sb_printf(sb, "truncated-dccp - %u bytes missing!", DCCP_HLEN - length);
		return true;
	}
	x = c->p[8] & 1;
	basic = fixed = x ? DCCP_HLEN_X : DCCP_HLEN;
	if (length < fixed) {
		sb_printf(sb, "truncated-dccp - %u bytes missing!", fixed - length);
		return true;
	}
	if (!cur_need(c, 0, fixed) || !v->saddr || !v->daddr)
		return true;
	hlen = c->p[4] * 4u;
	put_host(pr, sb, v->saddr, v->is6);
	sb_printf(sb, ".%u > ", rd16(c->p));
	put_host(pr, sb, v->daddr, v->is6);
	sb_printf(sb, ".%u: DCCP", rd16(c->p + 2));
	if (pr->o.qflag) {
		sb_printf(sb, " %u", length - hlen);
		if (hlen > length)
			sb_printf(sb, " [bad hdr length %u - too long, > %u]", hlen, length);
		return true;
	}
	if (pr->o.vflag)
		put_cksum(v, c, length, sb);
	sb_putc(sb, ' ');
	type = (c->p[8] >> 1) & 0xf;
	fixed += type_extra(type);
	if (type <= DCCP_SYNCACK && type != DCCP_DATA && length < fixed) {
		sb_printf(sb, "truncated-%s - %u bytes missing!", tok_name(pkt_type_str, type),
			  fixed - length);
		return true;
	}
	if (type == DCCP_REQUEST || type == DCCP_RESPONSE || type == DCCP_RESET) {
		if (!cur_need(c, basic, fixed - basic))
			return true;
		sb_puts(sb, tok_name(pkt_type_str, type));
		if (type == DCCP_RESET)
			sb_printf(sb, " (code=%s) ",
				  c->p[basic + 8] < 12 ? reset_codes[c->p[basic + 8]] : "invalid");
		else
			sb_printf(sb, " (service=%u) ", rd32(c->p + fixed - 4));
	} else if (type <= DCCP_SYNCACK) {
		sb_printf(sb, "%s ", tok_name(pkt_type_str, type));
	} else {
		sb_printf(sb, "unknown-type-%u ", type);
	}
	if (type != DCCP_DATA && type != DCCP_REQUEST && !put_ack(c, basic, x, sb))
		return true;
	if (pr->o.vflag < 2)
		return true;
	sb_printf(sb, "seq %" PRIu64,
		  x ? (uint64_t)rd16(c->p + 10) << 32 | rd32(c->p + 12) : cur_be24(c, 9));
	if (hlen <= fixed)
		return true;
	sb_puts(sb, " <");
	hlen -= fixed;
	for (uint32_t o = fixed;;) {
		uint32_t optlen = option(c, o, hlen, sb);

		if (c->cut)
			return true;
		if (!optlen || hlen <= optlen)
			break;
		hlen -= optlen;
		o += optlen;
		sb_puts(sb, ", ");
	}
	sb_putc(sb, '>');
	return true;
}
