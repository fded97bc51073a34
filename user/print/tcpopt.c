// SPDX-License-Identifier: GPL-2.0-only
/*
 * The TCP option area, printed the way tcpdump 4.99.3 prints it: the option walk of tcp_print(),
 * its "[bad opt]" and truncation endings, and the MPTCP (RFC 8684) sub-option printer.
 */
#include <stdbool.h>
#include <stdint.h>

#include "strbuf.h"
#include "tcpopt.h"
#include "wire.h"

/* Option kinds tcpdump knows by name. */
enum {
	OPT_EOL = 0,
	OPT_NOP = 1,
	OPT_MSS = 2, /* RFC 793 */
	OPT_WSCALE = 3, /* RFC 7323 */
	OPT_SACKOK = 4, /* RFC 2018 */
	OPT_SACK = 5, /* RFC 2018 */
	OPT_ECHO = 6, /* RFC 1072 */
	OPT_ECHOREPLY = 7, /* RFC 1072 */
	OPT_TS = 8, /* RFC 7323 */
	OPT_CC = 11, /* RFC 1644 */
	OPT_CCNEW = 12,
	OPT_CCECHO = 13,
	OPT_MD5 = 19, /* RFC 2385 */
	OPT_SCPS = 20,
	OPT_UTO = 28, /* RFC 5482 */
	OPT_TCPAO = 29, /* RFC 5925 */
	OPT_MPTCP = 30, /* RFC 8684 */
	OPT_TFO = 34, /* RFC 7413 */
	OPT_EXP = 254, /* RFC 6994 shared experimental kind */
};

#define MD5_SIGLEN 16
#define TFO_MAGIC 0xf989 /* RFC 7413 section 4.1.1, experimental-kind TFO */

/*
 * How one option ended. TRUNC is tcpdump's ND_TCHECK failing, i.e. its "trunc:" label, which
 * adds '>' after the first option (a failing GET_ macro is handled in the loop itself).
 */
enum opt_res { RES_OK, RES_BAD, RES_TRUNC };

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

#define TH_SYN 0x02
#define TH_ACK 0x10

static void put_hexbytes(struct strbuf *sb, const uint8_t *p, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		sb_puthex(sb, p[i], 2);
}

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

static const char *opt_name(unsigned kind)
{
	switch (kind) {
	case OPT_EOL:
		return "eol";
	case OPT_NOP:
		return "nop";
	case OPT_MSS:
		return "mss";
	case OPT_WSCALE:
		return "wscale";
	case OPT_SACKOK:
		return "sackOK";
	case OPT_SACK:
		return "sack";
	case OPT_ECHO:
		return "echo";
	case OPT_ECHOREPLY:
		return "echoreply";
	case OPT_TS:
		return "TS";
	case OPT_CC:
		return "cc";
	case OPT_CCNEW:
		return "ccnew";
	case OPT_CCECHO:
		return ""; /* 4.99.3's name table really has an empty string here */
	case OPT_MD5:
		return "md5";
	case OPT_SCPS:
		return "scps";
	case OPT_UTO:
		return "uto";
	case OPT_TCPAO:
		return "tcp-ao";
	case OPT_MPTCP:
		return "mptcp";
	case OPT_TFO:
		return "tfo";
	case OPT_EXP:
		return "exp";
	default:
		return NULL;
	}
}

/* ---- MPTCP, RFC 8684 section 3 (4.99.3 still follows RFC 6824 for most of it) ---- */

/* Every MPTCP printer gets the whole option (kind, length, ...), all of it captured. */

static bool mp_capable(struct strbuf *sb, const uint8_t *o, unsigned len, uint8_t fl)
{
	unsigned ver;

	/* Key-less/one-key forms only on SYN, two-key forms only on the third ACK. */
	if (!((len == 4 || len == 12) && (fl & TH_SYN)) &&
	    !((len == 20 || len == 22) && (fl & (TH_SYN | TH_ACK)) == TH_ACK))
		return false;
	ver = o[2] & 0xf;
	if (ver > 1) {
		sb_puts(sb, " Unknown Version (");
		sb_putu(sb, ver);
		sb_putc(sb, ')');
		return true;
	}
	sb_puts(sb, " v");
	sb_putu(sb, ver);
	if (o[3] & 0x80)
		sb_puts(sb, " csum");
	if (len == 12 || len >= 20) {
		sb_puts(sb, " {0x");
		sb_puthex(sb, rd64(o + 4), 0);
		if (len >= 20) {
			sb_puts(sb, ",0x");
			sb_puthex(sb, rd64(o + 12), 0);
		}
		sb_putc(sb, '}');
	}
	return true;
}

