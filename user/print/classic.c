// SPDX-License-Identifier: GPL-2.0-only
/*
 * --classic: the record tcpdump 3.7.2 printed (print-ether.c, print-ip.c, print-ip6.c,
 * print-tcp.c, util.c of 2003; ../shared/TCPDUMP-FORMAT.md 1.18). No "IP " prefix, flags as
 * letters, seq:end(len), options in <...>, and after the transport the IP layer's trailer:
 * (DF) or the fragment, tos, ttl, -v. Ethernet, IPv4, IPv6 without extension headers and TCP
 * are 3.7.2's own text. Other transports, ARP and IPv6 extension headers keep the 4.99 text of
 * the existing printers inside that frame: 3.7.2 decoded them too, but nobody asked for its
 * words for them, and the 4.99 ones say more.
 */
#include <stdbool.h>
#include <time.h>

#include "proto.h"
#include "classic.h"

#define TH_FIN 0x01
#define TH_SYN 0x02
#define TH_RST 0x04
#define TH_PUSH 0x08
#define TH_ACK 0x10
#define TH_URG 0x20
#define TH_ECE 0x40
#define TH_CWR 0x80

#define IP_DF 0x4000
#define IP_MF 0x2000
#define IP_OFFMASK 0x1fff

/* ---- time stamps (util.c ts_print) ---- */

/*
 * 3.7.2's thiszone: gmt2local(0), the local offset (whole minutes) when tcpdump started, so a
 * DST change during a capture is not applied. It is a fact about the process, like TZ itself,
 * hence kept once per process rather than per printer.
 */
static int64_t zone_offset(void)
{
	static bool known;
	static int64_t zone;

	if (!known) {
		time_t now = time(NULL);
		struct tm tm;

		zone = localtime_r(&now, &tm) ? tm.tm_gmtoff / 60 * 60 : 0;
		known = true;
	}
	return zone;
}

static void put_frac(const struct printer *pr, struct strbuf *sb, int64_t frac)
{
	sb_put0u(sb, (uint32_t)frac, pr->o.nano ? 9 : 6);
}

/* "%02d:%02d:%02d.%06u" of the seconds of the (zone-shifted) day. */
static void put_clock(const struct printer *pr, struct strbuf *sb, int64_t t, int64_t frac)
{
	int64_t s = (t % 86400 + 86400) % 86400;

	sb_put0u(sb, (uint64_t)(s / 3600), 2);
	sb_putc(sb, ':');
	sb_put0u(sb, (uint64_t)(s % 3600 / 60), 2);
	sb_putc(sb, ':');
	sb_put0u(sb, (uint64_t)(s % 60), 2);
	sb_putc(sb, '.');
	put_frac(pr, sb, frac);
}

/* -tttt: "MM/DD/YYYY " of the zone-shifted day. */
static void put_date(struct strbuf *sb, int64_t t)
{
	time_t day = (time_t)(t - (t % 86400 + 86400) % 86400);
	struct tm tm;

	if (!gmtime_r(&day, &tm)) {
		sb_puts(sb, "Date fail  ");
		return;
	}
	sb_put0u(sb, (uint64_t)tm.tm_mon + 1, 2);
	sb_putc(sb, '/');
	sb_put0u(sb, (uint64_t)tm.tm_mday, 2);
	sb_putc(sb, '/');
	sb_put0u(sb, (uint64_t)tm.tm_year + 1900, 4);
	sb_putc(sb, ' ');
}

/*
 * -ttt: "000000" first, then "[%d. ]%06d" from the previous packet. The reference lives in the
 * printer's timefmt, which only classic uses in this mode. -ttttt, which 3.7.2 did not have,
 * measures from the first packet the same way.
 */
