// SPDX-License-Identifier: GPL-2.0-only
/*
 * The TCP part of a record, as tcpdump 4.99.3's tcp_print() prints it (RFC 9293 header),
 * including its relative sequence numbers: per-connection bases created or reset only by a
 * segment with ACK set, never freed, keyed on addresses and ports put in one canonical order.
 */
#include <stdlib.h>
#include <string.h>

#include "print_internal.h"
#include "print_tcpopt.h"

#define TH_FIN 0x01
#define TH_SYN 0x02
#define TH_RST 0x04
#define TH_ACK 0x10
#define TH_URG 0x20

#define SEQ_BUCKETS 4096

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
	unsigned h = k->port * 2654435761u;

	for (int i = 0; i < 16; i++)
		h = (h ^ k->src[i] ^ (unsigned)k->dst[i] << 8) * 16777619u;
	return h % SEQ_BUCKETS;
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

void print_tcp(struct printer *pr, const struct pview *v, struct strbuf *sb)
{
	const struct xs_event *ev = v->ev;
	uint32_t length = v->l4_len, hlen, seq, ack, thseq = 0, thack = 0;
	uint16_t sport, dport;
	uint8_t flags;
	int rev = 0;

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

	if (!pr->o.Sflag && (flags & TH_ACK)) {
		struct seq_entry key, *th;
		int alen = v->is6 ? 16 : 4;
		bool fresh;

		memset(&key, 0, sizeof(key));
		rev = sport > dport ||
		      (sport == dport && memcmp(v->saddr, v->daddr, (size_t)alen) > 0);
		memcpy(key.src, rev ? v->daddr : v->saddr, (size_t)alen);
		memcpy(key.dst, rev ? v->saddr : v->daddr, (size_t)alen);
		key.port = rev ? (uint32_t)dport << 16 | sport : (uint32_t)sport << 16 | dport;
		th = seq_lookup(v->is6 ? pr->seq6 : pr->seq4, &key, &fresh);
		if (th && (fresh || (flags & TH_SYN))) {
			if (rev) {
				th->ack = seq;
				th->seq = ack - 1;
			} else {
				th->seq = seq;
				th->ack = ack - 1;
			}
		} else if (th) {
			if (rev) {
				seq -= th->ack;
				ack -= th->seq;
			} else {
				seq -= th->seq;
				ack -= th->ack;
			}
		}
		if (th) {
			thseq = th->seq;
			thack = th->ack;
		}
	}
	if (hlen > length) {
		sb_printf(sb, " [bad hdr length %u - too long, > %u]", hlen, length);
		return;
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
		uint32_t optlen = hlen - 20;
		uint32_t cap = avail >= 20 ? v->l4_avail - 20 : 0;

		if (cap > ev->l4x_len)
			cap = ev->l4x_len;
		if (cap > optlen)
			cap = optlen;
		if (!print_tcp_options(sb, v->tail, optlen, cap, flags, rev ? thseq : thack))
			return;
	}
	sb_puts(sb, ", length ");
	sb_putu(sb, length);
}
