// SPDX-License-Identifier: GPL-2.0-only
/*
 * The TCP part of a record, as tcpdump 4.99.3's tcp_print() prints it (RFC 9293 header),
 * including its relative sequence numbers: per-connection bases created or reset only by a
 * segment with ACK set, never freed, keyed on addresses and ports put in one canonical order.
 */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "internal.h"
#include "tcpopt.h"

#define TH_FIN 0x01
#define TH_SYN 0x02
#define TH_RST 0x04
#define TH_ACK 0x10
#define TH_URG 0x20

#define SEQ_BUCKETS 16384

struct seq_entry {
	struct seq_entry *next;
	uint8_t src[16]; /* the canonical order: see seq_lookup() */
	uint8_t dst[16];
	uint32_t port;
	uint32_t seq; /* tcpdump's th->seq and th->ack */
	uint32_t ack;
};

struct seq_table {
	struct seq_entry *b[SEQ_BUCKETS];
};

struct seq_table *seq_table_new(void)
{
	return calloc(1, sizeof(struct seq_table));
}

void seq_table_free(struct seq_table *t)
{
	if (!t)
		return;
	for (int i = 0; i < SEQ_BUCKETS; i++) {
		struct seq_entry *e = t->b[i], *next;

		for (; e; e = next) {
			next = e->next;
			free(e);
		}
	}
	free(t);
}

static unsigned seq_hash(const struct seq_entry *k)
{
	uint64_t h = k->port;

	/* A word at a time: this runs for every ACK printed. */
	for (int i = 0; i < 16; i += 4) {
		uint32_t s, d;

		memcpy(&s, k->src + i, 4);
		memcpy(&d, k->dst + i, 4);
		h = (h ^ s ^ (uint64_t)d << 32) * 0x9e3779b97f4a7c15ull;
	}
	return (unsigned)(h >> 40) % SEQ_BUCKETS;
}

/* Finds the connection's entry, or makes an empty one (*fresh set). NULL if out of memory. */
static struct seq_entry *seq_lookup(struct seq_table *t, const struct seq_entry *key, bool *fresh)
{
	unsigned h = seq_hash(key);
	struct seq_entry *e;

	for (e = t->b[h]; e; e = e->next)
		if (e->port == key->port && !memcmp(e->src, key->src, 16) &&
		    !memcmp(e->dst, key->dst, 16)) {
			*fresh = false;
			return e;
		}
	e = malloc(sizeof(*e));
	if (!e)
		return NULL;
	*e = *key;
	e->next = t->b[h];
	t->b[h] = e;
	*fresh = true;
	return e;
}

/*
 * print-ip.c ip_finddst(): with a source route, the pseudo header holds the route's last
 * address, not the header's destination. NULL when there is none. A kind in the area's last
 * byte has its length byte after the area (v->x holds it).
 */
static const uint8_t *route_final_dst4(const struct pview *v)
{
	const uint8_t *cp = v->x;
	uint32_t left = (v->ev->ip_vhl & 0xf) * 4u - 20, len;

	if (left + 1 > v->xcap)
		return NULL;
	for (; left; cp += len, left -= len) {
		if (cp[0] == 0) /* EOL */
			break;
		if (cp[0] == 1) { /* NOP */
			len = 1;
			continue;
		}
		if ((len = cp[1]) < 2 || len > left)
			break;
		if ((cp[0] == 131 || cp[0] == 137) && len >= 7) /* LSRR, SSRR */
			return cp + len - 4;
	}
	return NULL;
}

/*
 * print-ip6.c ip6_finddst(): the final destination the first routing header names; a
 * segment routing header's segment 0, which may lie past the header (v->x holds 16 bytes past
 * the extension headers).
 */
