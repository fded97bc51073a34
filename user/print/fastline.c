// SPDX-License-Identifier: GPL-2.0-only
/*
 * The default line of a plain TCP segment, in one pass from its compact record (fastline.h).
 * Each check says which layer of print_packet() it stands for; the text goes straight into
 * the output through a local cursor, which the compiler keeps in a register (a strbuf's length
 * it must store back after every byte, as a char store may alias it).
 */
#include <string.h>

#include "compact_rec.h"
#include "fastline.h"
#include "proto.h"
#include "snaplen.h"
#include "tcpopt.h"
#include "tcpseq.h"
#include "wire.h"

/* Room for any line written here: the time stamp, two IPv6 endpoints and the numbers take
 * under 300 bytes, the words of 40 bytes of options under 700. */
#define FASTLINE_ROOM 2048

bool fastline_wanted(const struct print_opts *o)
{
	return o->nflag && !o->eflag && !o->qflag && !o->vflag && !o->xflag && !o->Xflag &&
	       !o->Aflag && !o->number && !o->json && !o->classic;
}

/* compact_decode()'s checks of the record's size and flags. */
static bool well_formed(const struct xs_compact *c, size_t size)
{
	if (size < XS_COMPACT_FIXED || size > sizeof(*c) || c->version != XS_COMPACT_VERSION ||
	    (c->cflags & ~(XS_C_IP6 | XS_C_EGRESS)) || c->l4x_len > XS_MAX_OPT)
		return false;
	return xs_compact_size(c->cflags & XS_C_IP6, c->l4x_len) == size;
}

/*
 * The IP layer's lengths, or false where print_ip4() or print_ip6() would say more than
 * "IP "/"IP6 " and the addresses: a header cut short, a length past the frame (" bytes
 * missing!"), one too short for the header, an IPv6 payload length of 0 (Jumbo).
 */
static bool ip_lengths(struct fastline *fl, const struct xs_compact *c)
{
	bool ip6 = c->cflags & XS_C_IP6;
	uint32_t length = c->wire_len - XS_ETH_HLEN, caplen = c->cap_len - XS_ETH_HLEN;
	uint32_t hlen = ip6 ? XS_IP6_HLEN : XS_IP4_HLEN, len = be16(c->ip_len);

	if (ip6) {
		if ((c->ip_vhl >> 4) != 6 || !len)
			return false;
		len += XS_IP6_HLEN;
	} else if (c->ip_vhl != 0x45) {
		return false;
	}
	if (caplen < hlen || length < len || len < hlen)
		return false;
	if (caplen > len)
		caplen = len; /* tcpdump's snapshot ends at the IP length */
	fl->l4_len = len - hlen;
	fl->l4_avail = caplen - hlen;
	return true;
}

bool fastline_take(struct fastline *fl, const void *rec, size_t size)
{
	const struct xs_compact *c = rec;

	if (!well_formed(c, size))
		return false;
	/* print_packet()'s "[Invalid header: ...]" and print_ether()'s " [|ether]". */
	if (c->cap_len < XS_ETH_HLEN || c->wire_len < c->cap_len || c->wire_len > MAXIMUM_SNAPLEN)
		return false;
	if (!ip_lengths(fl, c))
		return false;
	/* print_tcp(): the whole fixed header captured, a data offset of 20 bytes or more and
	 * within the segment. */
	fl->hlen = (c->tcp[12] >> 4) * 4u;
	fl->c = c;
	return fl->l4_avail >= XS_TCP_HLEN && fl->hlen >= XS_TCP_HLEN && fl->hlen <= fl->l4_len;
}

/* The fields of the record's event tcpseq.h may read, as compact_decode() makes them. */
static void make_event(struct fastline *fl, const struct pkt_info *pi)
{
	const struct xs_compact *c = fl->c;
	struct xs_event *ev = &fl->ev;
	bool ip6 = c->cflags & XS_C_IP6;

	ev->ts_ns = c->ts_ns;
	ev->wire_len = c->wire_len;
	ev->cap_len = c->cap_len;
	ev->version = XS_EVENT_VERSION;
	ev->kind = XS_K_TCP;
	ev->stop = XS_S_OK;
	ev->flags = (ip6 ? XS_F_IP6 : XS_F_IP4) | (c->cflags & XS_C_EGRESS ? XS_F_EGRESS : 0);
	ev->l3_off = XS_ETH_HLEN;
	ev->l4_off = XS_ETH_HLEN + (ip6 ? XS_IP6_HLEN : XS_IP4_HLEN);
	ev->l4_cap = XS_TCP_HLEN;
	ev->l4x_len = c->l4x_len;
	ev->etype[0] = ev->etype_l3 = ip6 ? be16(XS_ETH_P_IPV6) : be16(XS_ETH_P_IP);
	ev->ip_vhl = c->ip_vhl;
	ev->ip_tos = c->ip_tos;
	ev->ip_proto = ev->l4_proto = XS_IPPROTO_TCP;
	ev->ip_len = c->ip_len;
	memcpy(ev->l4.raw, c->tcp, sizeof(c->tcp));
	ev->ifindex = c->ifindex;
	ev->pkt_type = c->pkt_type;
	memcpy(ev->var, c->var, ip6 ? 32 : 8); /* the options are read from the record */
	view_init(&fl->v, ev, pi);
}