static void put_delta(struct printer *pr, struct strbuf *sb, const struct pkt_info *pi)
{
	struct timefmt *tf = &pr->tf;
	int64_t unit = pr->o.nano ? 1000000000 : 1000000, dsec, dfrac;

	if (!tf->ref_sec) {
		put_frac(pr, sb, 0);
	} else {
		dsec = pi->sec - tf->ref_sec;
		dfrac = pi->frac - tf->ref_frac;
		if (dfrac < 0) { /* 3.7.2 borrows a second at a time; the same, at once */
			int64_t borrow = (unit - 1 - dfrac) / unit;

			dfrac += borrow * unit;
			dsec -= borrow;
		}
		if (dsec) {
			if (dsec < 0)
				sb_putc(sb, '-');
			sb_putu(sb, (uint64_t)(dsec < 0 ? -dsec : dsec));
			sb_puts(sb, ". ");
		}
		put_frac(pr, sb, dfrac);
	}
	if (pr->o.tflag == 3 || !tf->ref_sec) {
		tf->ref_sec = pi->sec;
		tf->ref_frac = pi->frac;
	}
}

static void put_ts(struct printer *pr, struct strbuf *sb, const struct pkt_info *pi)
{
	switch (pr->o.tflag) {
	case 0:
		put_clock(pr, sb, pi->sec + zone_offset(), pi->frac);
		break;
	case 1:
		return;
	case 2:
		sb_putu(sb, (uint32_t)pi->sec);
		sb_putc(sb, '.');
		put_frac(pr, sb, pi->frac);
		break;
	case 4:
		put_date(sb, pi->sec + zone_offset());
		put_clock(pr, sb, pi->sec + zone_offset(), pi->frac);
		break;
	default:
		put_delta(pr, sb, pi);
		break;
	}
	sb_putc(sb, ' ');
}

/* ---- checksums, for -v ---- */

/*
 * -v: " [tcp sum ok]" or " [bad tcp cksum %x!]" (print-tcp.c 395-416), from the kernel's sum
 * over the whole segment (XS_F_SUM), which it takes only when all of it was captured: 3.7.2's
 * condition too. 3.7.2 prints in_cksum's answer, the sum's complement, summed in host order: on
 * the little-endian PCs whose lines are quoted, and so here, it reads byte-swapped ("4f2" for
 * 0xf204). Its pseudo header holds the header's destination even with a source route.
 */
static void put_tcp_sum(const struct xs_event *ev, struct strbuf *sb)
{
	uint16_t res = (uint16_t)~be16(ev->l4_sum);

	if (!(ev->flags & XS_F_SUM))
		return;
	if (!res) {
		sb_puts(sb, " [tcp sum ok]");
		return;
	}
	sb_puts(sb, " [bad tcp cksum ");
	sb_puthex(sb, __builtin_bswap16(res), 0);
	sb_puts(sb, "!]");
}

/* ---- TCP (print-tcp.c tcp_print) ---- */

/* S F R P W E in this order, or a lone '.'; ACK and URG show as " ack", " urg" instead. */
static void put_flags(struct strbuf *sb, uint8_t flags)
{
	static const uint8_t bits[] = {TH_SYN, TH_FIN, TH_RST, TH_PUSH, TH_CWR, TH_ECE};
	static const char letters[] = "SFRPWE";

	if (!(flags & (TH_SYN | TH_FIN | TH_RST | TH_PUSH | TH_ECE | TH_CWR))) {
		sb_putc(sb, '.');
		return;
	}
	for (unsigned i = 0; i < sizeof(bits); i++)
		if (flags & bits[i])
			sb_putc(sb, letters[i]);
}

enum opt_res { OPT_OK, OPT_BAD, OPT_TRUNC };

struct optwalk {
	struct strbuf *sb;
	const uint8_t *opt;
	unsigned optlen;
	unsigned cap; /* bytes of the option area captured */
	uint32_t sack_base;
};

/* LENCHECK(l): l data bytes from `data` must be declared (else [bad opt]) and captured. */
static enum opt_res need(const struct optwalk *w, unsigned data, unsigned l)
{
	if (l > w->optlen - data)
		return OPT_BAD;
	return data + l > w->cap ? OPT_TRUNC : OPT_OK;
}

/* The options 3.7.2 knew with fixed-size data, and that data's size. */
static const char *fixed_opt(unsigned kind, unsigned *size)
{
	*size = 4;
	switch (kind) {
	case 2:
		*size = 2;
		return "mss";
	case 3:
		*size = 1;
		return "wscale";
	case 6:
		return "echo";
	case 7:
		return "echoreply";
	case 11:
		return "cc";
	case 12:
		return "ccnew";
	case 13:
		return "ccecho";
	default:
		return NULL;
	}
}