static const uint8_t *route_final_dst6(const struct pview *v)
{
	const uint8_t *x = v->x, *final = NULL;
	uint32_t cap = v->xcap;
	size_t off = 0, n, len;
	uint8_t nh = v->ev->ip_proto;

	while (off + 2 <= cap) {
		switch (nh) {
		case 0: /* hop-by-hop, destination options, mobility */
		case 60:
		case 62:
		case 135:
			nh = x[off];
			off += (x[off + 1] + (size_t)1) * 8;
			break;
		case 44: /* fragment */
			nh = x[off];
			off += 8;
			break;
		case 43: /* routing: the first one decides */
			if (off + 4 > cap || (x[off + 1] & 1))
				return NULL;
			len = x[off + 1] / 2u;
			if (x[off + 2] == 4) /* segment routing: segment 0 is the last hop */
				return off + 24 <= cap ? x + off + 8 : NULL;
			if (x[off + 2] != 0 && x[off + 2] != 2)
				return NULL;
			for (n = 0; n < len && off + 8 + 16 * (n + 1) <= cap; n++)
				final = x + off + 8 + 16 * n;
			return final;
		default:
			return NULL;
		}
	}
	return NULL;
}

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
static bool segment_whole(const struct printer *pr, const struct pview *v)
{
	const struct pkt_info *pi = pr->pkt;
	uint64_t end = (uint64_t)v->ev->l4_off + v->l4_len;

	return end <= (pi->data ? pi->cap_len : v->ev->wire_len);
}

/* What tcpdump prints of the payload after ", length N", when the packet's bytes are here. */
static void print_payload(struct printer *pr, const struct pview *v, uint32_t hlen, uint32_t length,
			  struct strbuf *sb)
{
	const struct xs_event *ev = v->ev;
	uint32_t start = ev->l4_off + hlen, end = ev->l4_off + v->l4_len;

	uint32_t captured;
	enum app_result r;

	if (end > pr->pkt->cap_len)
		end = pr->pkt->cap_len; /* bytes past the IP length (padding) are not payload */
	captured = end > start ? end - start : 0;
	r = print_tcp_payload(sb, be16(ev->l4.tcp.sport), be16(ev->l4.tcp.dport), ev->l4.tcp.flags,
			      pr->pkt->data + start, captured, length, pr->o.vflag);
	if (r == APP_TRUNCATED)
		pr->lost = true;
}

/*
 * tcpdump's relative sequence numbers (print-tcp.c 255-382, the same in 3.7.2): with ACK set
 * and no -S, seeds the connection's bases or subtracts them from *seq and *ack. Returns the base
 * of its SACK blocks, 0 when they stay absolute.
 */
uint32_t tcp_seq_relative(struct printer *pr, const struct pview *v, uint32_t *seq, uint32_t *ack)
{
	const struct xs_event *ev = v->ev;
	uint16_t sport = be16(ev->l4.tcp.sport), dport = be16(ev->l4.tcp.dport);
	uint8_t flags = ev->l4.tcp.flags;
	size_t alen = v->is6 ? 16 : 4;
	struct seq_entry key, *th;
	bool fresh;
	int rev;

	if (pr->o.Sflag || !(flags & TH_ACK))
		return 0;
	memset(&key, 0, sizeof(key));
	rev = sport > dport || (sport == dport && memcmp(v->saddr, v->daddr, alen) > 0);
	memcpy(key.src, rev ? v->daddr : v->saddr, alen);
	memcpy(key.dst, rev ? v->saddr : v->daddr, alen);
	key.port = rev ? (uint32_t)dport << 16 | sport : (uint32_t)sport << 16 | dport;
	th = seq_lookup(v->is6 ? pr->seq6 : pr->seq4, &key, &fresh);
	if (!th)
		return 0;
	if (fresh || (flags & TH_SYN)) {
		if (rev) {
			th->ack = *seq;
			th->seq = *ack - 1;
		} else {
			th->seq = *seq;
			th->ack = *ack - 1;
		}
	} else if (rev) {
		*seq -= th->ack;
		*ack -= th->seq;
	} else {
		*seq -= th->seq;
		*ack -= th->ack;
	}
	return rev ? th->seq : th->ack;
}

