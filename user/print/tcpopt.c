// SPDX-License-Identifier: GPL-2.0-only
/*
 * The TCP option area (RFC 9293 3.2), printed as tcpdump prints it: one walk over the options,
 * tcp_print()'s, with its "[bad opt]", "[len N]" and truncation endings, and each dialect's
 * words for the options: 4.99.3's ", options [mss 1460,TS val 1 ecr 0]" (MPTCP: mptcp.c) and
 * 3.7.2's " <mss 1460,timestamp 1 0>", which walked the same way.
 */
#include <stdbool.h>
#include <stdint.h>

#include "mptcp.h"
#include "proto.h"
#include "strbuf.h"
#include "tcpopt.h"
#include "wire.h"

#define MD5_SIGLEN 16
#define TFO_MAGIC 0xf989 /* RFC 7413 section 4.1.1, experimental-kind TFO */

/*
 * How one option ended. TRUNC is tcpdump's ND_TCHECK failing, i.e. its "trunc:" label, which
 * adds '>' after the first option (a failing GET_ macro is handled in the walk itself).
 */
enum opt_res { RES_OK, RES_BAD, RES_TRUNC };

/* How the walk ended. */
enum walk_end {
	WALK_DONE, /* every option printed, or EOL */
	WALK_LOST, /* a kind or length byte was not captured: 4.99's GET_ longjmps */
	WALK_TRUNC, /* an option's data was not captured */
	WALK_BAD, /* a bad length */
};

struct optctx {
	struct strbuf *sb;
	const uint8_t *opt;
	unsigned optlen;
	unsigned cap;
	bool whole;
	uint8_t tcpflags;
	uint32_t sack_base;
	/* mptcp_print() sets ndo_protocol and nobody resets it: later truncation says [|mptcp] */
	bool mptcp_seen;
};

/* The option being printed: its kind, where its data starts (just past kind and length), the
 * length it declares. */
struct opt_at {
	unsigned kind;
	unsigned data;
	unsigned len;
};

/* Prints an option's data after its name; `*datalen` is what the walk steps over: the data
 * decoded. */
typedef enum opt_res (*opt_printer)(struct optctx *c, const struct opt_at *o, unsigned *datalen);

/* An option kind a dialect names, and how it prints the option's data. */
struct opt_kind {
	uint8_t kind;
	const char *name;
	opt_printer print;
};

/* What a dialect says where the walk lets it. */
struct opt_dialect {
	const char *lead; /* before the area */
	char first; /* before the first option ('\0': nothing); a comma before the others */
	const struct opt_kind *kinds; /* ending with a NULL name */
	const char *unknown; /* before the number of a kind it does not name */
	const char *unknown_end; /* and after it */
	opt_printer print_unknown;
	enum opts_end (*finish)(struct optctx *c, enum walk_end end, bool sep);
};

/*
 * tcpdump's LENCHECK: the option must declare `l` data bytes from `data` on (else "[bad opt]"),
 * and they must have been captured (else truncation).
 */
static enum opt_res need(const struct optctx *c, unsigned data, unsigned l)
{
	if (l > c->optlen - data)
		return RES_BAD;
	if (data + l > c->cap)
		return RES_TRUNC;
	return RES_OK;
}

/* ---- the options' data, in 4.99.3's words; 3.7.2 shares print_fixed() and the helpers ---- */

/* MSS, window scale, SCPS, UTO and the RFC 1072/1644 32-bit options: fixed-size data. */
static enum opt_res print_fixed(struct optctx *c, const struct opt_at *o, unsigned *datalen)
{
	const uint8_t *d = c->opt + o->data;
	struct strbuf *sb = c->sb;
	enum opt_res r;
	unsigned v;

	switch (o->kind) {
	case XS_TCPOPT_WSCALE:
		*datalen = 1;
		break;
	case XS_TCPOPT_MSS:
	case XS_TCPOPT_SCPS:
	case XS_TCPOPT_UTO:
		*datalen = 2;
		break;
	default:
		*datalen = 4;
		break;
	}
	r = need(c, o->data, *datalen);
	if (r != RES_OK)
		return r;
	sb_putc(sb, ' ');
	switch (o->kind) {
	case XS_TCPOPT_WSCALE:
		sb_putu(sb, d[0]);
		break;
	case XS_TCPOPT_MSS:
		sb_putu(sb, rd16(d));
		break;
	case XS_TCPOPT_SCPS:
		sb_puts(sb, "cap ");
		sb_puthex(sb, d[0], 2);
		sb_puts(sb, " id ");
		sb_putu(sb, d[1]);
		break;
	case XS_TCPOPT_UTO:
		/* RFC 5482: the low bit says minutes rather than seconds. */
		v = rd16(d);
		sb_puts(sb, "0x");
		sb_puthex(sb, v, 0);
		sb_putc(sb, ' ');
		sb_putu(sb, (v & 1) ? (v >> 1) * 60 : v >> 1);
		break;
	default:
		sb_putu(sb, rd32(d));
		break;
	}
	return RES_OK;
}

