// SPDX-License-Identifier: GPL-2.0-only
/*
 * The TCP line (RFC 9293 header), in both dialects: 4.99.3's tcp_print() ("Flags [S.], seq 1:44,
 * ack 1, win 502, options [...], length 43" and what the payload shows) and 3.7.2's ("S.
 * 1:44(43) ack 1 win 502 <...>"). The two walk the header the same way; the dialect picks the
 * words, and the checks each made.
 */
#include "addr.h"
#include "app.h"
#include "csum.h"
#include "dns.h"
#include "proto.h"
#include "pseudo.h"
#include "tcp.h"
#include "tcpopt.h"
#include "tcpseq.h"
#include "wire.h"

/* The kernel's sum over the segment and its pseudo header, with tcpdump's destination (it
 * takes a source route's last address). */
static uint16_t segment_sum(const struct pview *v)
{
	const uint8_t *final = v->is6 ? route_final_dst6(v) : route_final_dst4(v);
	uint64_t sum = be16(v->ev->l4_sum);
	size_t alen = v->is6 ? 16 : 4;

	if (!final)
		return (uint16_t)sum;
	return csum_fold(csum_add(csum_sub(sum, v->daddr, alen), final, alen));
}

/*
 * Was the segment captured to its end, payload included? The packet's own capture length: the
 * file's in replay, the bytes a record carries, else the whole frame (a live capture has no
 * snapshot length); the event's cap_len is only the part the parser reads.
 */
static bool segment_whole(const struct pview *v)
{
	const struct pkt_info *pi = v->pkt;
	uint64_t end = (uint64_t)v->ev->l4_off + v->l4_len;

	return end <= (pi->data ? pi->cap_len : v->ev->wire_len);
}

/* What tcpdump prints of the payload after ", length N", when the packet's bytes are here. */
static void print_payload(const struct printer *pr, struct pview *v, uint32_t hlen, uint32_t length,
			  struct strbuf *sb)
{
	const struct xs_event *ev = v->ev;
	uint32_t start = ev->l4_off + hlen, end = ev->l4_off + v->l4_len;

	uint32_t captured;
	enum app_result r;

	if (end > v->pkt->cap_len)
		end = v->pkt->cap_len; /* bytes past the IP length (padding) are not payload */
	captured = end > start ? end - start : 0;
	r = print_tcp_payload(sb, be16(ev->l4.tcp.sport), be16(ev->l4.tcp.dport), ev->l4.tcp.flags,
			      v->pkt->data + start, captured, length, pr->o.vflag);
	if (r == APP_DNS) {
		bool lost = false;

		print_dns_tcp(pr, v->pkt->data + start, captured < length ? captured : length,
			      length, &lost, sb);
		r = lost ? APP_TRUNCATED : APP_PRINTED;
	}
	if (r == APP_TRUNCATED)
		v->lost = true;
}

/*
 * "a.p > b.q: ", or the ports alone when TCP is not the IP header's own protocol (after IPv6
 * extension headers), with the checks of what was captured around it. False when the record
 * ends there.
 */
static bool put_endpoints(const struct printer *pr, const struct pview *v, enum dialect d,
			  struct strbuf *sb)
{
	const struct xs_event *ev = v->ev;
	uint32_t avail = l4_captured(v);
	uint16_t sport, dport;

	if (avail < 4) {
		put_addr_pair(pr, v, sb);
		sb_puts(sb, ": [|tcp]");
		return false;
	}
	sport = be16(ev->l4.tcp.sport);
	dport = be16(ev->l4.tcp.dport);
	if (ev->ip_proto == XS_IPPROTO_TCP) {
		put_host(pr, sb, v->saddr, v->is6);
		sb_putc(sb, '.');
		put_port(pr, sb, sport, 0);
		sb_puts(sb, " > ");
		put_host(pr, sb, v->daddr, v->is6);
		sb_putc(sb, '.');
		put_port(pr, sb, dport, 0);
	} else {
		put_port(pr, sb, sport, 0);
		sb_puts(sb, " > ");
		put_port(pr, sb, dport, 0);
	}
	sb_puts(sb, ": ");
	if (avail < XS_TCP_HLEN) {
		if (d == TCPDUMP_372)
			sb_puts(sb, "[|tcp]");
		else
			put_trunc(sb, "tcp");
		return false;
	}
	return true;
}

/*
 * The data offset in bytes (*hlen), as each dialect checks it: 4.99 refuses one under 20 bytes,
 * 3.7.2 goes on. False when the record ends there, -q's short line among those.
 */