/* 4.99's "Flags [S.]" for every flags byte, made once. */
static char flag_text[256][16];
static uint8_t flag_len[256];

static void make_flag_text(void)
{
	static const char letters[] = "FSRP.UEW"; /* bit 0 up: FIN SYN RST PSH ACK URG ECE CWR */

	for (unsigned f = 0; f < 256; f++) {
		char *p = flag_text[f];

		memcpy(p, "Flags [", 7);
		p += 7;
		for (unsigned b = 0; b < 8; b++)
			if (f & (1u << b))
				*p++ = letters[b];
		if (!f) {
			memcpy(p, "none", 4);
			p += 4;
		}
		*p++ = ']';
		flag_len[f] = (uint8_t)(p - flag_text[f]);
	}
}

/* A word, then a number: the cursor after them. */
static inline char *put_num(char *p, const char *word, size_t n, uint32_t v)
{
	unsigned digits = sb_ndigits32(v);

	memcpy(p, word, n);
	p += n;
	sb_digits32_at(p, v, digits);
	return p + digits;
}

/* "IP a.p > b.q: " */
static char *make_endpoints(char *p, const struct xs_compact *c)
{
	bool ip6 = c->cflags & XS_C_IP6;

	memcpy(p, ip6 ? "IP6 " : "IP  ", 4);
	p += ip6 ? 4 : 3;
	p += ip6 ? sb_ip6_text(p, c->var) : sb_ip4_text(p, c->var);
	p = put_num(p, ".", 1, rd16(c->tcp));
	memcpy(p, " > ", 3);
	p += 3;
	p += ip6 ? sb_ip6_text(p, c->var + 16) : sb_ip4_text(p, c->var + 4);
	p = put_num(p, ".", 1, rd16(c->tcp + 2));
	memcpy(p, ": ", 2);
	return p + 2;
}

/*
 * The endpoints' text from the slot of the latest record with the same ones, else made and
 * kept there: a connection's segments come in runs, and two IPv6 addresses take longer to
 * write than to look up.
 */
static char *put_endpoints(struct fastline *fl, char *p)
{
	const struct xs_compact *c = fl->c;
	uint64_t k[5] = {0}, h;
	struct fastline_ends *e;
	uint32_t ports;
	char *end;

	memcpy(&ports, c->tcp, sizeof(ports));
	if (c->cflags & XS_C_IP6) {
		memcpy(k, c->var, 32);
		k[4] = (uint64_t)ports | 1ull << 32;
	} else {
		memcpy(k, c->var, 8);
		k[4] = ports;
	}
	h = (k[0] ^ k[1] * 0x9e3779b97f4a7c15ull ^ k[2] ^ k[3] * 0xc2b2ae3d27d4eb4full) +
	    k[4] * 0x165667b19e3779f9ull;
	e = &fl->ends[(h ^ h >> 29) & (FASTLINE_ENDS - 1)];
	if (e->len && !memcmp(e->key, k, sizeof(k))) {
		memcpy(p, e->text, sizeof(e->text));
		return p + e->len;
	}
	end = make_endpoints(p, c);
	memcpy(e->key, k, sizeof(k));
	e->len = (uint8_t)(end - p);
	memcpy(e->text, p, e->len);
	return end;
}

/* print_tcp()'s put_tail(): ", seq 1:44, ack 1, win 502" and the urgent pointer. */
static char *put_numbers(char *p, const uint8_t *tcp, uint32_t seq, uint32_t ack, uint32_t length)
{
	uint8_t flags = tcp[13];

	if (length > 0 || (flags & (XS_TCP_SYN | XS_TCP_FIN | XS_TCP_RST))) {
		p = put_num(p, ", seq ", 6, seq);
		if (length > 0)
			p = put_num(p, ":", 1, seq + length);
	}
	if (flags & XS_TCP_ACK)
		p = put_num(p, ", ack ", 6, ack);
	p = put_num(p, ", win ", 6, rd16(tcp + 14));
	if (flags & XS_TCP_URG)
		p = put_num(p, ", urg ", 6, rd16(tcp + 18));
	return p;
}