static bool mp_join(struct strbuf *sb, const uint8_t *o, unsigned len, uint8_t fl)
{
	if (!(len == 12 && (fl & TH_SYN)) &&
	    !(len == 16 && (fl & (TH_SYN | TH_ACK)) == (TH_SYN | TH_ACK)) &&
	    !(len == 24 && (fl & TH_ACK)))
		return false;
	if (len != 24) {
		if (o[2] & 0x01)
			sb_puts(sb, " backup");
		sb_puts(sb, " id ");
		sb_putu(sb, o[3]);
	}
	if (len == 12) {
		sb_puts(sb, " token 0x");
		sb_puthex(sb, rd32(o + 4), 0);
		sb_puts(sb, " nonce 0x");
		sb_puthex(sb, rd32(o + 8), 0);
	} else if (len == 16) {
		sb_puts(sb, " hmac 0x");
		sb_puthex(sb, rd64(o + 4), 0);
		sb_puts(sb, " nonce 0x");
		sb_puthex(sb, rd32(o + 12), 0);
	} else {
		sb_puts(sb, " hmac 0x");
		put_hexbytes(sb, o + 4, 20);
	}
	return true;
}

/* A 4- or 8-byte DSS number, or false when the option is too short for it. */
static bool dss_number(struct strbuf *sb, const uint8_t *o, unsigned *off, unsigned len, bool wide)
{
	unsigned n = wide ? 8 : 4;

	if (len - *off < n)
		return false;
	sb_putu(sb, wide ? rd64(o + *off) : rd32(o + *off));
	*off += n;
	return true;
}

static bool mp_dss(struct strbuf *sb, const uint8_t *o, unsigned len, uint8_t fl)
{
	unsigned off = 4;
	uint8_t f;

	if (len < 4 || (fl & TH_SYN))
		return false;
	f = o[3];
	if (f & 0x10)
		sb_puts(sb, " fin");
	if (f & 0x01) { /* A: data ACK present, a: it is 8 bytes */
		sb_puts(sb, " ack ");
		if (!dss_number(sb, o, &off, len, f & 0x02))
			return false;
	}
	if (f & 0x04) { /* M: mapping present, m: 8-byte DSN */
		sb_puts(sb, " seq ");
		if (!dss_number(sb, o, &off, len, f & 0x08))
			return false;
		if (len - off < 4)
			return false;
		sb_puts(sb, " subseq ");
		sb_putu(sb, rd32(o + off));
		off += 4;
		if (len - off < 2)
			return false;
		sb_puts(sb, " len ");
		sb_putu(sb, rd16(o + off));
		off += 2;
		/* The checksum is only there if negotiated; tcpdump guesses from the length. */
		if (len - off >= 2) {
			sb_puts(sb, " csum 0x");
			sb_puthex(sb, rd16(o + off), 0);
			off += 2;
		}
	}
	return off == len;
}

static bool mp_add_addr(struct strbuf *sb, const uint8_t *o, unsigned len)
{
	bool v6;
	unsigned port_off, mac_off = 0;

	switch (len) {
	case 8:
	case 10:
	case 16:
	case 18:
		v6 = false;
		break;
	case 20:
	case 22:
	case 28:
	case 30:
		v6 = true;
		break;
	default:
		return false;
	}
	switch (o[2] & 0xf) {
	case 0x6:
		sb_puts(sb, " v0-ip6");
		break;
	case 0x4:
		sb_puts(sb, " v0-ip4");
		break;
	case 0x1:
		sb_puts(sb, " v1-echo");
		break;
	case 0x0:
		sb_puts(sb, " v1");
		break;
	default:
		sb_puts(sb, " [bad version/echo]");
		break;
	}
	sb_puts(sb, " id ");
	sb_putu(sb, o[3]);
	sb_putc(sb, ' ');
	if (v6)
		sb_put_ip6(sb, o + 4);
	else
		sb_put_ip4(sb, o + 4);
	port_off = v6 ? 20 : 8;
	/* Lengths 10/22 and 18/30 carry a port; 16/28 and 18/30 an HMAC after address (+port). */
	if (len == port_off + 2 || len == port_off + 10) {
		sb_putc(sb, ':');
		sb_putu(sb, rd16(o + port_off));
		if (len == port_off + 10)
			mac_off = port_off + 2;
	} else if (len == port_off + 8) {
		mac_off = port_off;
	}
	if (mac_off) {
		sb_puts(sb, " hmac 0x");
		sb_puthex(sb, rd64(o + mac_off), 0);
	}
	return true;
}