static bool header_len(const struct printer *pr, const struct pview *v, enum dialect d,
		       uint32_t *hlen, struct strbuf *sb)
{
	uint32_t length = v->l4_len;

	*hlen = (v->ev->l4.tcp.doff >> 4) * 4u;
	if (d == TCPDUMP_499 && *hlen < XS_TCP_HLEN) {
		sb_printf(sb, " tcp %u [bad hdr length %u - too short, < 20]", length - *hlen,
			  *hlen);
		return false;
	}
	if (!pr->o.qflag)
		return true;
	sb_puts(sb, "tcp ");
	if (d == TCPDUMP_372) {
		if (*hlen > length)
			sb_putc(sb, '-');
		sb_putu(sb, *hlen > length ? *hlen - length : length - *hlen);
	} else {
		sb_putu(sb, (uint32_t)(length - *hlen));
		if (*hlen > length)
			sb_printf(sb, " [bad hdr length %u - too long, > %u]", *hlen, length);
	}
	return false;
}

struct flag_letter {
	uint8_t bit;
	char c;
};

/* 4.99's "Flags [S.]": every bit, "none" for none. */
static const struct flag_letter letters_499[] = {
    {XS_TCP_FIN, 'F'}, {XS_TCP_SYN, 'S'}, {XS_TCP_RST, 'R'}, {XS_TCP_PSH, 'P'},
    {XS_TCP_ACK, '.'}, {XS_TCP_URG, 'U'}, {XS_TCP_ECE, 'E'}, {XS_TCP_CWR, 'W'},
};

/* 3.7.2's "S": S F R P W E in this order, or a lone '.'; ACK and URG show as " ack", " urg". */
static const struct flag_letter letters_372[] = {
    {XS_TCP_SYN, 'S'}, {XS_TCP_FIN, 'F'}, {XS_TCP_RST, 'R'},
    {XS_TCP_PSH, 'P'}, {XS_TCP_CWR, 'W'}, {XS_TCP_ECE, 'E'},
};

static void put_flags(struct strbuf *sb, uint8_t flags, enum dialect d)
{
	const struct flag_letter *t = d == TCPDUMP_372 ? letters_372 : letters_499;
	size_t n = d == TCPDUMP_372 ? sizeof(letters_372) / sizeof(t[0])
				    : sizeof(letters_499) / sizeof(t[0]);
	bool any = false;

	if (d == TCPDUMP_499)
		sb_puts(sb, "Flags [");
	for (size_t i = 0; i < n; i++) {
		if (flags & t[i].bit) {
			sb_putc(sb, t[i].c);
			any = true;
		}
	}
	if (!any)
		sb_puts(sb, d == TCPDUMP_372 ? "." : "none");
	if (d == TCPDUMP_499)
		sb_putc(sb, ']');
}

/*
 * -v: the verdict on the checksum, from the kernel's sum over the whole segment (XS_F_SUM), which
 * it takes only when all of it was captured: both tcpdumps' condition too. 4.99: ", cksum
 * 0x1234 (correct)", with tcpdump's destination in the pseudo header (a source route's last
 * address). 3.7.2: " [tcp sum ok]" or " [bad tcp cksum %x!]" (print-tcp.c 395-416) with
 * in_cksum's answer, the sum's complement, summed in host order: on the little-endian PCs
 * whose lines are quoted, and so here, it reads byte-swapped ("4f2" for 0xf204); its pseudo
 * header holds the header's destination even with a source route.
 */
static void put_cksum(const struct printer *pr, const struct pview *v, enum dialect d,
		      struct strbuf *sb)
{
	const struct xs_event *ev = v->ev;
	uint16_t th_sum = be16(ev->l4.tcp.csum), sum;

	if (!pr->o.vflag || pr->o.Kflag || v->fragmented || !(ev->flags & XS_F_SUM))
		return;
	if (d == TCPDUMP_372) {
		sum = (uint16_t)~be16(ev->l4_sum);
		if (!sum) {
			sb_puts(sb, " [tcp sum ok]");
			return;
		}
		sb_puts(sb, " [bad tcp cksum ");
		sb_puthex(sb, __builtin_bswap16(sum), 0);
		sb_puts(sb, "!]");
		return;
	}
	sum = (uint16_t)~segment_sum(v);
	sb_printf(sb, ", cksum 0x%04x", th_sum);
	if (sum)
		sb_printf(sb, " (incorrect -> 0x%04x)", csum_shouldbe(th_sum, sum));
	else
		sb_puts(sb, " (correct)");
}

/*
 * Sequence numbers, ack, window, urgent pointer: ", seq 1:44, ack 1, win 502" (4.99) or
 * " 1:44(43) ack 1 win 502" (3.7.2). length is the payload's.
 */