/*
 * RFC 7323 timestamps: TSval and TSecr, each after the dialect's label for it. 4.99 checks that
 * both are there first; 3.7.2 checked each before printing it.
 */
static enum opt_res put_ts(struct optctx *c, const struct opt_at *o, unsigned *datalen,
			   const char *const label[2], bool each)
{
	enum opt_res r = each ? RES_OK : need(c, o->data, 8);

	*datalen = 8;
	for (unsigned i = 0, at = 0; i < 2 && r == RES_OK; i++, at += 4) {
		if (each)
			r = need(c, o->data, at + 4);
		if (r != RES_OK)
			break;
		sb_puts(c->sb, label[i]);
		sb_putu(c->sb, rd32(c->opt + o->data + at));
	}
	return r;
}

static enum opt_res print_ts(struct optctx *c, const struct opt_at *o, unsigned *datalen)
{
	static const char *const label[2] = {" val ", " ecr "};

	return put_ts(c, o, datalen, label, false);
}

/* RFC 2018 SACK blocks, "{left:right}" each, relative to the connection's base like tcpdump
 * without -S. Each edge is checked on its own, but a block prints only when both are in. */
static enum opt_res put_sack_blocks(struct optctx *c, unsigned data, unsigned n)
{
	enum opt_res r;

	for (unsigned i = 0; i < n; i += 8) {
		r = need(c, data, i + 4);
		if (r == RES_OK)
			r = need(c, data, i + 8);
		if (r != RES_OK)
			return r;
		sb_putc(c->sb, '{');
		sb_putu(c->sb, (uint32_t)(rd32(c->opt + data + i) - c->sack_base));
		sb_putc(c->sb, ':');
		sb_putu(c->sb, (uint32_t)(rd32(c->opt + data + i + 4) - c->sack_base));
		sb_putc(c->sb, '}');
	}
	return RES_OK;
}

static enum opt_res print_sack(struct optctx *c, const struct opt_at *o, unsigned *datalen)
{
	unsigned n = o->len - 2;

	*datalen = n;
	if (n % 8) {
		sb_puts(c->sb, " invalid sack");
		return RES_OK;
	}
	sb_putc(c->sb, ' ');
	sb_putu(c->sb, n / 8);
	sb_putc(c->sb, ' ');
	return put_sack_blocks(c, o->data, n);
}

/* RFC 2385 MD5 signature; we never have the -M secret, so it is always "can't check". */
static enum opt_res print_md5(struct optctx *c, const struct opt_at *o, unsigned *datalen)
{
	enum opt_res r;

	*datalen = MD5_SIGLEN;
	r = need(c, o->data, MD5_SIGLEN);
	if (r != RES_OK)
		return r;
	/* tcpdump first checks that the whole segment, payload included, was captured. */
	if (!c->whole)
		sb_puts(c->sb, " snaplen too short, can't check - ");
	else
		sb_puts(c->sb, " shared secret not supplied with -M, can't check - ");
	sb_puthexbytes(c->sb, c->opt + o->data, MD5_SIGLEN);
	return RES_OK;
}

/* RFC 5925 TCP-AO: key ids, then the MAC byte by byte (each byte checked on its own). */
static enum opt_res print_tcpao(struct optctx *c, const struct opt_at *o, unsigned *datalen)
{
	unsigned n = o->len - 2;
	enum opt_res r;

	*datalen = n;
	if (n < 2) { /* RFC 5925 section 2.2: length >= 4 */
		sb_puts(c->sb, " (invalid)");
		return RES_OK;
	}
	for (unsigned i = 0; i < n; i++) {
		r = need(c, o->data, i + 1);
		if (r != RES_OK)
			return r;
		if (i == 0)
			sb_puts(c->sb, " keyid ");
		else if (i == 1)
			sb_puts(c->sb, " rnextkeyid ");
		if (i < 2) {
			sb_putu(c->sb, c->opt[o->data + i]);
			if (i == 1 && n > 2)
				sb_puts(c->sb, " mac 0x");
		} else {
			sb_puthex(c->sb, c->opt[o->data + i], 2);
		}
	}
	return RES_OK;
}

