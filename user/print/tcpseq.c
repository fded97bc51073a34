// SPDX-License-Identifier: GPL-2.0-only
/*
 * tcpdump's relative TCP sequence numbers (tcpseq.h): per-connection bases created or reset
 * only by a segment with ACK set, keyed on addresses and ports put in one canonical order.
 * tcpdump never frees one; here the least recently used goes once --max-conns are held
 * (lru.h), and its connection starts over as if new.
 */
#include <errno.h>
#include <string.h>

#include "lru.h"
#include "proto.h"
#include "tcpseq.h"
#include "wire.h"

struct seq_val {
	uint32_t seq; /* tcpdump's th->seq and th->ack */
	uint32_t ack;
};

int seq_tables_new(struct lru *seq[2], uint32_t max_conns)
{
	seq[0] = lru_new(sizeof(struct tcp_seq_key4), sizeof(struct seq_val), max_conns, NULL);
	seq[1] = lru_new(sizeof(struct tcp_seq_key6), sizeof(struct seq_val), max_conns, NULL);
	if (seq[0] && seq[1])
		return 0;
	lru_free(seq[0]);
	lru_free(seq[1]);
	seq[0] = seq[1] = NULL;
	return -ENOMEM;
}

/* The key's two addresses, the lower port's first, and its ports. */
static void put_key(uint8_t *src, uint8_t *dst, uint32_t *port, const struct pview *v, size_t alen,
		    uint16_t sport, uint16_t dport, bool rev)
{
	memcpy(src, rev ? v->daddr : v->saddr, alen);
	memcpy(dst, rev ? v->saddr : v->daddr, alen);
	*port = rev ? (uint32_t)dport << 16 | sport : (uint32_t)sport << 16 | dport;
}

void tcp_seq_prepare(const struct printer *pr, const struct pview *v, struct tcp_seq_ref *r)
{
	const struct xs_event *ev = v->ev;
	uint16_t sport = be16(ev->l4.tcp.sport), dport = be16(ev->l4.tcp.dport);
	size_t alen = v->is6 ? 16 : 4;
	struct lru *t;

	r->skip = pr->o.Sflag || !(ev->l4.tcp.flags & XS_TCP_ACK) || !v->saddr || !v->daddr;
	if (r->skip)
		return;
	r->is6 = v->is6;
	r->rev = sport > dport || (sport == dport && memcmp(v->saddr, v->daddr, alen) > 0);
	t = pr->seq[r->is6];
	if (r->is6)
		put_key(r->key.k6.src, r->key.k6.dst, &r->key.k6.port, v, alen, sport, dport,
			r->rev);
	else
		put_key(r->key.k4.src, r->key.k4.dst, &r->key.k4.port, v, alen, sport, dport,
			r->rev);
	r->hash = lru_hash(t, &r->key);
	lru_prefetch(t, r->hash);
}

void tcp_seq_prefetch(const struct printer *pr, const struct tcp_seq_ref *r)
{
	if (!r->skip)
		lru_prefetch_entry(pr->seq[r->is6], r->hash);
}

/*
 * tcpdump's relative sequence numbers (print-tcp.c 255-382, the same in 3.7.2): with ACK set
 * and no -S, seeds the connection's bases or subtracts them from *seq and *ack. Returns the base
 * of its SACK blocks, 0 when they stay absolute.
 */
uint32_t tcp_seq_relative(const struct printer *pr, const struct pview *v,
			  const struct tcp_seq_ref *r, uint32_t *seq, uint32_t *ack)
{
	struct seq_val *th;
	bool fresh;

	if (r->skip)
		return 0;
	th = lru_get_hashed(pr->seq[r->is6], &r->key, r->hash, &fresh);
	if (fresh || (v->ev->l4.tcp.flags & XS_TCP_SYN)) {
		if (r->rev) {
			th->ack = *seq;
			th->seq = *ack - 1;
		} else {
			th->seq = *seq;
			th->ack = *ack - 1;
		}
	} else if (r->rev) {
		*seq -= th->ack;
		*ack -= th->seq;
	} else {
		*seq -= th->seq;
		*ack -= th->ack;
	}
	return r->rev ? th->seq : th->ack;
}