/* " %u" of the `size`-byte number ending `l` bytes into the data, once LENCHECK(l) passes. */
static enum opt_res put_num(const struct optwalk *w, unsigned data, unsigned l, unsigned size)
{
	enum opt_res r = need(w, data, l);
	const uint8_t *p;

	if (r != OPT_OK)
		return r;
	p = w->opt + data + l - size;
	sb_putc(w->sb, ' ');
	sb_putu(w->sb, size == 1 ? p[0] : size == 2 ? rd16(p) : rd32(p));
	return OPT_OK;
}

/*
 * RFC 2018 SACK. 3.7.2 prints "sack" and then " sack %d " again before the blocks, the quirk
 * 3.8 fixed: "sack sack 1 {100:200} ".
 */
static enum opt_res put_sack(const struct optwalk *w, unsigned data, unsigned datalen)
{
	enum opt_res r;

	sb_puts(w->sb, "sack");
	if (datalen % 8) {
		sb_puts(w->sb, " malformed sack ");
		return OPT_OK;
	}
	sb_puts(w->sb, " sack ");
	sb_putu(w->sb, datalen / 8);
	sb_putc(w->sb, ' ');
	for (unsigned i = 0; i < datalen; i += 8) {
		r = need(w, data, i + 4);
		if (r == OPT_OK)
			r = need(w, data, i + 8);
		if (r != OPT_OK)
			return r;
		sb_putc(w->sb, '{');
		sb_putu(w->sb, rd32(w->opt + data + i) - w->sack_base);
		sb_putc(w->sb, ':');
		sb_putu(w->sb, rd32(w->opt + data + i + 4) - w->sack_base);
		sb_putc(w->sb, '}');
	}
	sb_putc(w->sb, ' ');
	return OPT_OK;
}

/*
 * "opt-%d:" and the data in hex. 3.7.2 checks byte i before printing byte i as LENCHECK(i),
 * which lets it print one byte past the capture; we stop before it.
 */
static enum opt_res put_unknown(const struct optwalk *w, unsigned kind, unsigned data,
				unsigned datalen)
{
	enum opt_res r;

	sb_puts(w->sb, "opt-");
	sb_putu(w->sb, kind);
	sb_putc(w->sb, ':');
	for (unsigned i = 0; i < datalen; i++) {
		r = need(w, data, i + 1);
		if (r != OPT_OK)
			return r;
		sb_puthex(w->sb, w->opt[data + i], 2);
	}
	return OPT_OK;
}

/* One option's text; *datalen is what the walk steps over (the data decoded). */
static enum opt_res put_opt(const struct optwalk *w, unsigned kind, unsigned data, unsigned len,
			    unsigned *datalen)
{
	const char *name = fixed_opt(kind, datalen);
	enum opt_res r;

	if (name) {
		sb_puts(w->sb, name);
		return put_num(w, data, *datalen, *datalen);
	}
	*datalen = 0;
	switch (kind) {
	case 0:
		sb_puts(w->sb, "eol");
		return OPT_OK;
	case 1:
		sb_puts(w->sb, "nop");
		return OPT_OK;
	case 4:
		sb_puts(w->sb, "sackOK");
		return OPT_OK;
	case 8: /* RFC 7323 */
		*datalen = 8;
		sb_puts(w->sb, "timestamp");
		r = put_num(w, data, 4, 4);
		return r == OPT_OK ? put_num(w, data, 8, 4) : r;
	case 5:
		*datalen = len - 2;
		return put_sack(w, data, *datalen);
	default:
		*datalen = len - 2;
		return put_unknown(w, kind, data, *datalen);
	}
}

/*
 * The option area as " <opt,opt,...>" (print-tcp.c 431-582). A bad or cut option ends the
 * list with "[bad opt]>" or "[|tcp]>"; either way the IP trailer still follows, as 3.7.2 had
 * no longjmp.
 */