/* RFC 7413 cookie (or cookie request); `exp` is the RFC 6994 experimental-kind form. */
static void put_fastopen(struct strbuf *sb, const uint8_t *d, unsigned n, bool exp)
{
	if (exp)
		sb_puts(sb, "tfo");
	if (n == 0) {
		sb_puts(sb, " cookiereq");
	} else if (n % 2 || n < 4 || n > 16) {
		sb_puts(sb, " (invalid)");
	} else {
		sb_puts(sb, " cookie ");
		sb_puthexbytes(sb, d, n);
	}
}

static enum opt_res print_tfo(struct optctx *c, const struct opt_at *o, unsigned *datalen)
{
	enum opt_res r;

	*datalen = o->len - 2;
	r = need(c, o->data, *datalen);
	if (r != RES_OK)
		return r;
	sb_putc(c->sb, ' ');
	put_fastopen(c->sb, c->opt + o->data, *datalen, false);
	return RES_OK;
}

/* RFC 6994: a 16-bit magic (ExID) names the experiment. */
static enum opt_res print_exp(struct optctx *c, const struct opt_at *o, unsigned *datalen)
{
	const uint8_t *d = c->opt + o->data;
	enum opt_res r;
	unsigned magic;

	*datalen = o->len - 2;
	r = need(c, o->data, *datalen);
	if (r != RES_OK)
		return r;
	if (*datalen < 2)
		return RES_BAD;
	magic = rd16(d);
	sb_putc(c->sb, '-');
	if (magic == TFO_MAGIC)
		put_fastopen(c->sb, d + 2, *datalen - 2, true);
	else
		sb_puthex(c->sb, magic, 4);
	return RES_OK;
}

static enum opt_res print_mptcp_opt(struct optctx *c, const struct opt_at *o, unsigned *datalen)
{
	enum opt_res r;

	*datalen = o->len - 2;
	r = need(c, o->data, *datalen);
	if (r != RES_OK)
		return r;
	c->mptcp_seen = true;
	return print_mptcp(c->sb, c->opt + o->data - 2, o->len, c->tcpflags) ? RES_OK : RES_BAD;
}

/* n bytes of data as hex, each checked on its own as tcpdump does. */
static enum opt_res put_hex_checked(struct optctx *c, unsigned data, unsigned n)
{
	enum opt_res r;

	for (unsigned i = 0; i < n; i++) {
		r = need(c, data, i + 1);
		if (r != RES_OK)
			return r;
		sb_puthex(c->sb, c->opt[data + i], 2);
	}
	return RES_OK;
}

/* Anything else: " 0x" and the data. */
static enum opt_res print_unknown(struct optctx *c, const struct opt_at *o, unsigned *datalen)
{

	*datalen = o->len - 2;
	if (*datalen)
		sb_puts(c->sb, " 0x");
	return put_hex_checked(c, o->data, *datalen);
}

/* No data: EOL, NOP, SACK-permitted. */
static enum opt_res print_none(struct optctx *c, const struct opt_at *o, unsigned *datalen)
{
	(void)c;
	(void)o;
	*datalen = 0;
	return RES_OK;
}

static void put_trunc_499(const struct optctx *c)
{
	sb_puts(c->sb, c->mptcp_seen ? " [|mptcp]" : " [|tcp]");
}

static enum opts_end finish_499(struct optctx *c, enum walk_end end, bool sep)
{
	switch (end) {
	case WALK_DONE:
		sb_putc(c->sb, ']');
		return OPTS_MORE;
	case WALK_LOST:
		put_trunc_499(c);
		return OPTS_LOST;
	case WALK_TRUNC:
		put_trunc_499(c);
		if (sep)
			sb_putc(c->sb, '>');
		return OPTS_END;
	default:
		sb_puts(c->sb, "[bad opt]");
		if (sep)
			sb_putc(c->sb, ']');
		return OPTS_END;
	}
}

/* ---- 3.7.2 (print-tcp.c 431-582 of 2003) ---- */

static enum opt_res ts_372(struct optctx *c, const struct opt_at *o, unsigned *datalen)
{
	static const char *const label[2] = {" ", " "};

	return put_ts(c, o, datalen, label, true);
}

/* 3.7.2 prints "sack" and then " sack %d " again before the blocks, the quirk 3.8 fixed:
 * "sack sack 1 {100:200} ". */
static enum opt_res sack_372(struct optctx *c, const struct opt_at *o, unsigned *datalen)
{
	unsigned n = o->len - 2;
	enum opt_res r;

