// SPDX-License-Identifier: GPL-2.0-only
/*
 * The default line of a plain TCP segment, in one pass from its ring record (fastline.h).
 * Each check says which layer of print_packet() it stands for; the text goes straight into
 * the output through a local cursor, which the compiler keeps in a register (a strbuf's length
 * it must store back after every byte, as a char store may alias it).
 */
#include <string.h>

#include "app.h"
#include "compact_rec.h"
#include "dns.h"
#include "fastline.h"
#include "proto.h"
#include "snaplen.h"
#include "tcpopt.h"
#include "tcpseq.h"
#include "wire.h"

/* Room for any line written here but its payload's text: the time stamp, two IPv6 endpoints
 * and the numbers take under 300 bytes, the words of 40 bytes of options under 700. */
#define FASTLINE_ROOM 2048

/* The addresses and the option area, and the zeros after them, that a compact record sets:
 * in words, as the record rounds its length up to one. */
#define VAR_WORDS ((32 + XS_MAX_OPT + 8) / 8)

/*
 * The first n bytes of a compact record's var (within its length, rounded up to 8), then
 * zeros up to VAR_WORDS words, a word at a time: the compiler made a memcpy() and memset() of
 * a variable length into `rep movs` and `rep stos`, whose start-up took a tenth of a line.
 */
static void copy_var(uint8_t *dst, const uint8_t *src, uint32_t n)
{
#pragma GCC unroll 10
	for (uint32_t i = 0; i < VAR_WORDS; i++) {
		uint64_t w = 0;

		if (8 * i < n) {
			memcpy(&w, src + (size_t)8 * i, sizeof(w));
			if (n - 8 * i < 8) /* the word the bytes end in: its first n - 8 * i */
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
				w &= (1ull << 8 * (n - 8 * i)) - 1;
#else
				w &= ~0ull << 8 * (8 - (n - 8 * i));
#endif
		}
		memcpy(dst + (size_t)8 * i, &w, sizeof(w));
	}
}

bool fastline_wanted(const struct print_opts *o)
{
	return o->nflag && !o->eflag && !o->qflag && !o->vflag && !o->xflag && !o->Xflag &&
	       !o->Aflag && !o->number && !o->json && !o->classic;
}

/*
 * A compact record into fl->ev, as compact_decode() makes it; false for one it refuses. The
 * options and the zeros after them too: print_tcp_options() may read a byte past the area.
 */
static bool from_compact(struct fastline *fl, const struct xs_compact *c, size_t size)
{
	struct xs_event *ev = &fl->ev;
	bool ip6 = c->cflags & XS_C_IP6;

	if (size < XS_COMPACT_FIXED || size > sizeof(*c) ||
	    (c->cflags & ~(XS_C_IP6 | XS_C_EGRESS)) || c->l4x_len > XS_MAX_OPT ||
	    xs_compact_size(ip6, c->l4x_len) != size)
		return false;
	if (fl->copied) {
		memset(ev, 0, sizeof(*ev));
		fl->copied = false;
	}
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
	copy_var(ev->var, c->var, (ip6 ? 32 : 8) + c->l4x_len);
	fl->data = NULL;
	fl->data_len = 0;
	return true;
}

/*
 * A decoded event (decode_event()), with the frame's bytes it came with, into fl->ev, when it
 * has the shape of a compact record's event besides the bytes.
 */
static bool from_event(struct fastline *fl, const struct xs_event *ev, const uint8_t *data,
		       uint32_t data_len)
{
	struct xs_event *e = &fl->ev;
	bool ok;

	memcpy(e, ev, sizeof(*e));
	fl->copied = true;
	fl->data = data;
	fl->data_len = data ? data_len : 0;
	e->flags &= (uint16_t)~XS_F_DATA;
	ok = xs_compact_ok(e) && !(be16(e->ip_frag) & XS_IP_OFFMASK) &&
	     e->etype[0] == (e->flags & XS_F_IP6 ? be16(XS_ETH_P_IPV6) : be16(XS_ETH_P_IP));
	e->flags = ev->flags;
	return ok;
}

/*
 * The IP layer's lengths, or false where print_ip4() or print_ip6() would say more than
 * "IP "/"IP6 " and the addresses: a header cut short, a length past the frame (" bytes
 * missing!"), one too short for the header, an IPv6 payload length of 0 (Jumbo).
 */