static void put_tcp_opts(struct strbuf *sb, const uint8_t *opt, unsigned optlen, unsigned cap,
			 uint32_t sack_base)
{
	const struct optwalk w = {sb, opt, optlen, cap < optlen ? cap : optlen, sack_base};
	enum opt_res r = OPT_OK;
	unsigned pos = 0;
	char ch = '<';

	sb_putc(sb, ' ');
	while (pos < optlen) {
		unsigned kind, len = 1, data = pos + 1, datalen;

		sb_putc(sb, ch);
		if (pos >= w.cap) {
			r = OPT_TRUNC;
			break;
		}
		kind = opt[pos];
		if (kind > 1) {
			if (pos + 1 >= w.cap) {
				r = OPT_TRUNC;
				break;
			}
			len = opt[pos + 1];
			if (len < 2 || len > optlen - pos) {
				r = OPT_BAD;
				break;
			}
			data = pos + 2;
		}
		r = put_opt(&w, kind, data, len, &datalen);
		if (r != OPT_OK)
			break;
		/* 3.7.2 steps over the data it decoded, not over the declared length. */
		pos = data + datalen;
		if (datalen + (kind > 1 ? 2 : 1) != len) {
			sb_puts(sb, "[len ");
			sb_putu(sb, len);
			sb_putc(sb, ']');
		}
		ch = ',';
		if (kind == 0)
			break;
	}
	if (r == OPT_BAD)
		sb_puts(sb, "[bad opt]");
	else if (r == OPT_TRUNC)
		sb_puts(sb, "[|tcp]");
	sb_putc(sb, '>');
}

static void put_endpoint(struct printer *pr, struct strbuf *sb, const uint8_t *addr, int is6,
			 uint16_t port)
{
	put_host(pr, sb, addr, is6);
	sb_putc(sb, '.');
	put_port(pr, sb, port, 0);
}

static void classic_tcp(struct printer *pr, const struct pview *v, struct strbuf *sb)
{
	const struct xs_event *ev = v->ev;
	uint32_t length = v->l4_len, hlen, seq, ack, sack_base, cap;
	uint8_t flags = ev->l4.tcp.flags;

	if (l4_captured(v) < 4) {
		put_addr_pair(pr, v, sb);
		sb_puts(sb, ": [|tcp]");
		return;
	}
	put_endpoint(pr, sb, v->saddr, v->is6, be16(ev->l4.tcp.sport));
	sb_puts(sb, " > ");
	put_endpoint(pr, sb, v->daddr, v->is6, be16(ev->l4.tcp.dport));
	sb_puts(sb, ": ");
	if (l4_captured(v) < 20) {
		sb_puts(sb, "[|tcp]");
		return;
	}
	hlen = (ev->l4.tcp.doff >> 4) * 4u;
	if (pr->o.qflag) {
		sb_puts(sb, "tcp ");
		if (hlen > length)
			sb_putc(sb, '-');
		sb_putu(sb, hlen > length ? hlen - length : length - hlen);
		return;
	}
	put_flags(sb, flags);
	seq = be32(ev->l4.tcp.seq);
	ack = be32(ev->l4.tcp.ack);
	sack_base = tcp_seq_relative(pr, v, &seq, &ack);
	if (hlen > length) {
		sb_puts(sb, " [bad hdr length]");
		return;
	}
	if (pr->o.vflag && !pr->o.Kflag && !v->fragmented)
		put_tcp_sum(ev, sb);
	length -= hlen;
	if (pr->o.vflag > 1 || length > 0 || (flags & (TH_SYN | TH_FIN | TH_RST))) {
		sb_putc(sb, ' ');
		sb_putu(sb, seq);
		sb_putc(sb, ':');
		sb_putu(sb, (uint32_t)(seq + length));
		sb_putc(sb, '(');
		sb_putu(sb, length);
		sb_putc(sb, ')');
	}
	if (flags & TH_ACK) {
		sb_puts(sb, " ack ");
		sb_putu(sb, ack);
	}
	sb_puts(sb, " win ");
	sb_putu(sb, be16(ev->l4.tcp.win));
	if (flags & TH_URG) {
		sb_puts(sb, " urg ");
		sb_putu(sb, be16(ev->l4.tcp.urg));
	}
	/* A data offset under 5 leaves no option area, as 3.7.2's signed "hlen -= 20" did. */
	if (hlen > 20) {
		cap = v->l4_avail - 20 < ev->l4x_len ? v->l4_avail - 20 : ev->l4x_len;
		put_tcp_opts(sb, v->tail, hlen - 20, cap, sack_base);
	}
}