static bool mp_rem_addr(struct strbuf *sb, const uint8_t *o, unsigned len)
{
	if (len < 4)
		return false;
	sb_puts(sb, " id");
	for (unsigned i = 3; i < len; i++) {
		sb_putc(sb, ' ');
		sb_putu(sb, o[i]);
	}
	return true;
}

static bool mp_prio(struct strbuf *sb, const uint8_t *o, unsigned len)
{
	if (len != 3 && len != 4)
		return false;
	sb_puts(sb, (o[2] & 0x01) ? " backup" : " non-backup");
	if (len == 4) {
		sb_puts(sb, " id ");
		sb_putu(sb, o[3]);
	}
	return true;
}

/* MP_FAIL (DSN) and MP_FASTCLOSE (key): one 64-bit field after two reserved bytes. */
static bool mp_u64(struct strbuf *sb, const uint8_t *o, unsigned len, const char *label, bool hex)
{
	if (len != 12)
		return false;
	sb_puts(sb, label);
	if (hex)
		sb_puthex(sb, rd64(o + 4), 0);
	else
		sb_putu(sb, rd64(o + 4));
	return true;
}

/* Returns false where tcpdump's mptcp_print() returns 0, which the caller turns into bad opt. */
static bool print_mptcp(struct strbuf *sb, const uint8_t *o, unsigned len, uint8_t fl)
{
	if (len < 3)
		return false;
	sb_putc(sb, ' ');
	sb_putu(sb, len);
	/* RFC 8684 section 3: the subtype is the high nibble of the third byte. */
	switch (o[2] >> 4) {
	case 0:
		sb_puts(sb, " capable");
		return mp_capable(sb, o, len, fl);
	case 1:
		sb_puts(sb, " join");
		return mp_join(sb, o, len, fl);
	case 2:
		sb_puts(sb, " dss");
		return mp_dss(sb, o, len, fl);
	case 3:
		sb_puts(sb, " add-addr");
		return mp_add_addr(sb, o, len);
	case 4:
		sb_puts(sb, " rem-addr");
		return mp_rem_addr(sb, o, len);
	case 5:
		sb_puts(sb, " prio");
		return mp_prio(sb, o, len);
	case 6:
		sb_puts(sb, " fail");
		return mp_u64(sb, o, len, " seq ", false);
	case 7:
		sb_puts(sb, " fast-close");
		return mp_u64(sb, o, len, " key 0x", true);
	default:
		/* 4.99.3 predates MP_TCPRST (8): everything from 8 up is just named. */
		sb_puts(sb, " unknown");
		return true;
	}
}

/* ---- one printer per option family; `data` is the offset just past kind (and length) ---- */

/* MSS, window scale, SCPS, UTO and the RFC 1072/1644 32-bit options: fixed-size data. */
static enum opt_res print_fixed(struct optctx *c, unsigned kind, unsigned data, unsigned *datalen)
{
	const uint8_t *d = c->opt + data;
	struct strbuf *sb = c->sb;
	enum opt_res r;
	unsigned v;

