// SPDX-License-Identifier: GPL-2.0-only
/*
 * ISAKMP/IKE (RFC 2408, RFC 7296) as tcpdump 4.99.3's isakmp_print() prints it: the header's
 * capture check; with -v the version and message id (-vv the cookies); IKEv1's phase, side and
 * exchange, IKEv2's SA kind and exchange, the flags; with -v the payload chain (IKEv1's key
 * exchange, hash, signature, nonce and vendor id payloads with their lengths, IKEv2's nonce and
 * vendor id, the others by name) and a length that disagrees with the packet's. The payloads
 * tcpdump decodes further (IKEv1's SA, proposal, transform, id, certificate, notify, delete;
 * IKEv2's but nonce and vendor id) print their name only here.
 */
#include <string.h>

#include "udpapp.h"
#include "wire.h"

#define ISAKMP_HLEN 28
#define OFF_RCK 8
#define OFF_NP 16
#define OFF_VERS 17
#define OFF_ETYPE 18
#define OFF_FLAGS 19
#define OFF_MSGID 20
#define OFF_LEN 24
#define FLAG_E 0x01
#define FLAG_C 0x02
#define FLAG_I 0x08
#define FLAG_V 0x10
#define FLAG_R 0x20
#define COOKIE_LEN 8
#define MAXINITIATORS 20

static const char *const npstr[] = {
    "none",    "sa",	"p",	 "t",	  "ke",	   "id",    "cert",  "cr",     "hash",	"sig",
    "nonce",   "n",	"d",	 "vid",	  "pay14", "pay15", "pay16", "pay17",  "pay18", "pay19",
    "pay20",   "pay21", "pay22", "pay23", "pay24", "pay25", "pay26", "pay27",  "pay28", "pay29",
    "pay30",   "pay31", "pay32", "v2sa",  "v2ke",  "v2IDi", "v2IDr", "v2cert", "v2cr",	"v2auth",
    "v2nonce", "v2n",	"v2d",	 "v2vid", "v2TSi", "v2TSr", "v2e",   "v2cp",   "v2eap",
};

static const char *const etypestr[] = {
    [0] = "none",	 [1] = "base",	      [2] = "ident",	     [3] = "auth",
    [4] = "agg",	 [5] = "inf",	      [32] = "oakley-quick", [33] = "oakley-newgroup",
    [34] = "ikev2_init", [35] = "ikev2_auth", [36] = "child_sa",     [37] = "inf2",
};

/*
 * tcpdump's cookie cache: the initiator cookies of first messages seen and their addresses,
 * for each later message's " I" or " R". Like tcpdump's it lives for the whole run (and is
 * process-wide state, as its is): the side of a message depends on the messages before it.
 */
static struct {
	uint8_t initiator[COOKIE_LEN];
	uint8_t iaddr[16], raddr[16];
	int version; /* 0: an empty slot, whose all-zero cookie still matches */
} cookies[MAXINITIATORS];
static int ninitiator;

/* STR_OR_ID: a table's name, or "#N". */
static void put_str_or_id(struct strbuf *sb, const char *const *tab, size_t n, uint32_t x)
{
	if (x < n && tab[x])
		sb_puts(sb, tab[x]);
	else
		sb_printf(sb, "#%u", x);
}

static void put_np(struct strbuf *sb, uint32_t np)
{
	put_str_or_id(sb, npstr, sizeof(npstr) / sizeof(npstr[0]), np);
}

static int cookie_find(const uint8_t *ck)
{
	for (int i = 0; i < MAXINITIATORS; i++)
		if (!memcmp(ck, cookies[i].initiator, COOKIE_LEN))
			return i;
	return -1;
}

static void cookie_record(const struct pview *v, const uint8_t *ck)
{
	int i = cookie_find(ck);
	uint32_t alen = v->is6 ? 16 : 4;

	if (i >= 0) {
		ninitiator = (i + 1) % MAXINITIATORS;
		return;
	}
	if (!v->saddr || !v->daddr)
		return;
	cookies[ninitiator].version = v->is6 ? 6 : 4;
	memcpy(cookies[ninitiator].iaddr, v->saddr, alen);
	memcpy(cookies[ninitiator].raddr, v->daddr, alen);
	memcpy(cookies[ninitiator].initiator, ck, COOKIE_LEN);
	ninitiator = (ninitiator + 1) % MAXINITIATORS;
}