/* ---- IP layers (print-ip.c ip_print, print-ip6.c ip6_print) ---- */

/* TCP is 3.7.2's; anything else is the 4.99 printer's text after 3.7.2's address prefix. */
static void print_upper(struct printer *pr, struct pview *v, uint8_t proto, struct strbuf *sb)
{
	if (proto == 6) {
		classic_tcp(pr, v, sb);
		return;
	}
	/* The UDP printer names the addresses with its ports. */
	if (v->ev->kind != XS_K_UDP) {
		put_addr_pair(pr, v, sb);
		sb_puts(sb, ": ");
	}
	demux(pr, v, sb);
}

/*
 * An option's pointer and flags bytes (RFC 791 3.1). Of an option too short to have them 3.7.2
 * read what followed it, which the event does not hold: 0 instead.
 */
static uint8_t opt_byte(const uint8_t *cp, unsigned length, unsigned i)
{
	return i < length ? cp[i] : 0;
}

/* " RR{a b#c}" and the like: a recorded or source route, '#' at the pointer. */
static void put_route(struct printer *pr, struct strbuf *sb, const char *type, const uint8_t *cp,
		      unsigned length)
{
	unsigned ptr = opt_byte(cp, length, 2) - 1u, len;
	const char *sep = "";

	sb_printf(sb, " %s{", type);
	if ((length + 1) & 3)
		sb_printf(sb, " [bad length %u]", length);
	if (ptr < 3 || ((ptr + 1) & 3) || ptr > length + 1)
		sb_printf(sb, " [bad ptr %u]", ptr + 1);
	for (len = 3; len + 4 <= length; len += 4) {
		if (ptr == len)
			sep = "#";
		sb_puts(sb, sep);
		put_host(pr, sb, cp + len, 0);
		sep = " ";
	}
	sb_puts(sb, ptr == len ? "#}" : "}");
}

/* " TS{TSONLY 1@ ^ }": RFC 791 internet timestamps, '^' at the pointer. */
static void put_ipts(struct printer *pr, struct strbuf *sb, const uint8_t *cp, unsigned length)
{
	static const char *const types[] = {"TSONLY", "TS+ADDR", "PRESPEC2.0", "PRESPEC"};
	unsigned ptr = opt_byte(cp, length, 2) - 1u, flags = opt_byte(cp, length, 3), len = 0;
	unsigned hoplen = (flags & 0xf) ? 8 : 4;
	const char *sep = " ";

	sb_puts(sb, " TS{");
	if ((length - 4) & (hoplen - 1))
		sb_printf(sb, "[bad length %u]", length);
	if (ptr < 4 || ((ptr - 4) & (hoplen - 1)) || ptr > length + 1)
		sb_printf(sb, "[bad ptr %u]", ptr + 1);
	if ((flags & 0xf) > 3) {
		sb_printf(sb, "[bad ts type %u]", flags & 0xf);
	} else {
		sb_puts(sb, types[flags & 0xf]);
		for (len = 4; len + hoplen <= length; len += hoplen) {
			if (ptr == len)
				sep = " ^ ";
			sb_printf(sb, "%s%d@", sep, (int32_t)rd32(cp + len + hoplen - 4));
			if (hoplen == 8)
				put_host(pr, sb, cp + len, 0);
			sep = " ";
		}
	}
	if (ptr == len)
		sb_puts(sb, " ^ ");
	if (flags >> 4)
		sb_printf(sb, " [%u hops not recorded]} ", flags >> 4);
	else
		sb_putc(sb, '}');
}

/*
 * -v's IP options (print-ip.c ip_optprint). `snap` is how much of the frame follows the fixed
 * header, which 3.7.2's bounds checks look at; only `cap` option bytes are in the event.
 */