static void put_tail(const struct printer *pr, const struct xs_event *ev, uint32_t seq,
		     uint32_t ack, uint32_t length, enum dialect d, struct strbuf *sb)
{
	const char *sep = d == TCPDUMP_372 ? " " : ", ";
	uint8_t flags = ev->l4.tcp.flags;

	/* Words and numbers straight into the line: printf here was a fifth of a line's cost. */
	if (pr->o.vflag > 1 || length > 0 || (flags & (XS_TCP_SYN | XS_TCP_FIN | XS_TCP_RST))) {
		if (d == TCPDUMP_372) {
			sb_putc(sb, ' ');
			sb_putu(sb, seq);
			sb_putc(sb, ':');
			sb_putu(sb, (uint32_t)(seq + length));
			sb_putc(sb, '(');
			sb_putu(sb, length);
			sb_putc(sb, ')');
		} else {
			sb_puts(sb, ", seq ");
			sb_putu(sb, seq);
			if (length > 0) {
				sb_putc(sb, ':');
				sb_putu(sb, (uint32_t)(seq + length));
			}
		}
	}
	if (flags & XS_TCP_ACK) {
		sb_puts(sb, sep);
		sb_puts(sb, "ack ");
		sb_putu(sb, ack);
	}
	sb_puts(sb, sep);
	sb_puts(sb, "win ");
	sb_putu(sb, be16(ev->l4.tcp.win));
	if (flags & XS_TCP_URG) {
		sb_puts(sb, sep);
		sb_puts(sb, "urg ");
		sb_putu(sb, be16(ev->l4.tcp.urg));
	}
}

/*
 * The option area of an hlen-byte header, as far as it was captured: from the options on, up to
 * tcpdump's snapshot end (payload included; the event holds the area's part of it). False when
 * the record ends in them (4.99 only: 3.7.2 closed the list and went on).
 */
static bool put_options(struct pview *v, uint32_t hlen, uint32_t sack_base, enum dialect d,
			struct strbuf *sb)
{
	const struct xs_event *ev = v->ev;
	uint32_t optlen = hlen - XS_TCP_HLEN, cap;
	enum opts_end end;

	if (d == TCPDUMP_372) {
		/* 3.7.2's unsigned arithmetic: less than a header captured leaves the event's. */
		cap = v->l4_avail - XS_TCP_HLEN < ev->l4x_len ? v->l4_avail - XS_TCP_HLEN
							      : ev->l4x_len;
		print_tcp_options_372(sb, v->tail, optlen, cap, sack_base);
		return true;
	}
	cap = v->l4_avail > XS_TCP_HLEN ? v->l4_avail - XS_TCP_HLEN : 0;
	if (ev->l4x_len < optlen && cap > ev->l4x_len)
		cap = ev->l4x_len;
	end = print_tcp_options(sb, v->tail, optlen, cap, segment_whole(v), ev->l4.tcp.flags,
				sack_base);
	if (end == OPTS_MORE)
		return true;
	v->lost = end == OPTS_LOST;
	return false;
}

void print_tcp(struct printer *pr, struct pview *v, enum dialect d, struct strbuf *sb)
{
	const struct xs_event *ev = v->ev;
	uint32_t length = v->l4_len, hlen, seq, ack, sack_base;
	struct tcp_seq_ref ref;

	if (v->seq)
		ref = *v->seq;
	else
		tcp_seq_prepare(pr, v, &ref);
	if (!put_endpoints(pr, v, d, sb) || !header_len(pr, v, d, &hlen, sb))
		return;
	put_flags(sb, ev->l4.tcp.flags, d);
	seq = be32(ev->l4.tcp.seq);
	ack = be32(ev->l4.tcp.ack);
	sack_base = tcp_seq_relative(pr, v, &ref, &seq, &ack);
	if (hlen > length) {
		if (d == TCPDUMP_372)
			sb_puts(sb, " [bad hdr length]");
		else
			sb_printf(sb, " [bad hdr length %u - too long, > %u]", hlen, length);
		return;
	}
	put_cksum(pr, v, d, sb);
	length -= hlen;
	put_tail(pr, ev, seq, ack, length, d, sb);
	/* A data offset under 5 leaves no option area, as 3.7.2's signed "hlen -= 20" did. */
	if (hlen > XS_TCP_HLEN && !put_options(v, hlen, sack_base, d, sb))
		return;
	if (d == TCPDUMP_372)
		return;
	sb_puts(sb, ", length ");
	sb_putu(sb, length);
	if (length && v->pkt->data)
		print_payload(pr, v, hlen, length, sb);
}