/* cookie_sidecheck: is the packet's source the initiator's (or the responder's) address? */
static bool cookie_side(const struct pview *v, int i, bool initiator)
{
	if (!v->saddr || cookies[i].version != (v->is6 ? 6 : 4))
		return false;
	return !memcmp(v->saddr, initiator ? cookies[i].iaddr : cookies[i].raddr, v->is6 ? 16 : 4);
}

static bool iszero(const uint8_t *p, size_t n)
{
	while (n--)
		if (*p++)
			return false;
	return true;
}

/* IKEv1's payloads that print their length: true for np, and its text. */
static bool v1_len_payload(uint8_t np, const char **label)
{
	switch (np) {
	case 4:
		*label = " key len=";
		return true;
	case 8:
	case 9:
	case 13:
		*label = " len=";
		return true;
	case 10:
		*label = " n len=";
		return true;
	default:
		return false;
	}
}

/* ike_show_somedata: the first 10 bytes from off and the last 20 before the capture's end. */
static void show_somedata(struct cur *c, uint32_t off, struct strbuf *sb)
{
	int64_t ep = c->cap, cp = off, len = ep - cp > 10 ? 10 : ep - cp, end = ep - 20, elen = 20;

	if (end < cp + len) {
		end = cp + len;
		elen = ep - end;
	}
	sb_puts(sb, " data=(");
	sb_puthexbytes(sb, c->p + cp, (size_t)len);
	sb_puts(sb, "...");
	if (elen)
		sb_puthexbytes(sb, c->p + end, (size_t)elen);
	sb_putc(sb, ')');
}

/* IKEv2's nonce and vendor id payloads (the item is held); false for the others. */
static bool v2_payload(const struct printer *pr, struct cur *c, uint8_t np, uint32_t off,
		       uint16_t item_len, struct strbuf *sb)
{
	const char *crit = c->p[off + 1] & 0x80 ? "[C]" : "";

	if (np == 40) {
		sb_printf(sb, "nonce%s: len=%u", crit, item_len - 4);
		if (pr->o.vflag > 1) {
			sb_puts(sb, " nonce=(");
			sb_puthexbytes(sb, c->p + off + 4, item_len - 4u);
			sb_puts(sb, ") ");
		} else {
			show_somedata(c, off + 4, sb);
		}
		return true;
	}
	if (np != 43)
		return false;
	sb_printf(sb, "v2vid%s: len=%u vid=", crit, item_len - 4);
	for (uint32_t i = 4; i < item_len; i++) {
		uint8_t ch = c->p[off + i];

		sb_putc(sb, ch >= 0x20 && ch <= 0x7e ? (char)ch : '.');
	}
	if (pr->o.vflag > 2 && item_len > 8) {
		sb_putc(sb, ' ');
		sb_puthexbytes(sb, c->p + off + 4, item_len - 4u);
	}
	return true;
}

/* -vv's and -vvv's bytes of IKEv1's length payloads: all in hex (-vvv), or a nonce's head
 * and tail (-vv). */
static void v1_data(const struct printer *pr, struct cur *c, uint8_t np, uint32_t off,
		    uint16_t item_len, struct strbuf *sb)
{
	if (item_len <= 4)
		return;
	if (pr->o.vflag > 2) {
		sb_putc(sb, ' ');
		sb_puthexbytes(sb, c->p + off + 4, item_len - 4u);
	} else if (pr->o.vflag > 1 && np == 10) {
		sb_putc(sb, ' ');
		show_somedata(c, off + 4, sb);
	}
}