	switch (kind) {
	case OPT_WSCALE:
		*datalen = 1;
		break;
	case OPT_MSS:
	case OPT_SCPS:
	case OPT_UTO:
		*datalen = 2;
		break;
	default:
		*datalen = 4;
		break;
	}
	r = need(c, data, *datalen);
	if (r != RES_OK)
		return r;
	sb_putc(sb, ' ');
	switch (kind) {
	case OPT_WSCALE:
		sb_putu(sb, d[0]);
		break;
	case OPT_MSS:
		sb_putu(sb, rd16(d));
		break;
	case OPT_SCPS:
		sb_puts(sb, "cap ");
		sb_puthex(sb, d[0], 2);
		sb_puts(sb, " id ");
		sb_putu(sb, d[1]);
		break;
	case OPT_UTO:
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

/* RFC 7323 timestamps. */
static enum opt_res print_ts(struct optctx *c, unsigned data, unsigned *datalen)
{
	enum opt_res r;

	*datalen = 8;
	r = need(c, data, 8);
	if (r != RES_OK)
		return r;
	sb_puts(c->sb, " val ");
	sb_putu(c->sb, rd32(c->opt + data));
	sb_puts(c->sb, " ecr ");
	sb_putu(c->sb, rd32(c->opt + data + 4));
	return RES_OK;
}

/* RFC 2018 SACK blocks, relative to the connection's base like tcpdump without -S. */
static enum opt_res print_sack(struct optctx *c, unsigned data, unsigned len, unsigned *datalen)
{
	unsigned n = len - 2;
	enum opt_res r;

	*datalen = n;
	if (n % 8) {
		sb_puts(c->sb, " invalid sack");
		return RES_OK;
	}
	sb_putc(c->sb, ' ');
	sb_putu(c->sb, n / 8);
	sb_putc(c->sb, ' ');
	for (unsigned i = 0; i < n; i += 8) {
		/* tcpdump checks each edge separately, but prints the block only when both are in. */
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

/* RFC 2385 MD5 signature; we never have the -M secret, so it is always "can't check". */
static enum opt_res print_md5(struct optctx *c, unsigned data, unsigned *datalen)
{
	enum opt_res r;

	*datalen = MD5_SIGLEN;
	r = need(c, data, MD5_SIGLEN);
	if (r != RES_OK)
		return r;
	/* tcpdump first checks that the whole segment, payload included, was captured. */
	if (!c->whole)
		sb_puts(c->sb, " snaplen too short, can't check - ");
	else
		sb_puts(c->sb, " shared secret not supplied with -M, can't check - ");
	put_hexbytes(c->sb, c->opt + data, MD5_SIGLEN);
	return RES_OK;
}

/* RFC 5925 TCP-AO: key ids, then the MAC byte by byte (each byte checked on its own). */
static enum opt_res print_tcpao(struct optctx *c, unsigned data, unsigned len, unsigned *datalen)
{
	unsigned n = len - 2;
	enum opt_res r;

	*datalen = n;
	if (n < 2) { /* RFC 5925 section 2.2: length >= 4 */
		sb_puts(c->sb, " (invalid)");
		return RES_OK;
	}
	for (unsigned i = 0; i < n; i++) {
		r = need(c, data, i + 1);
		if (r != RES_OK)
			return r;
		if (i == 0)
			sb_puts(c->sb, " keyid ");
		else if (i == 1)
			sb_puts(c->sb, " rnextkeyid ");
		if (i < 2) {
			sb_putu(c->sb, c->opt[data + i]);
			if (i == 1 && n > 2)
				sb_puts(c->sb, " mac 0x");
		} else {
			sb_puthex(c->sb, c->opt[data + i], 2);
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
		put_hexbytes(sb, d, n);
	}
}

static enum opt_res print_tfo(struct optctx *c, unsigned data, unsigned len, unsigned *datalen)
{
	enum opt_res r;

	*datalen = len - 2;
	r = need(c, data, *datalen);
	if (r != RES_OK)
		return r;
	sb_putc(c->sb, ' ');
	put_fastopen(c->sb, c->opt + data, *datalen, false);
	return RES_OK;
}

/* RFC 6994: a 16-bit magic (ExID) names the experiment. */
static enum opt_res print_exp(struct optctx *c, unsigned data, unsigned len, unsigned *datalen)
{
	const uint8_t *d = c->opt + data;
	enum opt_res r;
	unsigned magic;

	*datalen = len - 2;
	r = need(c, data, *datalen);
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

static enum opt_res print_mptcp_opt(struct optctx *c, unsigned data, unsigned len,
				    unsigned *datalen)
{
	enum opt_res r;

	*datalen = len - 2;
	r = need(c, data, *datalen);
	if (r != RES_OK)
		return r;
	c->mptcp_seen = true;
	return print_mptcp(c->sb, c->opt + data - 2, len, c->tcpflags) ? RES_OK : RES_BAD;
}

/* Anything else: the data as hex, each byte checked separately. */
static enum opt_res print_unknown(struct optctx *c, unsigned data, unsigned len, unsigned *datalen)
{
	enum opt_res r;

	*datalen = len - 2;
	if (*datalen)
		sb_puts(c->sb, " 0x");
	for (unsigned i = 0; i < *datalen; i++) {
		r = need(c, data, i + 1);
		if (r != RES_OK)
			return r;
		sb_puthex(c->sb, c->opt[data + i], 2);
	}
	return RES_OK;
}

static enum opt_res print_one(struct optctx *c, unsigned kind, unsigned data, unsigned len,
			      unsigned *datalen)
{
	*datalen = 0;
	switch (kind) {
	case OPT_EOL:
	case OPT_NOP:
	case OPT_SACKOK:
		return RES_OK;
	case OPT_MSS:
	case OPT_WSCALE:
	case OPT_SCPS:
	case OPT_UTO:
	case OPT_CC:
	case OPT_CCNEW:
	case OPT_CCECHO:
	case OPT_ECHO:
	case OPT_ECHOREPLY:
		return print_fixed(c, kind, data, datalen);
	case OPT_TS:
		return print_ts(c, data, datalen);
	case OPT_SACK:
		return print_sack(c, data, len, datalen);
	case OPT_MD5:
		return print_md5(c, data, datalen);
	case OPT_TCPAO:
		return print_tcpao(c, data, len, datalen);
	case OPT_MPTCP:
		return print_mptcp_opt(c, data, len, datalen);
	case OPT_TFO:
		return print_tfo(c, data, len, datalen);
	case OPT_EXP:
		return print_exp(c, data, len, datalen);
	default:
		return print_unknown(c, data, len, datalen);
	}
}

static void put_trunc(const struct optctx *c)
{
	sb_puts(c->sb, c->mptcp_seen ? " [|mptcp]" : " [|tcp]");
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
	bool sep = false; /* tcpdump's `ch`: set once the first option is done */
	unsigned pos = 0;

	sb_puts(sb, ", options [");
	while (pos < optlen) {
		unsigned kind, len, data, datalen;
		const char *name;
		enum opt_res r;

		if (sep)
			sb_putc(sb, ',');
		/*
		 * Kind and length bytes are fetched with GET_: running out ends the record. A kind
		 * in the area's last byte has its length byte in the payload: if that was captured,
		 * any length is bad there.
		 */
		if (pos >= c.cap) {
			put_trunc(&c);
			return OPTS_LOST;
		}
		kind = opt[pos];
		if (kind == OPT_EOL || kind == OPT_NOP) {
			len = 1;
			data = pos + 1;
		} else {
			if (pos + 1 >= c.cap) {
				put_trunc(&c);
				return OPTS_LOST;
			}
			if (pos + 1 >= optlen)
				goto bad;
			len = opt[pos + 1];
			if (len < 2 || len > optlen - pos)
				goto bad;
			data = pos + 2;
		}

		name = opt_name(kind);
		if (name) {
			sb_puts(sb, name);
		} else {
			sb_puts(sb, "unknown-");
			sb_putu(sb, kind);
		}

		r = print_one(&c, kind, data, len, &datalen);
		if (r == RES_BAD)
			goto bad;
		if (r == RES_TRUNC) {
			put_trunc(&c);
			if (sep)
				sb_putc(sb, '>');
			return OPTS_END;
		}

		/* tcpdump steps over the data it decoded, not over the declared length. */
		pos = data + datalen;
		if (datalen + (kind <= OPT_NOP ? 1 : 2) != len) {
			sb_puts(sb, "[len ");
			sb_putu(sb, len);
			sb_putc(sb, ']');
		}
		sep = true;
		if (kind == OPT_EOL)
			break;
	}
	sb_putc(sb, ']');
	return OPTS_MORE;

bad:
	sb_puts(sb, "[bad opt]");
	if (sep)
		sb_putc(sb, ']');
	return OPTS_END;
}