static void put_ip_opts(struct printer *pr, struct strbuf *sb, const uint8_t *cp, unsigned length,
			unsigned cap, unsigned snap)
{
	for (unsigned pos = 0, len; pos < length; pos += len) {
		unsigned tt;

		if (pos >= cap) {
			sb_puts(sb, "[|ip]");
			return;
		}
		tt = cp[pos];
		len = 1;
		if (tt > 1) {
			if (pos + 1 >= cap) {
				sb_puts(sb, "[|ip]");
				return;
			}
			len = cp[pos + 1];
		}
		if (!len) {
			sb_puts(sb, "[|ip op len 0]");
			return;
		}
		if (pos + 1 >= snap || pos + len > snap || pos + len > cap) {
			sb_puts(sb, "[|ip]");
			return;
		}
		switch (tt) {
		case 0:
			sb_puts(sb, " EOL");
			if (length - pos > 1)
				sb_printf(sb, "-%u", length - pos - 1);
			return;
		case 1:
			sb_puts(sb, " NOP");
			break;
		case 68:
			put_ipts(pr, sb, cp + pos, len);
			break;
		case 130:
			sb_printf(sb, " SECURITY{%u}", len);
			break;
		case 7:
			put_route(pr, sb, "RR", cp + pos, len);
			break;
		case 137:
			put_route(pr, sb, "SSRR", cp + pos, len);
			break;
		case 131:
			put_route(pr, sb, "LSRR", cp + pos, len);
			break;
		case 148: /* RFC 2113 router alert */
			sb_puts(sb, " RA");
			if (len != 4)
				sb_printf(sb, "{%u}", len);
			else if (cp[pos + 2] || cp[pos + 3])
				sb_printf(sb, "%u.%u", cp[pos + 2], cp[pos + 3]);
			break;
		default:
			sb_printf(sb, " IPOPT-%u{%u}", tt, len);
			break;
		}
	}
}

/* -v: " (ttl N, id N, len N[, bad cksum X!][, optlen=N ...])". */
static void put_ip4_verbose(struct printer *pr, const struct pview *v, uint32_t hlen,
			    uint32_t caplen, struct strbuf *sb)
{
	const struct xs_event *ev = v->ev;
	uint32_t optcap = ev->l3x_cap < hlen - 20 ? ev->l3x_cap : hlen - 20;
	const char *sep = "";

	sb_puts(sb, " (");
	if (ev->ip_ttl > 1) {
		sb_puts(sb, "ttl ");
		sb_putu(sb, ev->ip_ttl);
		sep = ", ";
	}
	if (!(be16(ev->ip_frag) & (IP_MF | IP_OFFMASK))) {
		sb_puts(sb, sep);
		sb_puts(sb, "id ");
		sb_putu(sb, be16(ev->ip_id));
		sep = ", ";
	}
	sb_puts(sb, sep);
	sb_puts(sb, "len ");
	sb_putu(sb, be16(ev->ip_len));
	if (!pr->o.Kflag && caplen >= hlen && optcap == hlen - 20 &&
	    ip4_cksum(ev, v->l3x, hlen - 20)) {
		sb_puts(sb, ", bad cksum ");
		sb_puthex(sb, be16(ev->ip_csum), 0);
		sb_putc(sb, '!');
	}
	if (hlen > 20) {
		sb_puts(sb, ", optlen=");
		sb_putu(sb, hlen - 20);
		put_ip_opts(pr, sb, v->l3x, hlen - 20, optcap, caplen - 20);
	}
	sb_putc(sb, ')');
}

/* What follows the transport: the fragment or (DF), tos, a low ttl, and -v's block. */
static void put_ip4_trailer(struct printer *pr, const struct pview *v, uint32_t hlen,
			    uint32_t caplen, struct strbuf *sb)
{
	const struct xs_event *ev = v->ev;
	uint16_t off = be16(ev->ip_frag);
	static const char *const ecn[] = {"", ",ECT(1)", ",ECT(0)", ",CE"};

	if (pr->o.qflag > 1)
		return;
	if (off & (IP_MF | IP_OFFMASK)) {
		/* A later fragment has no transport header: the addresses go here. */
		if (off & IP_OFFMASK) {
			put_addr_pair(pr, v, sb);
			sb_putc(sb, ':');
		}
		sb_puts(sb, " (frag ");
		sb_putu(sb, be16(ev->ip_id));
		sb_putc(sb, ':');
		sb_putu(sb, be16(ev->ip_len) - hlen);
		sb_putc(sb, '@');
		sb_putu(sb, (uint64_t)(off & IP_OFFMASK) * 8);
		sb_puts(sb, (off & IP_MF) ? "+)" : ")");
	} else if (off & IP_DF) {
		sb_puts(sb, " (DF)");
	}
	if (ev->ip_tos) {
		sb_puts(sb, " [tos 0x");
		sb_puthex(sb, ev->ip_tos, 0);
		sb_puts(sb, ecn[ev->ip_tos & 3]);
		sb_puts(sb, "] ");
	}
	if (ev->ip_ttl <= 1) {
		sb_puts(sb, " [ttl ");
		sb_putu(sb, ev->ip_ttl);
		sb_putc(sb, ']');
	}
	if (pr->o.vflag)
		put_ip4_verbose(pr, v, hlen, caplen, sb);
}