	*datalen = n;
	if (n % 8) {
		sb_puts(c->sb, " malformed sack ");
		return RES_OK;
	}
	sb_puts(c->sb, " sack ");
	sb_putu(c->sb, n / 8);
	sb_putc(c->sb, ' ');
	r = put_sack_blocks(c, o->data, n);
	if (r == RES_OK)
		sb_putc(c->sb, ' ');
	return r;
}

/* Anything else: "opt-N:" and the data. 3.7.2 checked byte i before printing byte i as
 * LENCHECK(i), which let it print one byte past the capture; we stop before it. */
static enum opt_res unknown_372(struct optctx *c, const struct opt_at *o, unsigned *datalen)
{
	*datalen = o->len - 2;
	return put_hex_checked(c, o->data, *datalen);
}

/* Whatever ends the list, the '>' follows: 3.7.2 had no longjmp, and the IP trailer follows. */
static enum opts_end finish_372(struct optctx *c, enum walk_end end, bool sep)
{
	(void)sep;
	if (end == WALK_BAD)
		sb_puts(c->sb, "[bad opt]");
	else if (end != WALK_DONE)
		sb_puts(c->sb, "[|tcp]");
	sb_putc(c->sb, '>');
	return end == WALK_DONE ? OPTS_MORE : OPTS_END;
}

/* print-tcp.c tcp_option_values, and each kind's printer. */
static const struct opt_kind kinds_499[] = {
    {XS_TCPOPT_EOL, "eol", print_none},
    {XS_TCPOPT_NOP, "nop", print_none},
    {XS_TCPOPT_MSS, "mss", print_fixed},
    {XS_TCPOPT_WSCALE, "wscale", print_fixed},
    {XS_TCPOPT_SACKOK, "sackOK", print_none},
    {XS_TCPOPT_SACK, "sack", print_sack},
    {XS_TCPOPT_ECHO, "echo", print_fixed},
    {XS_TCPOPT_ECHOREPLY, "echoreply", print_fixed},
    {XS_TCPOPT_TS, "TS", print_ts},
    {XS_TCPOPT_CC, "cc", print_fixed},
    {XS_TCPOPT_CCNEW, "ccnew", print_fixed},
    {XS_TCPOPT_CCECHO, "", print_fixed}, /* 4.99.3's name table really has "" here */
    {XS_TCPOPT_MD5, "md5", print_md5},
    {XS_TCPOPT_SCPS, "scps", print_fixed},
    {XS_TCPOPT_UTO, "uto", print_fixed},
    {XS_TCPOPT_TCPAO, "tcp-ao", print_tcpao},
    {XS_TCPOPT_MPTCP, "mptcp", print_mptcp_opt},
    {XS_TCPOPT_TFO, "tfo", print_tfo},
    {XS_TCPOPT_EXP, "exp", print_exp},
    {0, NULL, NULL},
};

/* The options 3.7.2 knew; the rest it printed as "opt-N:" and their bytes. */
static const struct opt_kind kinds_372[] = {
    {XS_TCPOPT_EOL, "eol", print_none},
    {XS_TCPOPT_NOP, "nop", print_none},
    {XS_TCPOPT_MSS, "mss", print_fixed},
    {XS_TCPOPT_WSCALE, "wscale", print_fixed},
    {XS_TCPOPT_SACKOK, "sackOK", print_none},
    {XS_TCPOPT_SACK, "sack", sack_372},
    {XS_TCPOPT_ECHO, "echo", print_fixed},
    {XS_TCPOPT_ECHOREPLY, "echoreply", print_fixed},
    {XS_TCPOPT_TS, "timestamp", ts_372},
    {XS_TCPOPT_CC, "cc", print_fixed},
    {XS_TCPOPT_CCNEW, "ccnew", print_fixed},
    {XS_TCPOPT_CCECHO, "ccecho", print_fixed},
    {0, NULL, NULL},
};

static const struct opt_dialect dialect_499 = {
    .lead = ", options [",
    .first = '\0',
    .kinds = kinds_499,
    .unknown = "unknown-",
    .unknown_end = "",
    .print_unknown = print_unknown,
    .finish = finish_499,
};

static const struct opt_dialect dialect_372 = {
    .lead = " ",
    .first = '<',
    .kinds = kinds_372,
    .unknown = "opt-",
    .unknown_end = ":",
    .print_unknown = unknown_372,
    .finish = finish_372,
};

/* ---- the walk (print-tcp.c tcp_print's option loop) ---- */