/* ikev1_sub_print / ikev2_sub_print: the chain of payloads from off. */
static void payloads(const struct printer *pr, struct cur *c, uint8_t np, uint32_t off, bool v2,
		     struct strbuf *sb)
{
	while (np) {
		uint16_t item_len;
		const char *label;

		if (!cur_has(c, off, 4) || !cur_has(c, off, rd16(c->p + off + 2))) {
			sb_puts(sb, " [|");
			put_np(sb, np);
			sb_putc(sb, ']');
			return;
		}
		item_len = rd16(c->p + off + 2);
		sb_puts(sb, "\n    (");
		if (item_len <= 4) { /* a zero-length item ends the chain */
			sb_putc(sb, ')');
			return;
		}
		if (!v2 && v1_len_payload(np, &label)) {
			put_np(sb, np);
			sb_printf(sb, ":%s%u", label, item_len - 4);
			v1_data(pr, c, np, off, item_len, sb);
		} else if (v2 && v2_payload(pr, c, np, off, item_len, sb)) {
			/* printed */
		} else {
			put_np(sb, np); /* the decoded payloads' fields are not printed here */
		}
		sb_putc(sb, ')');
		np = c->p[off];
		off += item_len;
	}
}

static void ikev1(const struct pview *v, struct cur *c, struct strbuf *sb)
{
	const uint8_t *p = c->p;
	uint8_t flags = p[OFF_FLAGS];
	int i;

	sb_puts(sb, rd32(p + OFF_MSGID) ? " phase 2/others" : " phase 1");
	i = cookie_find(p);
	if (i < 0) {
		if (iszero(p + OFF_RCK, COOKIE_LEN)) { /* the first message */
			sb_puts(sb, " I");
			cookie_record(v, p);
		} else {
			sb_puts(sb, " ?");
		}
	} else {
		sb_puts(sb, cookie_side(v, i, true)    ? " I"
			    : cookie_side(v, i, false) ? " R"
						       : " ?");
	}
	sb_putc(sb, ' ');
	put_str_or_id(sb, etypestr, sizeof(etypestr) / sizeof(etypestr[0]), p[OFF_ETYPE]);
	if (flags)
		sb_printf(sb, "[%s%s]", flags & FLAG_E ? "E" : "", flags & FLAG_C ? "C" : "");
}

static void ikev2(struct cur *c, struct strbuf *sb)
{
	const uint8_t *p = c->p;
	uint8_t flags = p[OFF_FLAGS];

	sb_puts(sb, rd32(p + OFF_MSGID) ? " child_sa " : " parent_sa");
	sb_putc(sb, ' ');
	put_str_or_id(sb, etypestr, sizeof(etypestr) / sizeof(etypestr[0]), p[OFF_ETYPE]);
	if (flags)
		sb_printf(sb, "[%s%s%s]", flags & FLAG_I ? "I" : "", flags & FLAG_V ? "V" : "",
			  flags & FLAG_R ? "R" : "");
}

void print_isakmp(const struct printer *pr, const struct pview *v, struct cur *c, uint32_t length,
		  struct strbuf *sb)
{
	uint8_t vers, major;

	if (!cur_has(c, 0, ISAKMP_HLEN)) {
		put_trunc(sb, "isakmp"); /* nd_print_trunc, no longjmp */
		return;
	}
	vers = c->p[OFF_VERS];
	major = vers >> 4;
	sb_puts(sb, "isakmp");
	if (pr->o.vflag) {
		sb_printf(sb, " %u.%u msgid ", major, vers & 0x0f);
		sb_puthexbytes(sb, c->p + OFF_MSGID, 4);
	}
	if (pr->o.vflag > 1) {
		sb_puts(sb, " cookie ");
		sb_puthexbytes(sb, c->p, 8);
		sb_puts(sb, "->");
		sb_puthexbytes(sb, c->p + 8, 8);
	}
	sb_putc(sb, ':');
	if (major != 1 && major != 2)
		return;
	if (major == 1)
		ikev1(v, c, sb);
	else
		ikev2(c, sb);
	if (!pr->o.vflag)
		return;
	sb_putc(sb, ':');
	if (c->p[OFF_FLAGS] & FLAG_E) { /* encrypted: nothing to decode */
		sb_puts(sb, " [encrypted ");
		put_np(sb, c->p[OFF_NP]);
		sb_putc(sb, ']');
	} else {
		payloads(pr, c, c->p[OFF_NP], ISAKMP_HLEN, major == 2, sb);
	}
	if (rd32(c->p + OFF_LEN) != length)
		sb_printf(sb, " (len mismatch: isakmp %u/ip %u)", rd32(c->p + OFF_LEN), length);
}