/*
 * Any option area but nop,nop,TS: print_tcp_options(), on a copy padded with zeros as the
 * event's tail is (it may read a byte past the area). False when the record ends in them.
 */
static bool other_options(char **p, char *end, const struct fastline *fl, const uint8_t *opt,
			  uint32_t optlen, uint32_t cap, uint32_t sack_base)
{
	const struct xs_compact *c = fl->c;
	uint64_t seg_end = (uint64_t)fl->ev.l4_off + fl->l4_len;
	uint8_t padded[XS_MAX_OPT + 16] = {0};
	enum opts_end r;
	struct strbuf sb;

	memcpy(padded, opt, c->l4x_len);
	sb_init(&sb, *p, (size_t)(end - *p));
	r = print_tcp_options(&sb, padded, optlen, cap, seg_end <= c->wire_len, c->tcp[13],
			      sack_base);
	*p += sb.len;
	return r == OPTS_MORE;
}

/* print_tcp()'s put_options(), up to end: false when the record ends in them. */
static bool put_options(char **p, char *end, const struct fastline *fl, uint32_t sack_base)
{
	const struct xs_compact *c = fl->c;
	const uint8_t *opt = c->var + (c->cflags & XS_C_IP6 ? 32 : 8);
	uint32_t optlen = fl->hlen - XS_TCP_HLEN, cap = fl->l4_avail - XS_TCP_HLEN;

	if (c->l4x_len < optlen && cap > c->l4x_len)
		cap = c->l4x_len;
	/* The area of nearly every segment once a connection is up (RFC 7323 appendix A). */
	if (optlen == 12 && cap >= 12 && opt[0] == XS_TCPOPT_NOP && opt[1] == XS_TCPOPT_NOP &&
	    opt[2] == XS_TCPOPT_TS && opt[3] == 10) {
		*p = put_num(*p, ", options [nop,nop,TS val ", 26, rd32(opt + 4));
		*p = put_num(*p, " ecr ", 5, rd32(opt + 8));
		*(*p)++ = ']';
		return true;
	}
	return other_options(p, end, fl, opt, optlen, cap, sack_base);
}

/* The line after the time stamp, from p up to end (FASTLINE_ROOM bytes at least). */
static char *put_line(struct printer *pr, struct fastline *fl, char *p, char *end)
{
	const struct xs_compact *c = fl->c;
	uint32_t seq = rd32(c->tcp + 4), ack = rd32(c->tcp + 8), sack_base;
	uint8_t flags = c->tcp[13];
	struct tcp_seq_ref ref;

	tcp_seq_prepare(pr, &fl->v, &ref);
	p = put_endpoints(fl, p);
	if (!flag_len[0])
		make_flag_text();
	memcpy(p, flag_text[flags], sizeof(flag_text[flags]));
	p += flag_len[flags];
	sack_base = tcp_seq_relative(pr, &fl->v, &ref, &seq, &ack);
	p = put_numbers(p, c->tcp, seq, ack, fl->l4_len - fl->hlen);
	if (fl->hlen > XS_TCP_HLEN && !put_options(&p, end, fl, sack_base))
		return p;
	return put_num(p, ", length ", 9, fl->l4_len - fl->hlen);
}

void fastline_print(struct printer *pr, struct fastline *fl, const struct pkt_info *pi,
		    struct strbuf *sb)
{
	char spare[FASTLINE_ROOM], *start, *p;

	pr->count++;
	make_event(fl, pi);
	/* Straight into the output when it has the room (a sink's always has). */
	start = sb->cap - sb->len >= FASTLINE_ROOM ? sb->buf + sb->len : spare;
	p = timefmt_same_second(&pr->tf, start, pi->sec, pkt_frac(pr, pi));
	if (!p) {
		struct strbuf ts;

		sb_init(&ts, start, FASTLINE_ROOM);
		timefmt_print(&pr->tf, &ts, pi->sec, pkt_frac(pr, pi));
		p = start + ts.len;
	}
	p = put_line(pr, fl, p, start + FASTLINE_ROOM - 1);
	*p++ = '\n';
	if (start == spare)
		sb_putn(sb, spare, (size_t)(p - spare));
	else
		sb->len += (size_t)(p - start);
}