static bool ip_lengths(struct fastline *fl)
{
	const struct xs_event *ev = &fl->ev;
	bool ip6 = ev->flags & XS_F_IP6;
	uint32_t length = ev->wire_len - XS_ETH_HLEN, caplen = ev->cap_len - XS_ETH_HLEN;
	uint32_t hlen = ip6 ? XS_IP6_HLEN : XS_IP4_HLEN, len = be16(ev->ip_len);

	if (ip6) {
		if ((ev->ip_vhl >> 4) != 6 || !len)
			return false;
		len += XS_IP6_HLEN;
	} else if (ev->ip_vhl != 0x45) {
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

/* The checks of print_packet()'s layers, on the event fl holds. */
static bool lines_up(struct fastline *fl)
{
	const struct xs_event *ev = &fl->ev;
	uint32_t pcap = fl->data ? fl->data_len : ev->cap_len;

	/* print_packet()'s "[Invalid header: ...]" (the packet's capture length: the bytes the
	 * record carries, else the event's) and print_ether()'s " [|ether]". */
	if (!pcap || ev->wire_len < pcap || ev->wire_len > MAXIMUM_SNAPLEN ||
	    ev->cap_len < XS_ETH_HLEN || ev->wire_len < XS_ETH_HLEN || !ip_lengths(fl))
		return false;
	/* print_tcp(): the whole fixed header captured, a data offset of 20 bytes or more and
	 * within the segment. */
	fl->hlen = (ev->l4.tcp.doff >> 4) * 4u;
	return fl->l4_avail >= XS_TCP_HLEN && fl->hlen >= XS_TCP_HLEN && fl->hlen <= fl->l4_len;
}

bool fastline_take(struct fastline *fl, const void *rec, size_t size)
{
	if (size <= XS_COMPACT_VERSION_AT ||
	    ((const uint8_t *)rec)[XS_COMPACT_VERSION_AT] != XS_COMPACT_VERSION)
		return false;
	return from_compact(fl, rec, size) && lines_up(fl);
}

bool fastline_take_event(struct fastline *fl, const struct xs_event *ev, const uint8_t *data,
			 uint32_t data_len)
{
	return from_event(fl, ev, data, data_len) && lines_up(fl);
}

/* n bytes of text (no terminator) at p: the cursor after them. */
static inline char *put_text(char *p, const char *text, size_t n)
{
	memcpy(p, text, n);
	return p + n;
}

/* 4.99's "Flags [S.]" for every flags byte, made once. */
static char flag_text[256][16];
static uint8_t flag_len[256];

static void make_flag_text(void)
{
	static const char letters[] = "FSRP.UEW"; /* bit 0 up: FIN SYN RST PSH ACK URG ECE CWR */

	for (unsigned f = 0; f < 256; f++) {
		char *p = flag_text[f];

		p = put_text(p, "Flags [", 7);
		for (unsigned b = 0; b < 8; b++)
			if (f & (1u << b))
				*p++ = letters[b];
		if (!f)
			p = put_text(p, "none", 4);
		*p++ = ']';
		flag_len[f] = (uint8_t)(p - flag_text[f]);
	}
}

/* The digits of v: from its highest bit (Bit Twiddling Hacks' integer log base 10), not ten
 * compares. */
static inline unsigned digits(uint32_t v)
{
	static const uint32_t pow10[10] = {1,	   10,	    100,      1000,	 10000,
					   100000, 1000000, 10000000, 100000000, 1000000000};
	unsigned t = (32 - (unsigned)__builtin_clz(v | 1)) * 1233 >> 12;

	return t + ((v | 1) >= pow10[t]);
}

/* A word, then a number, written in place (digits read back from a scratch buffer stalled on
 * store forwarding): the cursor after them. */
static inline char *put_num(char *p, const char *word, size_t n, uint32_t v)
{
	unsigned nd = digits(v);

	p = put_text(p, word, n);
	sb_digits32_at(p, v, nd);
	return p + nd;
}

/* "IP a.p > b.q: " */
static char *make_endpoints(char *p, const struct xs_event *ev)
{
	bool ip6 = ev->flags & XS_F_IP6;

	/* Four bytes either way (a constant length); IPv4's cursor goes back over the last. */
	p = put_text(p, ip6 ? "IP6 " : "IP  ", 4) - !ip6;
	p += ip6 ? sb_ip6_text(p, ev->var) : sb_ip4_text(p, ev->var);
	p = put_num(p, ".", 1, be16(ev->l4.tcp.sport));
	p = put_text(p, " > ", 3);
	p += ip6 ? sb_ip6_text(p, ev->var + 16) : sb_ip4_text(p, ev->var + 4);
	p = put_num(p, ".", 1, be16(ev->l4.tcp.dport));
	return put_text(p, ": ", 2);
}

/*
 * The endpoints' text from the slot of the latest record with the same ones, else made and
 * kept there: a connection's segments come in runs, and two IPv6 addresses take longer to
 * write than to look up.
 */
static char *put_endpoints(struct fastline *fl, char *p)
{
	const struct xs_event *ev = &fl->ev;
	uint64_t k[5] = {0}, h;
	struct fastline_ends *e;
	uint32_t ports;
	char *end;

	memcpy(&ports, ev->l4.raw, sizeof(ports));
	if (ev->flags & XS_F_IP6) {
		memcpy(k, ev->var, 32);
		k[4] = (uint64_t)ports | 1ull << 32;
	} else {
		memcpy(k, ev->var, 8);
		k[4] = ports;
	}
	h = (k[0] ^ k[1] * 0x9e3779b97f4a7c15ull ^ k[2] ^ k[3] * 0xc2b2ae3d27d4eb4full) +
	    k[4] * 0x165667b19e3779f9ull;
	e = &fl->ends[(h ^ h >> 29) & (FASTLINE_ENDS - 1)];
	if (e->len && !memcmp(e->key, k, sizeof(k))) {
		memcpy(p, e->text, sizeof(e->text));
		return p + e->len;
	}
	end = make_endpoints(p, ev);
	memcpy(e->key, k, sizeof(k));
	e->len = (uint8_t)(end - p);
	memcpy(e->text, p, sizeof(e->text)); /* a constant length: no `rep movs` */
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

/* print_tcp()'s put_options(), up to end: false when the record ends in them. */
static bool put_options(char **p, char *end, const struct fastline *fl, uint32_t sack_base)
{
	const struct xs_event *ev = &fl->ev;
	const uint8_t *opt = fl->v.tail;
	uint32_t optlen = fl->hlen - XS_TCP_HLEN, cap = fl->l4_avail - XS_TCP_HLEN;
	uint64_t seg_end = (uint64_t)ev->l4_off + fl->l4_len;
	enum opts_end r;
	struct strbuf sb;

	if (ev->l4x_len < optlen && cap > ev->l4x_len)
		cap = ev->l4x_len;
	/* The area of nearly every segment once a connection is up (RFC 7323 appendix A). */
	if (optlen == 12 && cap >= 12 && opt[0] == XS_TCPOPT_NOP && opt[1] == XS_TCPOPT_NOP &&
	    opt[2] == XS_TCPOPT_TS && opt[3] == 10) {
		*p = put_num(*p, ", options [nop,nop,TS val ", 26, rd32(opt + 4));
		*p = put_num(*p, " ecr ", 5, rd32(opt + 8));
		*(*p)++ = ']';
		return true;
	}
	/* Linux's SYN: the walk's words for it, which took it ten times a nop,nop,TS's time. */
	if (optlen == 20 && cap >= 20 && !memcmp(opt, "\x02\x04", 2) &&
	    !memcmp(opt + 4, "\x04\x02\x08\x0a", 4) && !memcmp(opt + 16, "\x01\x03\x03", 3)) {
		*p = put_num(*p, ", options [mss ", 15, rd16(opt + 2));
		*p = put_num(*p, ",sackOK,TS val ", 15, rd32(opt + 8));
		*p = put_num(*p, " ecr ", 5, rd32(opt + 12));
		*p = put_num(*p, ",nop,wscale ", 12, opt[19]);
		*(*p)++ = ']';
		return true;
	}
	/* print_tcp()'s segment_whole(): to the end of the bytes held, or of the frame. */
	sb_init(&sb, *p, (size_t)(end - *p));
	r = print_tcp_options(&sb, opt, optlen, cap,
			      seg_end <= (fl->data ? fl->data_len : ev->wire_len), ev->l4.tcp.flags,
			      sack_base);
	*p += sb.len;
	return r == OPTS_MORE;
}

/* print_tcp()'s print_payload(): what the payload's decoder prints after ", length N". */
static void put_payload(const struct printer *pr, const struct fastline *fl, uint32_t length,
			struct strbuf *sb)
{
	const struct xs_event *ev = &fl->ev;
	uint32_t start = ev->l4_off + fl->hlen, end = ev->l4_off + fl->l4_len, captured;
	enum app_result r;
	bool lost = false;

	if (end > fl->data_len)
		end = fl->data_len; /* bytes past the IP length (padding) are not payload */
	captured = end > start ? end - start : 0;
	r = print_tcp_payload(sb, be16(ev->l4.tcp.sport), be16(ev->l4.tcp.dport), ev->l4.tcp.flags,
			      fl->data + start, captured, length, 0);
	if (r == APP_DNS)
		print_dns_tcp(pr, fl->data + start, captured < length ? captured : length, length,
			      &lost, sb);
}

/* The line after the time stamp, from p up to end (FASTLINE_ROOM bytes at least), and the
 * payload's part, if any, into sb (*payload). */
static char *put_line(struct printer *pr, struct fastline *fl, char *p, char *end, bool *payload)
{
	const struct xs_event *ev = &fl->ev;
	uint32_t seq = be32(ev->l4.tcp.seq), ack = be32(ev->l4.tcp.ack), sack_base;
	uint32_t length = fl->l4_len - fl->hlen;
	uint8_t flags = ev->l4.tcp.flags;
	struct tcp_seq_ref ref;

	*payload = false;
	tcp_seq_prepare(pr, &fl->v, &ref);
	p = put_endpoints(fl, p);
	if (!flag_len[0])
		make_flag_text();
	memcpy(p, flag_text[flags], sizeof(flag_text[flags]));
	p += flag_len[flags];
	sack_base = tcp_seq_relative(pr, &fl->v, &ref, &seq, &ack);
	p = put_numbers(p, ev->l4.raw, seq, ack, length);
	if (fl->hlen > XS_TCP_HLEN && !put_options(&p, end, fl, sack_base))
		return p;
	*payload = length && fl->data;
	return put_num(p, ", length ", 9, length);
}

/* The time stamp and the line at start, which has FASTLINE_ROOM bytes: their end. */
static char *put_record(struct printer *pr, struct fastline *fl, const struct pkt_info *pi,
			char *start, bool *payload)
{
	char *p = timefmt_same_second(&pr->tf, start, pi->sec, pkt_frac(pr, pi));

	if (!p) {
		struct strbuf ts;

		sb_init(&ts, start, FASTLINE_ROOM);
		timefmt_print(&pr->tf, &ts, pi->sec, pkt_frac(pr, pi));
		p = start + ts.len;
	}
	return put_line(pr, fl, p, start + FASTLINE_ROOM - 1, payload);
}

/* The same into an output short of the room: written aside first, then as much as fits. */
static void put_record_aside(struct printer *pr, struct fastline *fl, const struct pkt_info *pi,
			     struct strbuf *sb, bool *payload)
{
	char spare[FASTLINE_ROOM];
	char *end = put_record(pr, fl, pi, spare, payload);

	sb_putn(sb, spare, (size_t)(end - spare));
}

void fastline_print(struct printer *pr, struct fastline *fl, const struct pkt_info *pi,
		    struct strbuf *sb)
{
	struct pkt_info whole = *pi;
	bool payload;

	pr->count++;
	whole.data = fl->data;
	whole.wire_len = fl->ev.wire_len;
	whole.cap_len = fl->data ? fl->data_len : fl->ev.cap_len;
	view_init(&fl->v, &fl->ev, &whole);
	/* Straight into the output when it has the room (a sink's always has). */
	if (sb->cap - sb->len >= FASTLINE_ROOM)
		sb->len = (size_t)(put_record(pr, fl, pi, sb->buf + sb->len, &payload) - sb->buf);
	else
		put_record_aside(pr, fl, pi, sb, &payload);
	if (payload)
		put_payload(pr, fl, fl->l4_len - fl->hlen, sb);
	sb_putc(sb, '\n');
}