/* Prints the option's name, or the dialect's form for one without; its data's printer. */
static opt_printer put_name(struct optctx *c, const struct opt_dialect *d, unsigned kind)
{
	const struct opt_kind *k;

	for (k = d->kinds; k->name; k++) {
		if (k->kind == kind) {
			sb_puts(c->sb, k->name);
			return k->print;
		}
	}
	sb_puts(c->sb, d->unknown);
	sb_putu(c->sb, kind);
	sb_puts(c->sb, d->unknown_end);
	return d->print_unknown;
}

/*
 * The kind and length of the option at pos, fetched with GET_ (a byte not captured ends the
 * record: WALK_LOST) and checked (WALK_BAD). A kind in the area's last byte has its length
 * byte in the payload: if that was captured, any length is bad there. WALK_DONE when fine.
 */
static enum walk_end kind_len(const struct optctx *c, unsigned pos, unsigned *kind, unsigned *len)
{
	if (pos >= c->cap)
		return WALK_LOST;
	*kind = c->opt[pos];
	*len = 1;
	if (*kind == XS_TCPOPT_EOL || *kind == XS_TCPOPT_NOP)
		return WALK_DONE;
	if (pos + 1 >= c->cap)
		return WALK_LOST;
	if (pos + 1 >= c->optlen)
		return WALK_BAD;
	*len = c->opt[pos + 1];
	return *len < 2 || *len > c->optlen - pos ? WALK_BAD : WALK_DONE;
}

static enum opts_end walk(struct optctx *c, const struct opt_dialect *d)
{
	enum walk_end end = WALK_DONE;
	bool sep = false; /* tcpdump's `ch`: set once the first option is done */
	unsigned pos = 0;

	sb_puts(c->sb, d->lead);
	while (pos < c->optlen) {
		unsigned kind, len, data, datalen;
		enum opt_res r;

		if (sep)
			sb_putc(c->sb, ',');
		else if (d->first)
			sb_putc(c->sb, d->first);
		end = kind_len(c, pos, &kind, &len);
		if (end != WALK_DONE)
			break;
		data = pos + (kind <= XS_TCPOPT_NOP ? 1 : 2);
		r = put_name(c, d, kind)(c, &(struct opt_at){kind, data, len}, &datalen);
		if (r != RES_OK) {
			end = r == RES_BAD ? WALK_BAD : WALK_TRUNC;
			break;
		}
		/* tcpdump steps over the data it decoded, not over the declared length. */
		pos = data + datalen;
		if (datalen + (kind <= XS_TCPOPT_NOP ? 1 : 2) != len) {
			sb_puts(c->sb, "[len ");
			sb_putu(c->sb, len);
			sb_putc(c->sb, ']');
		}
		sep = true;
		if (kind == XS_TCPOPT_EOL)
			break;
	}
	return d->finish(c, end, sep);
}

/*
 * The area of nearly every segment once a connection is up (RFC 7323 appendix A's layout):
 * the walk's very words, without the walk. False for any other area, or one not all captured.
 */
static bool put_nop_nop_ts(struct strbuf *sb, const uint8_t *opt, unsigned optlen, unsigned cap)
{
	if (optlen != 12 || cap < 12 || opt[0] != XS_TCPOPT_NOP || opt[1] != XS_TCPOPT_NOP ||
	    opt[2] != XS_TCPOPT_TS || opt[3] != 10)
		return false;
	sb_puts(sb, ", options [nop,nop,TS val ");
	sb_putu(sb, rd32(opt + 4));
	sb_puts(sb, " ecr ");
	sb_putu(sb, rd32(opt + 8));
	sb_putc(sb, ']');
	return true;
}

enum opts_end print_tcp_options(struct strbuf *sb, const uint8_t *opt, unsigned optlen,
				unsigned cap, bool whole, uint8_t tcpflags, uint32_t sack_base)
{
	struct optctx c = {
	    .sb = sb,
	    .opt = opt,
	    .optlen = optlen,
	    .cap = cap,
	    .whole = whole,
	    .tcpflags = tcpflags,
	    .sack_base = sack_base,
	};

	if (put_nop_nop_ts(sb, opt, optlen, cap))
		return OPTS_MORE;
	return walk(&c, &dialect_499);
}

void print_tcp_options_372(struct strbuf *sb, const uint8_t *opt, unsigned optlen, unsigned cap,
			   uint32_t sack_base)
{
	/* 3.7.2 looked no further than the area: the kind in its last byte has no length. */
	struct optctx c = {
	    .sb = sb,
	    .opt = opt,
	    .optlen = optlen,
	    .cap = cap < optlen ? cap : optlen,
	    .sack_base = sack_base,
	};

	walk(&c, &dialect_372);
}