static void classic_ip4(struct printer *pr, const struct xs_event *ev, uint32_t length,
			uint32_t caplen, struct strbuf *sb)
{
	uint32_t hlen = (ev->ip_vhl & 0xf) * 4u, len = be16(ev->ip_len);
	uint16_t off = be16(ev->ip_frag);
	struct pview v;

	if (caplen < 20) {
		sb_puts(sb, "[|ip]");
		return;
	}
	if (length < 20) {
		sb_printf(sb, "truncated-ip %u", length);
		return;
	}
	if (hlen < 20) {
		sb_printf(sb, "bad-hlen %u", hlen);
		return;
	}
	if (length < len)
		sb_printf(sb, "truncated-ip - %u bytes missing! ", len - length);
	if (len < hlen) {
		sb_printf(sb, "bad-len %u", len);
		return;
	}
	view_init(&v, ev);
	if (!(off & IP_OFFMASK)) {
		v.l4_len = len - hlen;
		v.l4_avail = caplen > hlen ? (caplen < len ? caplen : len) - hlen : 0;
		/* ip_print passes the offset with DF and MF masked: a first fragment counts as whole. */
		v.fragmented = (off & ~(IP_DF | IP_MF)) != 0;
		print_upper(pr, &v, ev->ip_proto, sb);
	}
	put_ip4_trailer(pr, &v, hlen, caplen, sb);
}

/* " [class 0x%x] [flowlabel 0x%x] [hlim N]" and -v's " (len N, hlim N)". */
static void put_ip6_trailer(struct printer *pr, const struct xs_event *ev, struct strbuf *sb)
{
	uint32_t flow = be32(ev->ip6_flow);

	if (flow & 0x0ff00000) {
		sb_puts(sb, " [class 0x");
		sb_puthex(sb, (flow & 0x0ff00000) >> 20, 0);
		sb_putc(sb, ']');
	}
	if (flow & 0x000fffff) {
		sb_puts(sb, " [flowlabel 0x");
		sb_puthex(sb, flow & 0x000fffff, 0);
		sb_putc(sb, ']');
	}
	if (ev->ip_ttl <= 1) {
		sb_puts(sb, " [hlim ");
		sb_putu(sb, ev->ip_ttl);
		sb_putc(sb, ']');
	}
	if (pr->o.vflag) {
		sb_puts(sb, " (len ");
		sb_putu(sb, be16(ev->ip_len));
		if (ev->ip_ttl > 1) {
			sb_puts(sb, ", hlim ");
			sb_putu(sb, ev->ip_ttl);
		}
		sb_putc(sb, ')');
	}
}

static void classic_ip6(struct printer *pr, const struct xs_event *ev, uint32_t length,
			uint32_t caplen, struct strbuf *sb)
{
	uint32_t len = be16(ev->ip_len);
	struct pview v;

	if (caplen < 40) {
		sb_puts(sb, "[|ip6]");
		return;
	}
	if (xs_is_ext6(ev->ip_proto)) {
		/* The 4.99 walk of the extension headers; -e's copy drops its "IP6 " prefix. */
		struct printer alt = *pr;

		alt.o.eflag = 1;
		print_ip6(&alt, ev, length, caplen, sb);
	} else {
		if (length < 40) {
			sb_printf(sb, "truncated-ip6 %u", length);
			return;
		}
		if (length < len + 40)
			sb_printf(sb, "truncated-ip6 - %u bytes missing!", len + 40 - length);
		view_init(&v, ev);
		v.l4_len = len;
		v.l4_avail = (caplen < len + 40 ? caplen : len + 40) - 40;
		print_upper(pr, &v, ev->ip_proto, sb);
	}
	put_ip6_trailer(pr, ev, sb);
}