void print_tcp(struct printer *pr, const struct pview *v, struct strbuf *sb)
{
	const struct xs_event *ev = v->ev;
	uint32_t length = v->l4_len, hlen, seq, ack, sack_base;
	uint16_t sport, dport;
	uint8_t flags;

	/* What the kernel copied is bounded by the frame; tcpdump also by the IP length. */
	uint32_t avail = l4_captured(v);

	if (avail < 4) {
		put_host(pr, sb, v->saddr, v->is6);
		sb_puts(sb, " > ");
		put_host(pr, sb, v->daddr, v->is6);
		sb_putc(sb, ':');
		put_trunc(sb, "tcp");
		return;
	}
	sport = be16(ev->l4.tcp.sport);
	dport = be16(ev->l4.tcp.dport);
	if (ev->ip_proto == 6) {
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
	if (avail < 20) {
		put_trunc(sb, "tcp");
		return;
	}
	hlen = (ev->l4.tcp.doff >> 4) * 4u;
	if (hlen < 20) {
		sb_printf(sb, " tcp %u [bad hdr length %u - too short, < 20]", length - hlen, hlen);
		return;
	}
	seq = be32(ev->l4.tcp.seq);
	ack = be32(ev->l4.tcp.ack);
	if (pr->o.qflag) {
		sb_puts(sb, "tcp ");
		sb_putu(sb, (uint32_t)(length - hlen));
		if (hlen > length)
			sb_printf(sb, " [bad hdr length %u - too long, > %u]", hlen, length);
		return;
	}
	flags = ev->l4.tcp.flags;
	sb_puts(sb, "Flags [");
	if (!flags) {
		sb_puts(sb, "none");
	} else {
		static const char letters[] = "FSRP.UEW";

		for (int i = 0; i < 8; i++)
			if (flags & (1u << i))
				sb_putc(sb, letters[i]);
	}
	sb_putc(sb, ']');

	sack_base = tcp_seq_relative(pr, v, &seq, &ack);
	if (hlen > length) {
		sb_printf(sb, " [bad hdr length %u - too long, > %u]", hlen, length);
		return;
	}
	/* -v: the kernel summed the segment when all of it was there (XS_F_SUM). */
	if (pr->o.vflag && !pr->o.Kflag && !v->fragmented && (ev->flags & XS_F_SUM)) {
		uint16_t th_sum = be16(ev->l4.tcp.csum), sum = (uint16_t)~segment_sum(v);

		sb_printf(sb, ", cksum 0x%04x", th_sum);
		if (sum)
			sb_printf(sb, " (incorrect -> 0x%04x)", csum_shouldbe(th_sum, sum));
		else
			sb_puts(sb, " (correct)");
	}
	length -= hlen;
	if (pr->o.vflag > 1 || length > 0 || (flags & (TH_SYN | TH_FIN | TH_RST))) {
		sb_puts(sb, ", seq ");
		sb_putu(sb, seq);
		if (length > 0) {
			sb_putc(sb, ':');
			sb_putu(sb, (uint32_t)(seq + length));
		}
	}
	if (flags & TH_ACK) {
		sb_puts(sb, ", ack ");
		sb_putu(sb, ack);
	}
	sb_puts(sb, ", win ");
	sb_putu(sb, be16(ev->l4.tcp.win));
	if (flags & TH_URG) {
		sb_puts(sb, ", urg ");
		sb_putu(sb, be16(ev->l4.tcp.urg));
	}
	if (hlen > 20) {
		/* Captured from the options on, up to tcpdump's snapshot end (payload included);
		 * the event holds the option area's part of it. */
		uint32_t optlen = hlen - 20, cap = v->l4_avail > 20 ? v->l4_avail - 20 : 0;

		if (ev->l4x_len < optlen && cap > ev->l4x_len)
			cap = ev->l4x_len;
		enum opts_end end = print_tcp_options(sb, v->tail, optlen, cap,
						      segment_whole(pr, v), flags, sack_base);

		if (end != OPTS_MORE) {
			pr->lost = end == OPTS_LOST;
			return;
		}
	}
	sb_puts(sb, ", length ");
	sb_putu(sb, length);
	if (length && pr->pkt->data)
		print_payload(pr, v, hlen, length, sb);
}