/* ---- link layer (print-ether.c) ---- */

/* libpcap 0.7's eproto_db: the names 3.7.2 gives ethertypes with -e. */
static const char *eproto_name(uint16_t type)
{
	switch (type) {
	case 0x0200:
		return "pup";
	case 0x0500:
		return "sprite";
	case 0x0600:
		return "xns";
	case 0x0800:
		return "ip";
	case 0x0806:
		return "arp";
	case 0x6001:
		return "mopdl";
	case 0x6002:
		return "moprc";
	case 0x6003:
		return "decnet";
	case 0x6004:
		return "lat";
	case 0x6007:
		return "sca";
	case 0x8035:
		return "rarp";
	case 0x8038:
		return "lanbridge";
	case 0x803c:
		return "decdns";
	case 0x803e:
		return "decdts";
	case 0x805b:
		return "vexp";
	case 0x805c:
		return "vprod";
	case 0x809b:
		return "atalk";
	case 0x80f3:
		return "atalkarp";
	case 0x86dd:
		return "ip6";
	case 0x9000:
		return "loopback";
	default:
		return NULL;
	}
}

/* etheraddr_string without /etc/ethers: "%x" per byte, no leading zeros. */
static void put_mac37(struct strbuf *sb, const uint8_t *mac)
{
	for (int i = 0; i < 6; i++) {
		if (i)
			sb_putc(sb, ':');
		sb_puthex(sb, mac[i], 0);
	}
}

/* ether_print: "src dst type length: ", the type left out with -q, 4 hex digits if unnamed. */
static void put_ether(struct printer *pr, const struct xs_event *ev, uint32_t length,
		      struct strbuf *sb)
{
	uint16_t type = be16(ev->etype[0]);
	const char *name = eproto_name(type);

	put_mac37(sb, ev->mac_src);
	sb_putc(sb, ' ');
	put_mac37(sb, ev->mac_dst);
	sb_putc(sb, ' ');
	if (!pr->o.qflag) {
		if (name)
			sb_puts(sb, name);
		else
			sb_puthex(sb, type, 4);
		sb_putc(sb, ' ');
	}
	sb_putu(sb, length);
	sb_puts(sb, ": ");
}

static void classic_link(struct printer *pr, const struct xs_event *ev, uint32_t length,
			 struct strbuf *sb)
{
	uint32_t caplen = ev->cap_len, orig = length;
	uint16_t type = be16(ev->etype[0]);

	if (caplen < 14 || length < 14 || ev->kind == XS_K_SHORT) {
		sb_puts(sb, "[|ether]");
		return;
	}
	if (pr->o.eflag)
		put_ether(pr, ev, orig, sb);
	length -= 14;
	caplen -= 14;
	/* 3.7.2 decodes 802.1Q only (whatever -e says); a QinQ outer type is just unknown. */
	for (unsigned i = 0; type == 0x8100 && i < ev->nvlan; i++) {
		uint16_t tci = be16(ev->vlan_tci[i]);

		sb_puts(sb, "802.1Q vlan#");
		sb_putu(sb, tci & 0xfff);
		sb_puts(sb, " P");
		sb_putu(sb, tci >> 13);
		sb_puts(sb, (tci & 0x1000) ? " CFI " : " ");
		type = be16(ev->etype[i + 1]);
		length -= 4;
		caplen -= 4;
	}
	switch (type) {
	case 0x0800:
		classic_ip4(pr, ev, length, caplen, sb);
		return;
	case 0x86dd:
		classic_ip6(pr, ev, length, caplen, sb);
		return;
	case 0x0806:
		print_arp(pr, ev, length, caplen, sb);
		return;
	default:
		/* 3.7.2 prints an unknown frame raw: this header, then a hex dump of the payload,
		 * left out here. */
		if (!pr->o.eflag)
			put_ether(pr, ev, orig, sb);
		return;
	}
}

void print_classic(struct printer *pr, const struct xs_event *ev, const struct pkt_info *pi,
		   struct strbuf *sb)
{
	put_ts(pr, sb, pi);
	classic_link(pr, ev, pi->wire_len, sb);
	sb_putc(sb, '\n');
}
